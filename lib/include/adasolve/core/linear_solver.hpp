#pragma once
// LinearSolver: the one interface every adasolve linear solver implements (design principle 1).
//
// The public, non-virtual entry points do the work that is the same for every method, once:
//   setup(A)  validates A (square; a solver may also require a stored nonzero diagonal), times setup_impl;
//   solve(b, x)  checks sizes and runs the solve protocol (solve_protocol.hpp): NaN/Inf in b or x0, b = 0,
//                the stopping threshold of StoppingCriteria, rescaling by 1/||b||, solve_impl, the true final
//                residual and the SolveReport.
// A method implements solve_impl: it iterates on the (scaled) system, calls log.record(residual_norm)
// once per iteration and log.finish(reason) when it stops. It may use log.converged(norm) for the test.
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/solve_protocol.hpp"
#include "adasolve/core/solve_report.hpp"
#include "adasolve/core/stopping.hpp"

namespace adasolve {

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
  /// Asked after every iteration of the next solves until replaced (an empty one: never abandon).
  void set_patience(Patience patience) { patience_ = std::move(patience); }
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
  Patience patience_;
  SolveWorkspace workspace_;
  double setup_seconds_ = 0.0;
};

}  // namespace adasolve
