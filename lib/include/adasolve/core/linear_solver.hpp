#pragma once
// LinearSolver: the one interface every adasolve linear solver implements (design principle 1).
//
// The public, non-virtual entry points do the work that is the same for every method, once:
//   setup(A)  validates A (square; a solver may also require a stored nonzero diagonal), times setup_impl;
//   solve(b, x)  checks sizes, handles b = 0 (x = 0, 0 iterations), NaN/Inf in b or x0, computes the
//                stopping threshold of StoppingCriteria, returns at once when x0 already passes it,
//                rescales the system by 1/||b|| so that right-hand sides of size 1e+-200 neither over- nor
//                underflow inside the method, times solve_impl, recomputes the true final residual and
//                fills the SolveReport.
// A method implements solve_impl: it iterates on the (scaled) system, calls log.record(residual_norm)
// once per iteration and log.finish(reason) when it stops. It may use log.converged(norm) for the test.
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/solve_report.hpp"
#include "adasolve/core/stopping.hpp"

namespace adasolve {

/// What a monitor sees after every iteration (iteration 0 is the initial residual).
struct IterationEvent {
  const std::string& solver;
  int iteration;
  double residual_norm;  ///< in the units of the original (unscaled) system
};
using Monitor = std::function<void(const IterationEvent&)>;

/// Handed to solve_impl: records the residual history, calls monitors, knows the stopping threshold.
class IterationLog {
 public:
  IterationLog(const std::string& solver, const StoppingCriteria& criteria, double threshold, double unscale,
               const std::vector<Monitor>& monitors, std::vector<double>& history);

  /// Records ||r_k|| of the iteration just completed (scaled units) and notifies monitors.
  void record(double residual_norm);
  /// Sets why the method stopped. Must be called exactly once before solve_impl returns.
  void finish(StopReason reason) { reason_ = reason; finished_ = true; }
  /// True if residual_norm (scaled units) passes the stopping test.
  bool converged(double residual_norm) const { return residual_norm <= threshold_; }
  /// The stopping threshold in scaled units.
  double threshold() const { return threshold_; }
  const StoppingCriteria& criteria() const { return criteria_; }
  int iterations() const { return static_cast<int>(history_.size()) - 1; }
  bool finished() const { return finished_; }
  StopReason reason() const { return reason_; }
  /// Records an effective parameter into the report (e.g. "omega").
  void set_parameter(const std::string& name, double value) { parameters_.emplace_back(name, value); }
  const std::vector<std::pair<std::string, double>>& parameters() const { return parameters_; }

 private:
  const std::string& solver_;
  const StoppingCriteria& criteria_;
  double threshold_;
  double unscale_;
  const std::vector<Monitor>& monitors_;
  std::vector<double>& history_;
  StopReason reason_ = StopReason::max_iterations;
  bool finished_ = false;
  std::vector<std::pair<std::string, double>> parameters_;
};

class LinearSolver {
 public:
  explicit LinearSolver(StoppingCriteria criteria = {});
  virtual ~LinearSolver();
  LinearSolver(const LinearSolver&) = delete;
  LinearSolver& operator=(const LinearSolver&) = delete;

  /// Short stable name ("cg", "jacobi-pcg", "sor", ...).
  virtual std::string name() const = 0;

  /// Validates and prepares for A. Throws InputError if A is not square (or violates the method's needs).
  void setup(std::shared_ptr<const CsrMatrix> a);
  /// Solves A x = b. x holds the initial guess on entry and the solution on return.
  SolveReport solve(std::span<const double> b, std::span<double> x);

  void add_monitor(Monitor monitor) { monitors_.push_back(std::move(monitor)); }
  void set_criteria(const StoppingCriteria& criteria);
  const StoppingCriteria& criteria() const { return criteria_; }
  const CsrMatrix& matrix() const;
  double setup_seconds() const { return setup_seconds_; }

 protected:
  virtual void setup_impl(const CsrMatrix& /*a*/) {}
  /// b has unit 2-norm here (the base class rescaled the system); x is the scaled initial guess.
  virtual void solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) = 0;
  /// Effective parameters echoed into every report (e.g. omega).
  virtual void report_parameters(SolveReport& /*report*/) const {}

 private:
  StoppingCriteria criteria_;
  std::shared_ptr<const CsrMatrix> matrix_;
  std::vector<Monitor> monitors_;
  std::vector<double> scaled_rhs_;
  std::vector<double> residual_;
  std::vector<double> guess_;  // the caller's x0, put back if the method throws (x is scaled meanwhile)
  double setup_seconds_ = 0.0;
};

}  // namespace adasolve
