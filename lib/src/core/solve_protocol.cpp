#include "adasolve/core/solve_protocol.hpp"

#include <algorithm>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/core/vector_ops.hpp"

namespace adasolve {

IterationLog::IterationLog(const std::string& solver, const StoppingCriteria& criteria, double threshold,
                           double unscale, const std::vector<Monitor>& monitors, std::vector<double>& history,
                           const Patience* patience)
    : solver_(solver),
      criteria_(criteria),
      threshold_(threshold),
      unscale_(unscale),
      monitors_(monitors),
      history_(history),
      patience_(patience != nullptr && *patience ? patience : nullptr) {}

void IterationLog::record(double residual_norm) {
  const double norm = residual_norm * unscale_;
  history_.push_back(norm);
  const IterationEvent event{solver_, iterations(), norm};
  for (const auto& monitor : monitors_) {
    monitor(event);
  }
  if (patience_ != nullptr && !abandoned_) {
    abandoned_ = !(*patience_)(event, threshold_ * unscale_);
  }
}

SolveReport run_solve_protocol(SolveReport report, std::span<const double> b, std::span<double> x,
                               const StoppingCriteria& criteria, const std::vector<Monitor>& monitors,
                               const SolveOperations& operations, SolveWorkspace& workspace,
                               const Patience& patience) {
  const auto start = SteadyClock::now();
  auto finish_early = [&](StopReason reason, double residual) {
    report.reason = reason;
    report.iterations = 0;
    report.initial_residual = residual;
    report.final_residual = residual;
    report.residual_history = {residual};
    report.solve_seconds = seconds_since(start);
    return report;
  };

  if (!operations.all_finite(b) || !operations.all_finite(x)) {
    return finish_early(StopReason::nan_or_inf, std::nan(""));
  }
  const double rhs_norm = operations.norm(b);
  report.rhs_norm = rhs_norm;
  if (rhs_norm == 0.0) {
    vec::fill(x, 0.0);
    return finish_early(StopReason::converged_atol, 0.0);
  }

  const std::size_t n = x.size();
  const double s = rhs_norm;
  auto& scaled_rhs = workspace.scaled_rhs;
  auto& residual = workspace.residual;
  scaled_rhs.resize(n);
  residual.resize(n);
  workspace.guess.assign(x.begin(), x.end());
  for (std::size_t i = 0; i < n; ++i) {
    scaled_rhs[i] = b[i] / s;
    x[i] /= s;
  }
  operations.residual(scaled_rhs, x, residual);  // r0 = b - A x0 (scaled)
  const double r0 = operations.norm(residual);
  const double beta = criteria.baseline == Baseline::rhs_norm ? 1.0 : r0;
  const double threshold = std::max(criteria.rtol * beta, criteria.atol / s);
  const bool atol_decides = criteria.atol / s >= criteria.rtol * beta;
  report.initial_residual = r0 * s;
  report.threshold = threshold * s;
  if (r0 <= threshold) {
    vec::scale(s, x);
    return finish_early(atol_decides ? StopReason::converged_atol : StopReason::converged_rtol, r0 * s);
  }

  report.residual_history.reserve(64);
  IterationLog log(report.solver, criteria, threshold, s, monitors, report.residual_history, &patience);
  log.record(r0);
  try {
    operations.iterate(scaled_rhs, x, log);
  } catch (...) {
    // The caller's x must not come back divided by ||b||: give back the initial guess unchanged.
    std::copy(workspace.guess.begin(), workspace.guess.end(), x.begin());
    throw;
  }
  if (!log.finished()) {
    throw Error(report.solver + ": internal error: the method returned without a stop reason");
  }
  for (const auto& [key, value] : log.parameters()) {
    report.parameters[key] = value;
  }
  report.reason = log.reason();
  report.iterations = log.iterations();
  if (!operations.all_finite(x)) {
    report.reason = StopReason::nan_or_inf;
    report.final_residual = std::nan("");
  } else {
    operations.residual(scaled_rhs, x, residual);
    report.final_residual = operations.norm(residual) * s;
    if (report.reason == StopReason::converged_rtol && atol_decides) {
      report.reason = StopReason::converged_atol;
    }
  }
  vec::scale(s, x);
  report.solve_seconds = seconds_since(start);
  return report;
}

}  // namespace adasolve
