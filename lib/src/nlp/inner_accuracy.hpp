#pragma once
// When the inner solve of K z = b may stop (adasketch_newton.hpp; r = K z - b, ||b|| = the KKT residual):
//   paper    ||K||_F Psi ||r|| <= theta delta ||b||,  Psi = 20 max(||B||_F^2, 1) / (min(xi_G, 1) min(xi_B,
//   1))
//            (alsketch.md §3.4), with delta_trial = (0.5 - beta) nu / ((1 + mu + nu) Upsilon^2 Psi^2),
//            Upsilon = max(||G||_F, ||H||_F, 1) (§3.6);
//   adaptive ||r|| <= max(eta ||b||, 0.1 tol),  eta = min(delta, theta ||b||).
// Frobenius norms throughout, as in the Julia code.
#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"

namespace adasolve::nlp::detail {

class InnerAccuracy {
 public:
  /// For K (n + m square, top block B), H and G of this iteration; xi_g = lambda_min(G G^T) (or the
  /// regularization r when larger), kkt = ||b||, scaled_tol = the outer tolerance in the scaled problem.
  InnerAccuracy(const AdaSketchSettings& s, const CsrMatrix& k, Index n, const CsrMatrix& h,
                const CsrMatrix& g, double xi_g, double kkt, double scaled_tol);

  /// The paper's delta_trial(mu, nu).
  double delta_trial(double mu, double nu) const;
  /// true when ||r|| = r_norm is accurate enough at relative accuracy delta.
  bool accurate(double r_norm, double delta) const;

 private:
  const AdaSketchSettings& s_;
  double psi_ = 0.0, upsilon_ = 0.0, k_norm_ = 0.0;
  double kkt_ = 0.0, scaled_tol_ = 0.0;
};

}  // namespace adasolve::nlp::detail
