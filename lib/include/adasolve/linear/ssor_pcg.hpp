#pragma once
// SSOR-preconditioned conjugate gradients (methods/relax.md section 6; MATLAB pcg with M1 = (D + wL)^T D^-1,
// M2 = (D + wL) / (w (2 - w))):
//   M = (D + omega U) D^-1 (D + omega L) / (omega (2 - omega)),   A = L + D + U,
// which is SPD for SPD A and omega in (0, 2). Applying M^-1 is a backward then a forward triangular sweep
// (SorSweeper::apply_ssor_inverse). The factor omega (2 - omega) does not change CG's iterates.
//
// Stopping rule: the TRUE residual relative to ||b|| (MATLAB pcg's rule):
//   ||b - A x||_2 <= rtol * ||b||_2   (StoppingCriteria default: rtol 1e-8, Baseline::rhs_norm, cap 10 000).
// It accepts a warm start x0 and returns after 0 iterations when x0 already passes the test. Hitting the
// cap is StopReason::max_iterations with iterations == max_iters (same cap rule as SorSolver).
// setup() rejects a zero or missing diagonal entry, naming the 1-based row (InputError).
#include <memory>

#include "adasolve/linear/pcg.hpp"
#include "adasolve/linear/sor.hpp"
#include "adasolve/linear/sor_sweep.hpp"

namespace adasolve::linear {

/// z = M^-1 r for the SSOR matrix above; "ssor".
class SsorPreconditioner final : public Preconditioner {
 public:
  explicit SsorPreconditioner(double omega = 1.0);
  std::string name() const override { return "ssor"; }
  void setup(const CsrMatrix& a) override;
  void apply(std::span<const double> r, std::span<double> z) const override;
  void set_omega(double omega);
  double omega() const { return omega_; }
  /// The sweeps read A itself: an SSOR preconditioner is rebuilt (its setup is the inverse diagonal).
  bool owns_its_setup() const override { return false; }

 private:
  double omega_;
  SorSweeper sweeper_;
};

class SsorPcgSolver : public PcgSolver {
 public:
  explicit SsorPcgSolver(SorSettings settings = {}, StoppingCriteria criteria = {});
  /// "ssor-pcg"
  std::string name() const override { return "ssor-pcg"; }
  /// Changes omega for the next solve (no new setup needed).
  void set_omega(double omega);
  double omega() const;

 protected:
  void report_parameters(SolveReport& report) const override;

 private:
  SsorPreconditioner& ssor();
  const SsorPreconditioner& ssor() const;
};

}  // namespace adasolve::linear
