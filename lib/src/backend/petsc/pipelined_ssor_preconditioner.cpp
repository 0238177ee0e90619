// PipelinedSsorPreconditioner: the public face of petsc_detail::PipelinedSsor on PETSC_COMM_WORLD.
#include <petscsys.h>

#include "adasolve/backend/pipelined_ssor.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/linear/sor.hpp"
#include "backend/petsc/pipelined_ssor.hpp"
#include "backend/petsc/split_of_rows.hpp"

namespace adasolve::backend {

struct PipelinedSsorPreconditioner::Impl {
  Impl(Index grid_columns, Index block_columns) : core(PETSC_COMM_WORLD, grid_columns, block_columns) {}
  petsc_detail::PipelinedSsor core;
};

PipelinedSsorPreconditioner::PipelinedSsorPreconditioner(double omega, Index grid_columns,
                                                         Index block_columns)
    : omega_(omega) {
  check_omega("pipelined-ssor omega", omega);
  if (!PetscSession::active()) {
    throw UsageError("PipelinedSsorPreconditioner needs a PetscSession");
  }
  impl_ = std::make_unique<Impl>(grid_columns, block_columns);
}

PipelinedSsorPreconditioner::~PipelinedSsorPreconditioner() = default;

void PipelinedSsorPreconditioner::set_omega(double omega) {
  check_omega("pipelined-ssor omega", omega);
  omega_ = omega;
}

void PipelinedSsorPreconditioner::setup(const CsrMatrix& local_rows, const RowPartition& rows) {
  impl_->core.setup(petsc_detail::split_of_rows(local_rows, rows, "pipelined-ssor"), "pipelined-ssor");
}

void PipelinedSsorPreconditioner::apply(std::span<const double> r, std::span<double> z) {
  if (!impl_->core.ready()) {
    throw UsageError("pipelined-ssor: setup() must be called before apply()");
  }
  const auto n = static_cast<std::size_t>(impl_->core.local_rows());
  if (r.size() != n || z.size() != n) {
    throw UsageError("pipelined-ssor: apply() needs " + std::to_string(n) + " entries of r and z, got " +
                     std::to_string(r.size()) + " and " + std::to_string(z.size()));
  }
  impl_->core.apply(r, z, omega_);
}

Index PipelinedSsorPreconditioner::block_columns() const { return impl_->core.block_columns(); }
int PipelinedSsorPreconditioner::blocks() const { return impl_->core.blocks(); }
int PipelinedSsorPreconditioner::messages_sent_per_apply() const {
  return impl_->core.messages_sent_per_apply();
}

}  // namespace adasolve::backend
