#pragma once
// Preconditioned conjugate gradients (Hestenes-Stiefel with M^-1; Saad, Iterative Methods, Alg. 9.1).
//
// Stopping rule: the TRUE residual. Each iteration updates r by the recurrence r <- r - alpha A p and
// records ||r||_2; when the recurrence passes ||r|| <= max(rtol * beta, atol) (StoppingCriteria), the true
// residual b - A x is computed; the solve stops only if it passes too, otherwise r is replaced by the true
// residual and the iteration continues (residual replacement). So a converged report always means
// ||b - A x||_2 <= threshold for the returned x.
// The recurrence drifts from the true residual by about eps ||A|| ||x|| summed over the iterations, so a
// threshold below that is never met by b - A x: the recurrence either keeps passing it while b - A x does
// not, or, once replaced by the true residual, stalls at that floor. Iterating on only churns (and can lose
// the accuracy already reached: 200 000 Jacobi-PCG iterations on 494_bus at rtol 1e-12 ended at a relative
// residual of 1e-2). So after a replacement the solve stops with StopReason::stagnation when five
// replacements have happened, or when the residual has not halved the best true residual for as many
// iterations as it took to reach it (at least 100); it returns the most accurate iterate measured.
//
// Failure modes, reported and never looped on:
//   p^T A p <= 0        -> StopReason::indefinite (A is not SPD on the Krylov space);
//   r^T z <= 0          -> StopReason::indefinite (M not SPD) / breakdown when exactly 0 with r != 0;
//   NaN/Inf             -> StopReason::nan_or_inf;
//   max_iters reached   -> StopReason::max_iterations;
//   threshold below the attainable accuracy -> StopReason::stagnation (above).
#include <memory>

#include "adasolve/core/linear_solver.hpp"
#include "adasolve/linear/preconditioner.hpp"

namespace adasolve::linear {

class PcgSolver : public LinearSolver {
 public:
  PcgSolver(std::unique_ptr<Preconditioner> preconditioner, StoppingCriteria criteria = {});
  /// "cg" for the identity preconditioner, else "<preconditioner>-pcg".
  std::string name() const override;
  const Preconditioner& preconditioner() const { return *preconditioner_; }
  /// With reuse, setup(A) keeps the preconditioner built from an earlier matrix of the same size (a kept
  /// IC(0) factor preconditions the new operator) instead of building it from A; the first setup, or one
  /// of another size, builds it. UsageError for a preconditioner whose apply reads its matrix (SSOR).
  void reuse_preconditioner(bool reuse);

 protected:
  /// For subclasses that retune their preconditioner between solves (SsorPcgSolver::set_omega).
  Preconditioner& mutable_preconditioner() { return *preconditioner_; }
  void setup_impl(const CsrMatrix& a) override;
  void solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) override;
  /// Hooks for methods that are this loop plus a projection (deflated PCG), on the scaled system.
  /// Before the first residual: may improve the initial guess x.
  virtual void adjust_initial_guess(std::span<const double> /*b*/, std::span<double> /*x*/) {}
  /// After each new search direction (p <- z, p <- z + beta p): may project p, given z.
  virtual void project_direction(std::span<const double> /*z*/, std::span<double> /*p*/) {}

 private:
  std::unique_ptr<Preconditioner> preconditioner_;
  bool reuse_ = false;
  Index preconditioner_rows_ = -1;  ///< size of the matrix the preconditioner was built from (-1: none)
  std::vector<double> r_, z_, p_, q_;
  std::vector<double> x_best_;  // filled only once a residual replacement happens
};

/// Plain CG (M = I).
std::unique_ptr<PcgSolver> make_cg(StoppingCriteria criteria = {});
/// Jacobi-preconditioned CG (M = diag(A)).
std::unique_ptr<PcgSolver> make_jacobi_pcg(StoppingCriteria criteria = {});

}  // namespace adasolve::linear
