#include "adasolve/linear/ssor_pcg.hpp"

#include "adasolve/core/error.hpp"

namespace adasolve::linear {

SsorPreconditioner::SsorPreconditioner(double omega) : omega_(omega) { SorSettings{omega}.validate(); }

void SsorPreconditioner::setup(const CsrMatrix& a) { sweeper_ = SorSweeper(a, "ssor preconditioner"); }

void SsorPreconditioner::apply(std::span<const double> r, std::span<double> z) const {
  sweeper_.apply_ssor_inverse(r, z, omega_);  // z <- M^-1 r
}

void SsorPreconditioner::set_omega(double omega) {
  SorSettings{omega}.validate();
  omega_ = omega;
}

SsorPcgSolver::SsorPcgSolver(SorSettings settings, StoppingCriteria criteria)
    : PcgSolver(std::make_unique<SsorPreconditioner>(settings.omega), criteria) {}

SsorPreconditioner& SsorPcgSolver::ssor() {
  return static_cast<SsorPreconditioner&>(mutable_preconditioner());
}

const SsorPreconditioner& SsorPcgSolver::ssor() const {
  return static_cast<const SsorPreconditioner&>(preconditioner());
}

void SsorPcgSolver::set_omega(double omega) { ssor().set_omega(omega); }

double SsorPcgSolver::omega() const { return ssor().omega(); }

void SsorPcgSolver::report_parameters(SolveReport& report) const { report.parameters["omega"] = omega(); }

}  // namespace adasolve::linear
