#include "adasolve/core/linear_solver.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"

namespace adasolve {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

IterationLog::IterationLog(const std::string& solver, const StoppingCriteria& criteria, double threshold,
                           double unscale, const std::vector<Monitor>& monitors, std::vector<double>& history)
    : solver_(solver),
      criteria_(criteria),
      threshold_(threshold),
      unscale_(unscale),
      monitors_(monitors),
      history_(history) {}

void IterationLog::record(double residual_norm) {
  const double norm = residual_norm * unscale_;
  history_.push_back(norm);
  const IterationEvent event{solver_, iterations(), norm};
  for (const auto& monitor : monitors_) {
    monitor(event);
  }
}

LinearSolver::LinearSolver(StoppingCriteria criteria) : criteria_(criteria) { criteria_.validate(); }

LinearSolver::~LinearSolver() = default;

void LinearSolver::set_criteria(const StoppingCriteria& criteria) {
  criteria.validate();
  criteria_ = criteria;
}

const CsrMatrix& LinearSolver::matrix() const {
  if (!matrix_) {
    throw UsageError(name() + ": setup() must be called before solve()");
  }
  return *matrix_;
}

void LinearSolver::setup(std::shared_ptr<const CsrMatrix> a) {
  if (!a) {
    throw UsageError(name() + ": setup() given a null matrix");
  }
  if (!a->is_square()) {
    throw InputError(name() + " needs a square matrix, got " + std::to_string(a->rows()) + " x " +
                     std::to_string(a->cols()));
  }
  const auto start = std::chrono::steady_clock::now();
  matrix_.reset();
  setup_impl(*a);
  matrix_ = std::move(a);
  setup_seconds_ = seconds_since(start);
}

SolveReport LinearSolver::solve(std::span<const double> b, std::span<double> x) {
  const CsrMatrix& a = matrix();
  const std::size_t n = static_cast<std::size_t>(a.rows());
  if (b.size() != n || x.size() != n) {
    throw UsageError(name() + ": right-hand side and solution must have " + std::to_string(n) +
                     " entries, got " + std::to_string(b.size()) + " and " + std::to_string(x.size()));
  }
  const auto start = std::chrono::steady_clock::now();
  SolveReport report;
  report.solver = name();
  report.setup_seconds = setup_seconds_;
  report.parameters["rtol"] = criteria_.rtol;
  report.parameters["atol"] = criteria_.atol;
  report.parameters["max_iters"] = criteria_.max_iters;
  report_parameters(report);

  auto finish_early = [&](StopReason reason, double residual) {
    report.reason = reason;
    report.iterations = 0;
    report.initial_residual = residual;
    report.final_residual = residual;
    report.residual_history = {residual};
    report.solve_seconds = seconds_since(start);
    return report;
  };

  if (!vec::all_finite(b) || !vec::all_finite(x)) {
    return finish_early(StopReason::nan_or_inf, std::nan(""));
  }
  const double rhs_norm = vec::norm2(b);
  report.rhs_norm = rhs_norm;
  if (rhs_norm == 0.0) {
    vec::fill(x, 0.0);  // b = 0: the solution is x = 0, after 0 iterations.
    return finish_early(StopReason::converged_atol, 0.0);
  }

  // Rescale: A (x / s) = b / s with s = ||b||, so the method sees ||b|| = 1.
  const double s = rhs_norm;
  scaled_rhs_.resize(n);
  residual_.resize(n);
  guess_.assign(x.begin(), x.end());
  for (std::size_t i = 0; i < n; ++i) {
    scaled_rhs_[i] = b[i] / s;
    x[i] /= s;
  }
  a.residual(scaled_rhs_, x, residual_);  // r0 = b - A x0 (scaled)
  const double r0 = vec::norm2(residual_);
  const double beta = criteria_.baseline == Baseline::rhs_norm ? 1.0 : r0;
  const double threshold = std::max(criteria_.rtol * beta, criteria_.atol / s);
  report.initial_residual = r0 * s;
  report.threshold = threshold * s;

  if (r0 <= threshold) {
    vec::scale(s, x);
    return finish_early(criteria_.atol / s >= criteria_.rtol * beta ? StopReason::converged_atol
                                                                    : StopReason::converged_rtol,
                        r0 * s);
  }

  report.residual_history.reserve(64);
  IterationLog log(report.solver, criteria_, threshold, s, monitors_, report.residual_history);
  log.record(r0);
  try {
    solve_impl(scaled_rhs_, x, log);
  } catch (...) {
    // The caller's x must not come back divided by ||b||: give back the initial guess unchanged.
    std::copy(guess_.begin(), guess_.end(), x.begin());
    throw;
  }
  if (!log.finished()) {
    throw Error(name() + ": internal error: solve_impl returned without a stop reason");
  }
  for (const auto& [key, value] : log.parameters()) {
    report.parameters[key] = value;
  }
  report.reason = log.reason();
  report.iterations = log.iterations();
  if (!vec::all_finite(x)) {
    report.reason = StopReason::nan_or_inf;
    report.final_residual = std::nan("");
  } else {
    a.residual(scaled_rhs_, x, residual_);
    report.final_residual = vec::norm2(residual_) * s;
    if (report.reason == StopReason::converged_rtol && criteria_.atol / s >= criteria_.rtol * beta) {
      report.reason = StopReason::converged_atol;
    }
  }
  vec::scale(s, x);
  report.solve_seconds = seconds_since(start);
  return report;
}

}  // namespace adasolve
