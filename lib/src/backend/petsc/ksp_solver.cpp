// PetscKspSolver: a PETSc KSP on PETSC_COMM_SELF behind adasolve's LinearSolver interface.
#include <petscksp.h>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/core/error.hpp"
#include "backend/petsc/ksp_engine.hpp"

namespace adasolve::backend {

struct PetscKspSolver::Impl {
  explicit Impl(const PetscKspSettings& settings) : engine(PETSC_COMM_SELF, settings) {}
  petsc_detail::KspEngine engine;
};

PetscKspSolver::PetscKspSolver(PetscKspSettings settings, StoppingCriteria criteria)
    : LinearSolver(criteria), settings_(std::move(settings)), impl_(std::make_unique<Impl>(settings_)) {}

PetscKspSolver::~PetscKspSolver() = default;

std::string PetscKspSolver::name() const { return impl_->engine.name(); }

void PetscKspSolver::set_omega(double omega) {
  impl_->engine.set_omega(omega);
  settings_.omega = omega;
}

void PetscKspSolver::reuse_preconditioner(bool reuse) { impl_->engine.reuse_preconditioner(reuse); }

void PetscKspSolver::setup_impl(const CsrMatrix& a) {
  if (settings_.needs_nonzero_diagonal()) {
    petsc_detail::require_nonzero_diagonal(a, 0, name());
  }
  impl_->engine.set_operator(a, a.rows());
}

void PetscKspSolver::solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) {
  const std::function<bool(double)> record = [&log](double norm) {
    log.record(norm);
    return !log.abandoned();
  };
  log.finish(impl_->engine.iterate(b, x, log.threshold(), log.criteria().max_iters, record));
}

void PetscKspSolver::report_parameters(SolveReport& report) const {
  if (settings_.uses_omega()) {
    report.parameters["omega"] = settings_.omega;
  }
}

std::unique_ptr<PetscKspSolver> make_petsc_ksp_solver(const PetscKspSettings& settings,
                                                      StoppingCriteria criteria) {
  return std::make_unique<PetscKspSolver>(settings, criteria);
}

}  // namespace adasolve::backend
