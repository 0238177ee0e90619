// PetscParallelKspSolver: whole systems in, a distributed KSP solve inside, the whole solution out.
#include <petscksp.h>

#include "adasolve/backend/petsc_parallel.hpp"
#include "backend/petsc/ksp_engine.hpp"

namespace adasolve::backend {

struct PetscParallelKspSolver::Impl {
  explicit Impl(const PetscKspSettings& settings) : engine(PETSC_COMM_WORLD, settings) {}
  petsc_detail::KspEngine engine;
  RowPartition rows;
  std::vector<double> x_local;
};

PetscParallelKspSolver::PetscParallelKspSolver(PetscKspSettings settings, StoppingCriteria criteria)
    : LinearSolver(criteria), settings_(std::move(settings)), impl_(std::make_unique<Impl>(settings_)) {}

PetscParallelKspSolver::~PetscParallelKspSolver() = default;

std::string PetscParallelKspSolver::name() const { return impl_->engine.name(); }

void PetscParallelKspSolver::reuse_preconditioner(bool reuse) { impl_->engine.reuse_preconditioner(reuse); }

void PetscParallelKspSolver::set_omega(double omega) {
  impl_->engine.set_omega(omega);
  settings_.omega = omega;
}

void PetscParallelKspSolver::setup_impl(const CsrMatrix& a) {
  const RowPartition rows = RowPartition::for_this_rank(a.rows());
  const CsrMatrix block = row_block(a, rows);
  if (settings_.needs_nonzero_diagonal()) {
    // Every rank holds the whole matrix, so every rank finds the same row: no agreement needed.
    petsc_detail::require_nonzero_diagonal(a, 0, name());
  }
  impl_->engine.set_operator(block, a.rows());
  impl_->rows = rows;
}

void PetscParallelKspSolver::solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) {
  const RowPartition& rows = impl_->rows;
  const auto b_local =
      b.subspan(static_cast<std::size_t>(rows.begin), static_cast<std::size_t>(rows.local_rows()));
  impl_->x_local.assign(x.begin() + rows.begin, x.begin() + rows.end);
  const std::function<bool(double)> record = [&log](double norm) {
    log.record(norm);
    return !log.abandoned();
  };
  log.finish(
      impl_->engine.iterate(b_local, impl_->x_local, log.threshold(), log.criteria().max_iters, record));
  const std::vector<double> whole = gather_to_all(impl_->x_local, rows);
  std::copy(whole.begin(), whole.end(), x.begin());
}

void PetscParallelKspSolver::report_parameters(SolveReport& report) const {
  if (settings_.uses_omega()) {
    report.parameters["omega"] = settings_.omega;
  }
  report.parameters["ranks"] = PetscSession::size();
}

}  // namespace adasolve::backend
