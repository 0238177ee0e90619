#pragma once
// The solve protocol of design principle 1, apart from where the vectors live. LinearSolver::solve runs it
// on one process; PetscDistributedSolver::solve runs it on a system distributed by row blocks over MPI
// ranks, where every norm and finiteness test is a global reduction, so all ranks take the same branch.
//   1. NaN or Inf in b or x0: stop (nan_or_inf) after 0 iterations.
//   2. b = 0: the solution is x = 0, after 0 iterations (converged_atol).
//   3. Rescale A (x / s) = b / s with s = ||b||, so the method sees ||b|| = 1 and right-hand sides of size
//      1e+-200 neither over- nor underflow inside it.
//   4. threshold = max(rtol * beta, atol / s), beta = 1 (Baseline::rhs_norm) or ||r0|| (initial_residual);
//      stop at once when x0 already passes it.
//   5. Run the method: it records ||r_k|| per iteration and its stop reason in the IterationLog.
//   6. Recompute the true final residual; the reason is converged_atol when atol set the threshold.
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

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

/// Asked after every iteration with the event and the stopping threshold (unscaled), iteration 0 (the
/// initial residual) included: false abandons the solve. The method then stops with
/// StopReason::max_iterations, x holding its iterate so far. A budget that only the caller can price (the
/// portfolio runner caps an exploratory play by the seconds of the arm it displaced). PCG and the PETSc KSP
/// solvers ask; methods that do not (SOR, DCDM) run on.
using Patience = std::function<bool(const IterationEvent& event, double threshold)>;

/// Handed to solve_impl: records the residual history, calls monitors, knows the stopping threshold.
class IterationLog {
 public:
  IterationLog(const std::string& solver, const StoppingCriteria& criteria, double threshold, double unscale,
               const std::vector<Monitor>& monitors, std::vector<double>& history,
               const Patience* patience = nullptr);

  /// Records ||r_k|| of the iteration just completed (scaled units), notifies monitors and asks the patience.
  void record(double residual_norm);
  /// True once the patience said no: the method should finish(StopReason::max_iterations) and return.
  bool abandoned() const { return abandoned_; }
  /// Sets why the method stopped. Must be called exactly once before solve_impl returns.
  void finish(StopReason reason) {
    reason_ = reason;
    finished_ = true;
  }
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
  const Patience* patience_;
  bool abandoned_ = false;
  StopReason reason_ = StopReason::max_iterations;
  bool finished_ = false;
  std::vector<std::pair<std::string, double>> parameters_;
};

/// How the protocol reaches the vectors of one system (each rank's part, when it is distributed).
struct SolveOperations {
  /// True when every entry of v is finite (distributed: on every rank, the same answer everywhere).
  std::function<bool(std::span<const double> v)> all_finite;
  /// ||v||_2 (distributed: over all ranks).
  std::function<double(std::span<const double> v)> norm;
  /// r <- b - A x.
  std::function<void(std::span<const double> b, std::span<const double> x, std::span<double> r)> residual;
  /// The method on the scaled system: log.record(||r_k||) per iteration, log.finish(reason) once.
  std::function<void(std::span<const double> b, std::span<double> x, IterationLog& log)> iterate;
};

/// Buffers the protocol reuses from one solve to the next.
struct SolveWorkspace {
  std::vector<double> scaled_rhs;
  std::vector<double> residual;
  std::vector<double> guess;  ///< the caller's x0, put back if the method throws (x is scaled meanwhile)
};

/// Runs steps 1-6 on b and x (x: the initial guess on entry, the solution on return; both of the sizes the
/// operations expect). `report` arrives with solver, setup_seconds and parameters filled in; the protocol
/// fills in the rest and times the solve.
SolveReport run_solve_protocol(SolveReport report, std::span<const double> b, std::span<double> x,
                               const StoppingCriteria& criteria, const std::vector<Monitor>& monitors,
                               const SolveOperations& operations, SolveWorkspace& workspace,
                               const Patience& patience = {});

}  // namespace adasolve
