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
// Stopping and failure reporting as PcgSolver (true residual confirmed at convergence).
#include <vector>

#include "adasolve/core/linear_solver.hpp"

namespace adasolve::dcdm {

struct DeflationSettings {
  int vectors = 16;         ///< k
  int lanczos_steps = 80;   ///< Lanczos steps whose lowest k Ritz vectors form W
  std::uint64_t seed = 1;
  void validate() const;
};

class DeflatedPcgSolver : public LinearSolver {
 public:
  explicit DeflatedPcgSolver(DeflationSettings settings = {}, StoppingCriteria criteria = {});
  std::string name() const override { return "deflated-pcg"; }

 protected:
  void setup_impl(const CsrMatrix& a) override;
  void solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) override;
  void report_parameters(SolveReport& report) const override;

 private:
  /// v <- v - W E^-1 (A W)^T z  (deflate: make v A-orthogonal to span(W) when v = z).
  void deflate(std::span<const double> z, std::span<double> v);

  DeflationSettings settings_;
  int k_ = 0;
  std::vector<double> w_, aw_;        // column-major n x k
  std::vector<double> e_inverse_;     // k x k, row-major
  std::vector<double> inverse_diagonal_;
  std::vector<double> r_, z_, p_, q_, coefficients_, solved_;
};

}  // namespace adasolve::dcdm
