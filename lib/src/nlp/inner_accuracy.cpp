#include "inner_accuracy.hpp"

#include <algorithm>

#include "kkt_system.hpp"
#include "sparse_products.hpp"

namespace adasolve::nlp::detail {

InnerAccuracy::InnerAccuracy(const AdaSketchSettings& s, const CsrMatrix& k, Index n, const CsrMatrix& h,
                             const CsrMatrix& g, double xi_g, double kkt, double scaled_tol)
    : s_(s), kkt_(kkt), scaled_tol_(scaled_tol) {
  psi_ = 20.0 * std::max(top_block_norm2(k, n), 1.0) / (std::min(xi_g, 1.0) * std::min(s.xi_b, 1.0));
  upsilon_ = std::max({frobenius_norm(g), frobenius_norm(h), 1.0});
  k_norm_ = frobenius_norm(k);
}

double InnerAccuracy::delta_trial(double mu, double nu) const {
  return (0.5 - s_.beta) * nu / ((1.0 + mu + nu) * upsilon_ * upsilon_ * psi_ * psi_);
}

bool InnerAccuracy::accurate(double r_norm, double delta) const {
  if (s_.accuracy == AccuracyRule::paper) {
    return k_norm_ * psi_ * r_norm <= s_.theta * delta * kkt_;  // ||K||_F Psi ||r|| <= theta delta ||b||
  }
  // relative accuracy delta, tightened with the KKT residual (forcing term O(||b||): quadratic local rate);
  // 0.1 tol keeps the inner solve from chasing accuracy below what the outer test needs
  const double eta = std::min(delta, s_.theta * kkt_);
  return r_norm <= std::max(eta * kkt_, 0.1 * scaled_tol_);
}

}  // namespace adasolve::nlp::detail
