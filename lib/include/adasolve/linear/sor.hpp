#pragma once
// Successive over-relaxation as a solver: forward SOR sweeps in natural ordering until the residual test
// passes (Khodak et al. 2024, methods/relax.md section 6; the kernel is SorSweeper).
//
// Stopping rule (spec): x0 = 0 by default (the caller passes x = 0), stop at the first k with
//   ||b - A x_k||_2 <= rtol * ||b - A x_0||_2        (Baseline::initial_residual, rtol = 1e-8),
// so the cost k counts the final sweep. sor_default_criteria() sets this; any StoppingCriteria is accepted.
// The residual of each iterate is exact up to rounding: it comes from the sweep itself plus half a
// matrix-vector product (SorSweeper::forward_with_residual).
//
// Cap rule (the reference code reports the cap silently): reaching max_iters (default 10 000) stops with
// StopReason::max_iterations and report.iterations == max_iters. The solve is NOT converged; a sequence
// runner records it as such and charges its cost as max_iters iterations (the work actually done), which is
// also the loss a learning policy observes. Divergence (omega outside (0, 2), indefinite A) ends with
// StopReason::nan_or_inf once the iterate overflows, or at the cap.
//
// setup() rejects a zero or missing diagonal entry, naming the 1-based row (InputError).
#include <string>
#include <vector>

#include "adasolve/core/linear_solver.hpp"
#include "adasolve/core/omega.hpp"  // check_omega
#include "adasolve/linear/sor_sweep.hpp"

namespace adasolve::linear {

struct SorSettings {
  double omega = 1.0;  ///< relaxation factor, in (0, 2)
  /// Throws UsageError: "sor.omega must be in (0, 2), got 2.5".
  void validate() const;
};

/// rtol 1e-8 relative to ||r_0||, cap 10 000: the spec's SOR rule.
StoppingCriteria sor_default_criteria();

class SorSolver : public LinearSolver {
 public:
  explicit SorSolver(SorSettings settings = {}, StoppingCriteria criteria = sor_default_criteria());
  std::string name() const override { return "sor"; }
  /// Changes omega for the next solve (no new setup needed).
  void set_omega(double omega);
  double omega() const { return settings_.omega; }

 protected:
  void setup_impl(const CsrMatrix& a) override;
  void solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) override;
  void report_parameters(SolveReport& report) const override;

 private:
  SorSettings settings_;
  SorSweeper sweeper_;
  std::vector<double> r_;
};

}  // namespace adasolve::linear
