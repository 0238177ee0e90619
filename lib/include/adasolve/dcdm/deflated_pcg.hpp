#pragma once
// Deflated PCG, the DCDM paper's "DPCG" baseline (spec section 4.1: 16 Ritz vectors, diagonal
// preconditioner), after Saad, Yeung, Erhel and Guyomarc'h, SIAM J. Sci. Comput. 21(5), 2000, Alg. 2.1:
//
//   W: n x k Ritz vectors of A (lowest Ritz values of `lanczos_steps` Lanczos steps on A), E = W^T A W;
//   x0 <- x0 + W E^-1 W^T r0;  r0 = b - A x0;  z0 = M^-1 r0;  p0 = z0 - W E^-1 (A W)^T z0
//   per iteration:  alpha = r.z / p.Ap;  x += alpha p;  r -= alpha A p;  z = M^-1 r;
//                   beta = r'.z' / r.z;  p = z + beta p - W E^-1 (A W)^T z
// so every search direction stays A-orthogonal to span(W) and the k lowest modes are removed from CG's
// effective spectrum. M = diag(A). The Ritz vectors are computed in setup (its time is setup time).
// It is PcgSolver's loop (stopping rule, residual replacement, stagnation stop, failure reporting) with
// the initial correction and the projection of each direction as its two hooks.
#include <vector>

#include "adasolve/linear/pcg.hpp"

namespace adasolve::dcdm {

struct DeflationSettings {
  int vectors = 16;        ///< k
  int lanczos_steps = 80;  ///< Lanczos steps whose lowest k Ritz vectors form W
  std::uint64_t seed = 1;
  void validate() const;
};

class DeflatedPcgSolver : public linear::PcgSolver {
 public:
  explicit DeflatedPcgSolver(DeflationSettings settings = {}, StoppingCriteria criteria = {});
  std::string name() const override { return "deflated-pcg"; }

 protected:
  void setup_impl(const CsrMatrix& a) override;
  void report_parameters(SolveReport& report) const override;
  /// x0 <- x0 + W E^-1 W^T (b - A x0).
  void adjust_initial_guess(std::span<const double> b, std::span<double> x) override;
  /// p <- p - W E^-1 (A W)^T z.
  void project_direction(std::span<const double> z, std::span<double> p) override;

 private:
  /// solved_ <- E^-1 V^T v for the k columns of V (column-major n x k).
  void solve_small(const std::vector<double>& columns, std::span<const double> v);

  DeflationSettings settings_;
  int k_ = 0;
  std::vector<double> w_, aw_;     // column-major n x k
  std::vector<double> e_inverse_;  // k x k, row-major
  std::vector<double> residual_, coefficients_, solved_;
};

}  // namespace adasolve::dcdm
