#include "backend/petsc/ksp_engine.hpp"

#include <cstring>
#include <type_traits>

#include "adasolve/core/error.hpp"
#include "adasolve/linear/sor.hpp"
#include "backend/petsc/interface_ssor.hpp"
#include "backend/petsc/petsc_call.hpp"
#include "backend/petsc/pipelined_ssor.hpp"

namespace adasolve::backend::petsc_detail {

// adasolve's CSR arrays are handed to PETSc without conversion (types.hpp, design.md "Index width").
static_assert(std::is_same_v<PetscInt, Index>, "PETSc must be built with 32-bit PetscInt");
static_assert(std::is_same_v<PetscScalar, Scalar>, "PETSc must be built with real double scalars");

namespace {

constexpr Blame kUser = Blame::user_choice;

/// Lends adasolve arrays to PETSc vector shells for one scope and takes them back on every exit path.
class LentArrays {
 public:
  LentArrays() = default;
  LentArrays(const LentArrays&) = delete;
  LentArrays& operator=(const LentArrays&) = delete;
  ~LentArrays() {
    for (int i = 0; i < count_; ++i) {
      VecResetArray(vectors_[i]);
    }
  }
  void lend(Vec v, const double* data) {
    petsc_call(VecPlaceArray(v, data), "VecPlaceArray");
    vectors_[count_++] = v;
  }

 private:
  Vec vectors_[2] = {nullptr, nullptr};
  int count_ = 0;
};

bool type_is(PetscObject object, const char* type) {
  PetscBool same = PETSC_FALSE;
  PetscObjectTypeCompare(object, type, &same);
  return same == PETSC_TRUE;
}

StopReason stop_reason(KSPConvergedReason reason) {
  switch (reason) {
    case KSP_DIVERGED_ITS:
      return StopReason::max_iterations;
    case KSP_DIVERGED_NANORINF:
      return StopReason::nan_or_inf;
    case KSP_DIVERGED_INDEFINITE_PC:
    case KSP_DIVERGED_INDEFINITE_MAT:
      return StopReason::indefinite;
    default:
      return reason > 0 ? StopReason::converged_rtol : StopReason::breakdown;
  }
}

}  // namespace

KspEngine::KspEngine(MPI_Comm comm, PetscKspSettings settings) : comm_(comm), settings_(std::move(settings)) {
  settings_.validate();
  if (!PetscSession::active()) {
    throw UsageError("PETSc solvers need a PetscSession (create one in main before any PETSc work)");
  }
}

void KspEngine::create_ksp() {
  petsc_call(KSPCreate(comm_, ksp_.out()), "KSPCreate");
  petsc_call(KSPSetOptionsPrefix(ksp_, settings_.options_prefix.c_str()), "KSPSetOptionsPrefix");
  petsc_call(KSPSetType(ksp_, settings_.ksp_type.c_str()), "KSPSetType", kUser);
  PC pc = nullptr;
  petsc_call(KSPGetPC(ksp_, &pc), "KSPGetPC");
  // "petsc-cg-interface-ssor" starts the shell's error messages (a zero diagonal, say).
  const std::string who = "petsc-" + settings_.ksp_type + "-" + settings_.pc_type;
  if (settings_.pc_type == kInterfaceSsorPcType) {
    split_ssor_ = std::make_unique<SplitSsorPc>(std::make_unique<InterfaceSsor>(comm_), settings_.omega, who,
                                                "interface-ordered SSOR (adasolve)");
    split_ssor_->attach(pc);
  } else if (settings_.pc_type == kPipelinedSsorPcType) {
    split_ssor_ = std::make_unique<SplitSsorPc>(
        std::make_unique<PipelinedSsor>(comm_, settings_.grid_columns, settings_.pipeline_block_columns),
        settings_.omega, who, "pipelined SSOR (adasolve)");
    split_ssor_->attach(pc);
  } else {
    petsc_call(PCSetType(pc, settings_.pc_type.c_str()), "PCSetType", kUser);
  }
  // Processor-local sweeps are the only SOR PETSc has for MPIAIJ; on one process they are global sweeps.
  petsc_call(
      PCSORSetSymmetric(pc, settings_.symmetric_sweep ? SOR_LOCAL_SYMMETRIC_SWEEP : SOR_LOCAL_FORWARD_SWEEP),
      "PCSORSetSymmetric");
  petsc_call(PCSORSetOmega(pc, settings_.omega), "PCSORSetOmega", kUser);
  petsc_call(PCEisenstatSetOmega(pc, settings_.omega), "PCEisenstatSetOmega", kUser);
  // The user's options (--petsc, under the prefix) override everything above.
  petsc_call(KSPSetFromOptions(ksp_), "KSPSetFromOptions", kUser);

  // Our stopping rule on the unpreconditioned residual (methods/relax.md section 11); preonly has no norm.
  if (type_is(reinterpret_cast<PetscObject>(ksp_.get()), KSPPREONLY)) {
    petsc_call(KSPSetNormType(ksp_, KSP_NORM_NONE), "KSPSetNormType");
  } else {
    // GMRES-type methods see the unpreconditioned residual only with right preconditioning.
    for (const char* right_only : {KSPGMRES, KSPLGMRES, KSPDGMRES, KSPPGMRES, KSPBCGS}) {
      if (type_is(reinterpret_cast<PetscObject>(ksp_.get()), right_only)) {
        petsc_call(KSPSetPCSide(ksp_, PC_RIGHT), "KSPSetPCSide");
      }
    }
    petsc_call(KSPSetNormType(ksp_, KSP_NORM_UNPRECONDITIONED), "KSPSetNormType", kUser);
  }
  petsc_call(KSPSetInitialGuessNonzero(ksp_, PETSC_TRUE), "KSPSetInitialGuessNonzero");
  petsc_call(KSPSetConvergenceTest(ksp_, &KspEngine::convergence_test, this, nullptr),
             "KSPSetConvergenceTest");
  petsc_call(KSPMonitorSet(ksp_, &KspEngine::monitor, this, nullptr), "KSPMonitorSet");
}

void KspEngine::call(PetscErrorCode code, const char* what, Blame blame) {
  if (code != 0 && split_ssor_) {
    split_ssor_->rethrow_callback_error();
  }
  petsc_call(code, what, blame);
}

void KspEngine::create_vectors(Index local_rows, Index global_rows) {
  int size = 1;
  MPI_Comm_size(comm_, &size);
  // Shells without storage: the arrays are lent per call. Seq on one process so that they combine with
  // the SeqAIJ matrix's own vectors (PETSc checks that vector types agree).
  for (OwnedVec* shell : {&b_view_, &x_view_}) {
    if (size == 1) {
      petsc_call(VecCreateSeqWithArray(comm_, 1, local_rows, nullptr, shell->out()), "VecCreateSeqWithArray");
    } else {
      petsc_call(VecCreateMPIWithArray(comm_, 1, local_rows, global_rows, nullptr, shell->out()),
                 "VecCreateMPIWithArray");
    }
  }
  petsc_call(MatCreateVecs(a_, work_.out(), residual_.out()), "MatCreateVecs");
}

bool KspEngine::all_ranks(bool local) const {
  int mine = local ? 1 : 0;
  int all = 0;
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_LAND, comm_);
  return all == 1;
}

