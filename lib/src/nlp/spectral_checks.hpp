#pragma once
// The two spectral tests of alsketch.md §3.2 without O(n^3) work on large problems.
//
// lambda_min(G^ G^^T) (the singular-Jacobian guard and xi_G in Psi), G^ = S^-1 G the Jacobian of the problem
// as posed (G the scaled Jacobian the iteration works with, S the constraint scaling; scaling.hpp):
//   m <= kDenseLimit: dense symmetric eigen-decomposition of the m x m matrix (Eigen);
//   otherwise: Lanczos on (G^ G^^T + 1e-3 threshold I)^-1 with one sparse Cholesky factor (CHOLMOD), run
//   until the largest Ritz value has converged to about 0.1%.
//   The guard compares this value with the threshold, and the `singular` message prints it: one quantity.
//   (The earlier rule decided by a Cholesky of G G^T - threshold I but printed 60 plain Lanczos steps on
//   G G^T, an upper estimate that had not converged: CATENARY with 660 points stopped with "lambda_min =
//   0.435 < 0.01" where lambda_min was 1.4e-4.)
// Reduced Hessian Z^T H Z >= eps (Z a null-space basis of G):
//   n <= kDenseLimit: Z from a dense Householder QR of G^T and the smallest eigenvalue of Z^T H Z (Eigen);
//   otherwise: Debreu's lemma, Z^T H Z > 0 iff H + rho G^T G > 0 for rho large enough, tested by a sparse
//   Cholesky of H - eps I + rho G~^T G~ with rho = 1e4 max(1, ||H||_F), G~ = G with unit rows (same null
//   space; rho G^T G with rows of norm 100 would put rounding errors of 1e-6 into the pivots and hide a
//   negative eps). A failure leads to the Hessian modification, so a too-small rho errs on the safe side.
//   kDenseLimit = 100: the dense test costs 4 n^3 flops, 5e8 at n = 496 (40 ms on CATENARY, the whole of
//   an outer iteration), the sparse one about a millisecond; both decide every CATENARY iterate alike.
//   When G^T G would be dense (a few long rows of G: logistic regression's dense constraints over 10^6
//   LIBSVM features), nothing n x n is formed: a sparse Cholesky of H - eps I passes the test exactly
//   when it succeeds; otherwise Lanczos on the projection of H onto null(G) (O(n) memory) decides it:
//   a "not positive" is exact, a "positive" is an estimate (see spectral_checks.cpp).
#include <span>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::nlp::detail {

inline constexpr Index kDenseLimit = 100;

struct JacobianConditioning {
  double lambda_min = 0.0;  ///< xi_G = lambda_min(S^-1 G G^T S^-1) (exact, or converged Lanczos, see above)
  bool singular = false;    ///< lambda_min < threshold
  double flops = 0.0;
};

/// xi_G of G with constraint scale factors row_scale (empty: S = I) and the guard lambda_min < threshold.
JacobianConditioning jacobian_conditioning(const CsrMatrix& g, std::span<const double> row_scale,
                                           double threshold);

/// true when the reduced Hessian Z^T H Z has all eigenvalues >= eps (or n <= m: nothing to test).
/// `estimated` (when given) is set to true when a positive answer came from the Lanczos estimate.
bool reduced_hessian_positive(const CsrMatrix& h, const CsrMatrix& g, double eps, double* flops = nullptr,
                              bool* estimated = nullptr);

}  // namespace adasolve::nlp::detail
