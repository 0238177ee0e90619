#include "adasolve/linear/sor.hpp"

#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"

namespace adasolve::linear {

void SorSettings::validate() const { check_omega("sor.omega", omega); }

StoppingCriteria sor_default_criteria() {
  StoppingCriteria c;
  c.rtol = 1e-8;
  c.max_iters = 10000;
  c.baseline = Baseline::initial_residual;
  return c;
}

SorSolver::SorSolver(SorSettings settings, StoppingCriteria criteria)
    : LinearSolver(criteria), settings_(settings) {
  settings_.validate();
}

void SorSolver::set_omega(double omega) {
  SorSettings s = settings_;
  s.omega = omega;
  s.validate();
  settings_ = s;
}

void SorSolver::setup_impl(const CsrMatrix& a) {
  sweeper_ = SorSweeper(a, name());
  r_.assign(static_cast<std::size_t>(a.rows()), 0.0);
}

void SorSolver::solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) {
  const int max_iters = log.criteria().max_iters;
  for (int k = 0; k < max_iters; ++k) {
    sweeper_.forward_with_residual(b, x, settings_.omega,
                                   r_);  // x <- x + (D/w + L)^-1 (b - A x); r = b - A x
    const double rnorm = vec::norm2(r_);
    log.record(rnorm);
    if (!std::isfinite(rnorm)) {
      log.finish(StopReason::nan_or_inf);
      return;
    }
    if (log.converged(rnorm)) {
      log.finish(StopReason::converged_rtol);
      return;
    }
  }
  log.finish(StopReason::max_iterations);
}

void SorSolver::report_parameters(SolveReport& report) const { report.parameters["omega"] = settings_.omega; }

}  // namespace adasolve::linear
