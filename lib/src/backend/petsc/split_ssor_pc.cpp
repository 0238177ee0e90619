#include "backend/petsc/split_ssor_pc.hpp"

#include <utility>

#include "backend/petsc/petsc_call.hpp"

namespace adasolve::backend::petsc_detail {

namespace {

SplitSsorPc& context_of(PC pc) {
  void* context = nullptr;
  PCShellGetContext(pc, &context);
  return *static_cast<SplitSsorPc*>(context);
}

}  // namespace

SplitSsorPc::SplitSsorPc(std::unique_ptr<SplitSsor> core, double omega, std::string who,
                         std::string shell_name)
    : core_(std::move(core)), omega_(omega), who_(std::move(who)), shell_name_(std::move(shell_name)) {}

void SplitSsorPc::attach(PC pc) {
  petsc_call(PCSetType(pc, PCSHELL), "PCSetType(PCSHELL)");
  petsc_call(PCShellSetContext(pc, this), "PCShellSetContext");
  petsc_call(PCShellSetSetUp(pc, &SplitSsorPc::setup), "PCShellSetSetUp");
  petsc_call(PCShellSetApply(pc, &SplitSsorPc::apply), "PCShellSetApply");
  petsc_call(PCShellSetName(pc, shell_name_.c_str()), "PCShellSetName");
}

void SplitSsorPc::rethrow_callback_error() {
  if (callback_error_) {
    std::rethrow_exception(std::exchange(callback_error_, nullptr));
  }
}

void SplitSsorPc::read_operator(PC pc) {
  Mat a = nullptr;
  petsc_call(PCGetOperators(pc, nullptr, &a), "PCGetOperators");
  PetscInt first = 0;
  PetscInt end = 0;
  petsc_call(MatGetOwnershipRange(a, &first, &end), "MatGetOwnershipRange");
  InterfaceSplitBuilder builder(first, end);
  for (PetscInt row = first; row < end; ++row) {
    PetscInt count = 0;
    const PetscInt* columns = nullptr;
    const PetscScalar* values = nullptr;
    petsc_call(MatGetRow(a, row, &count, &columns, &values), "MatGetRow");
    builder.add_row({columns, static_cast<std::size_t>(count)}, {values, static_cast<std::size_t>(count)});
    petsc_call(MatRestoreRow(a, row, &count, &columns, &values), "MatRestoreRow");
  }
  core_->setup(builder.finish(), who_);
}

PetscErrorCode SplitSsorPc::setup(PC pc) {
  auto& self = context_of(pc);
  try {
    self.read_operator(pc);
  } catch (...) {
    self.callback_error_ = std::current_exception();
    return PETSC_ERR_USER;
  }
  return 0;
}

PetscErrorCode SplitSsorPc::apply(PC pc, Vec r, Vec z) {
  auto& self = context_of(pc);
  const PetscScalar* r_array = nullptr;
  PetscScalar* z_array = nullptr;
  PetscInt n = 0;
  PetscCall(VecGetLocalSize(r, &n));
  PetscCall(VecGetArrayRead(r, &r_array));
  PetscCall(VecGetArrayWrite(z, &z_array));
  PetscErrorCode code = 0;
  try {
    const auto size = static_cast<std::size_t>(n);
    self.core_->apply({r_array, size}, {z_array, size}, self.omega_);
  } catch (...) {
    self.callback_error_ = std::current_exception();
    code = PETSC_ERR_USER;
  }
  PetscCall(VecRestoreArrayWrite(z, &z_array));
  PetscCall(VecRestoreArrayRead(r, &r_array));
  return code;
}

}  // namespace adasolve::backend::petsc_detail