bool KspEngine::update_values(const CsrMatrix& local_rows, Index global_rows) {
  const bool same_shape =
      a_ && local_rows.rows() == local_rows_ && global_rows == global_rows_ && local_rows.nnz() == local_nnz_;
  if (!all_ranks(same_shape)) {
    return false;
  }
  // Overwrite every stored entry; a position outside the stored pattern is an error
  // (MAT_NEW_NONZERO_LOCATION_ERR) and sends every rank back to a new matrix.
  petsc_call(MatZeroEntries(a_), "MatZeroEntries");
  PetscInt first_row = 0;
  petsc_call(MatGetOwnershipRange(a_, &first_row, nullptr), "MatGetOwnershipRange");
  const auto offsets = local_rows.row_offsets();
  const auto columns = local_rows.column_indices();
  const auto values = local_rows.values();
  bool inserted = true;
  for (Index i = 0; i < local_rows.rows() && inserted; ++i) {
    const PetscInt row = first_row + i;
    const Index begin = offsets[i];
    inserted = MatSetValues(a_, 1, &row, offsets[i + 1] - begin, columns.data() + begin,
                            values.data() + begin, INSERT_VALUES) == 0;
  }
  if (!all_ranks(inserted)) {
    return false;
  }
  petsc_call(MatAssemblyBegin(a_, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
  petsc_call(MatAssemblyEnd(a_, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
  return true;
}

void KspEngine::set_operator(const CsrMatrix& local_rows, Index global_rows) {
  const Index m = local_rows.rows();
  if (local_rows.cols() != global_rows) {
    throw UsageError("PETSc operator: local rows have " + std::to_string(local_rows.cols()) +
                     " columns, the global matrix " + std::to_string(global_rows));
  }
  // Same pattern as before (a sequence of steps): new values in place, so the preconditioner may reuse
  // what does not depend on them (PETSc sees SAME_NONZERO_PATTERN; e.g. -pc_gamg_reuse_interpolation).
  if (update_values(local_rows, global_rows)) {
    if (reuse_preconditioner_) {
      petsc_call(KSPSetReusePreconditioner(ksp_, *reuse_preconditioner_ ? PETSC_TRUE : PETSC_FALSE),
                 "KSPSetReusePreconditioner");
    }
    petsc_call(KSPSetOperators(ksp_, a_, a_), "KSPSetOperators");
    call(KSPSetUp(ksp_), "KSPSetUp", kUser);
    return;
  }
  OwnedMat a;
  petsc_call(MatCreate(comm_, a.out()), "MatCreate");
  petsc_call(MatSetSizes(a, m, m, global_rows, global_rows), "MatSetSizes", kUser);
  petsc_call(MatSetType(a, MATAIJ), "MatSetType");
  // Each call is a no-op unless the matrix has that type; both copy the arrays and assemble.
  const Index* offsets = local_rows.row_offsets().data();
  const Index* columns = local_rows.column_indices().data();
  const Scalar* values = local_rows.values().data();
  petsc_call(MatSeqAIJSetPreallocationCSR(a, offsets, columns, values), "MatSeqAIJSetPreallocationCSR");
  petsc_call(MatMPIAIJSetPreallocationCSR(a, offsets, columns, values), "MatMPIAIJSetPreallocationCSR");
  // PETSc's inode SOR kernels support omega = 1 only (PCSOR manual page).
  petsc_call(MatSetOption(a, MAT_USE_INODES, PETSC_FALSE), "MatSetOption(MAT_USE_INODES)");
  petsc_call(MatSetOption(a, MAT_NEW_NONZERO_LOCATION_ERR, PETSC_TRUE),
             "MatSetOption(MAT_NEW_NONZERO_LOCATION_ERR)");
  local_nnz_ = local_rows.nnz();

  const bool new_layout = m != local_rows_ || global_rows != global_rows_;
  a_ = std::move(a);
  if (!ksp_) {
    create_ksp();
  }
  if (new_layout) {
    create_vectors(m, global_rows);
    local_rows_ = m;
    global_rows_ = global_rows;
  }
  // A new matrix (pattern or size) always gets a preconditioner of its own, whatever the reuse setting
  // (ours or the user's -ksp_reuse_preconditioner), which then applies again from the next operator on.
  PetscBool reuse = PETSC_FALSE;
  petsc_call(KSPGetReusePreconditioner(ksp_, &reuse), "KSPGetReusePreconditioner");
  petsc_call(KSPSetReusePreconditioner(ksp_, PETSC_FALSE), "KSPSetReusePreconditioner");
  petsc_call(KSPSetOperators(ksp_, a_, a_), "KSPSetOperators");
  call(KSPSetUp(ksp_), "KSPSetUp", kUser);
  petsc_call(KSPSetReusePreconditioner(ksp_, reuse), "KSPSetReusePreconditioner");
}

void KspEngine::set_omega(double omega) {
  check_omega("petsc.omega", omega);
  settings_.omega = omega;
  if (ksp_) {
    PC pc = nullptr;
    petsc_call(KSPGetPC(ksp_, &pc), "KSPGetPC");
    petsc_call(PCSORSetOmega(pc, omega), "PCSORSetOmega", kUser);
    petsc_call(PCEisenstatSetOmega(pc, omega), "PCEisenstatSetOmega", kUser);
  }
  if (split_ssor_) {
    split_ssor_->set_omega(omega);
  }
}

bool KspEngine::residual_norm_is_true() const {
  // Richardson computes r = b - A x afresh every iteration; CG and the others use a recurrence.
  return type_is(reinterpret_cast<PetscObject>(ksp_.get()), KSPRICHARDSON);
}

double KspEngine::true_residual_norm() {
  Vec r = residual_;
  petsc_call(KSPBuildResidual(ksp_, work_, residual_, &r), "KSPBuildResidual");
  PetscReal norm = 0.0;
  petsc_call(VecNorm(r, NORM_2, &norm), "VecNorm");
  return norm;
}

PetscErrorCode KspEngine::convergence_test(KSP /*ksp*/, PetscInt iteration, PetscReal norm,
                                           KSPConvergedReason* reason, void* context) {
  auto& self = *static_cast<KspEngine*>(context);
  *reason = KSP_CONVERGED_ITERATING;
  if (PetscIsInfOrNanReal(norm)) {
    *reason = KSP_DIVERGED_NANORINF;
    return 0;
  }
  if (self.abandoned_) {
    *reason = KSP_DIVERGED_ITS;
    return 0;
  }
  // Iteration 0 was tested by the caller before PETSc started.
  if (iteration == 0 || norm > self.threshold_) {
    return 0;
  }
  try {
    if (self.residual_norm_is_true() || self.true_residual_norm() <= self.threshold_) {
      *reason = KSP_CONVERGED_RTOL;
    }
  } catch (...) {
    self.callback_error_ = std::current_exception();
    return PETSC_ERR_LIB;
  }
  return 0;
}

PetscErrorCode KspEngine::monitor(KSP /*ksp*/, PetscInt iteration, PetscReal norm, void* context) {
  auto& self = *static_cast<KspEngine*>(context);
  if (iteration == 0 || self.record_ == nullptr) {
    return 0;  // the initial residual is recorded by the caller
  }
  try {
    if (!(*self.record_)(norm)) {
      self.abandoned_ = true;  // PETSc tests convergence right after its monitors: that test stops it
    }
  } catch (...) {
    self.callback_error_ = std::current_exception();
    return PETSC_ERR_USER;
  }
  return 0;
}

StopReason KspEngine::iterate(std::span<const double> b, std::span<double> x, double threshold, int max_iters,
                              const std::function<bool(double)>& record) {
  if (!a_) {
    throw UsageError("PETSc solver: set_operator() must be called before iterate()");
  }
  if (max_iters == 0) {
    return StopReason::max_iterations;
  }
  petsc_call(KSPSetTolerances(ksp_, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, max_iters),
             "KSPSetTolerances");
  threshold_ = threshold;
  record_ = &record;
  abandoned_ = false;
  callback_error_ = nullptr;
  KSPConvergedReason reason = KSP_CONVERGED_ITERATING;
  {
    LentArrays lent;
    lent.lend(b_view_, b.data());
    lent.lend(x_view_, x.data());
    const PetscErrorCode code = KSPSolve(ksp_, b_view_, x_view_);
    record_ = nullptr;
    if (callback_error_) {
      std::rethrow_exception(callback_error_);
    }
    call(code, "KSPSolve");
    petsc_call(KSPGetConvergedReason(ksp_, &reason), "KSPGetConvergedReason");
    // A reason PETSc decided without our test (preonly's fixed iterations, GMRES's happy breakdown)
    // counts as converged only if the true residual passes.
    if (reason > 0 && reason != KSP_CONVERGED_RTOL && true_residual_norm() > threshold) {
      reason = KSP_DIVERGED_ITS;
    }
  }
  if (settings_.reject_unused_options) {
    reject_unused_options();
  }
  return stop_reason(reason);
}

void KspEngine::reject_unused_options() const {
  const auto unused = PetscSession::unused_options(settings_.options_prefix);
  if (unused.empty()) {
    return;
  }
  std::string names;
  for (const auto& name : unused) {
    // "-adasolve_pc_tpye" -> "-pc_tpye", as the user typed it
    names += names.empty() ? "-" : " -";
    names.append(name, 1 + settings_.options_prefix.size());
  }
  throw UsageError("PETSc did not use " + names + " (misspelt, or not an option of " + name() + ")");
}

double KspEngine::norm(std::span<const double> v) {
  LentArrays lent;
  lent.lend(b_view_, v.data());
  PetscReal result = 0.0;
  petsc_call(VecNorm(b_view_, NORM_2, &result), "VecNorm");
  return result;
}

void KspEngine::residual(std::span<const double> b, std::span<const double> x, std::span<double> r) {
  LentArrays lent;
  lent.lend(x_view_, x.data());
  lent.lend(b_view_, r.data());
  petsc_call(MatMult(a_, x_view_, b_view_), "MatMult");  // r <- A x
  PetscScalar* out = nullptr;
  petsc_call(VecGetArray(b_view_, &out), "VecGetArray");
  for (std::size_t i = 0; i < r.size(); ++i) {
    out[i] = b[i] - out[i];  // r <- b - A x
  }
  petsc_call(VecRestoreArray(b_view_, &out), "VecRestoreArray");
}

void require_nonzero_diagonal(const CsrMatrix& local_rows, Index first_row, const std::string& solver) {
  // Columns are global, so local row i's diagonal is in column first_row + i.
  for (Index i = 0; i < local_rows.rows(); ++i) {
    if (local_rows.at(i, first_row + i) == 0.0) {
      const std::string row = std::to_string(first_row + i + 1);
      throw InputError(solver + " needs a nonzero diagonal: a(" + row + ", " + row +
                       ") is zero or not stored");
    }
  }
}

std::string KspEngine::name() const {
  std::string ksp_type = settings_.ksp_type;
  std::string pc_type = settings_.pc_type;
  if (ksp_) {
    KSPType k = nullptr;
    PC pc = nullptr;
    PCType p = nullptr;
    KSPGetType(ksp_, &k);
    KSPGetPC(ksp_, &pc);
    PCGetType(pc, &p);
    ksp_type = k != nullptr ? k : ksp_type;
    pc_type = p != nullptr ? p : pc_type;
    // Our PCSHELL, unless the user's options chose another PC.
    if (split_ssor_ && type_is(reinterpret_cast<PetscObject>(pc), PCSHELL)) {
      pc_type = settings_.pc_type;
    }
  }
  return "petsc-" + ksp_type + "-" + pc_type;
}

}  // namespace adasolve::backend::petsc_detail
