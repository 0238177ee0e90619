#include "inner_accuracy.hpp"

#include <algorithm>
#include <cmath>

#include "adasolve/core/vector_ops.hpp"
#include "kkt_system.hpp"
#include "sparse_products.hpp"

namespace adasolve::nlp::detail {

InnerAccuracy::InnerAccuracy(const AdaSketchSettings& s, const CsrMatrix& k, Index n, const CsrMatrix& h,
                             const CsrMatrix& g, double xi_g, std::span<const double> b,
                             const ProblemScaling& scale, double scaled_tol)
    : s_(s), scale_(scale), n_(n), scaled_tol_(scaled_tol) {
  psi_ = 20.0 * std::max(top_block_norm2(k, n), 1.0) / (std::min(xi_g, 1.0) * std::min(s.xi_b, 1.0));
  upsilon_ = std::max({frobenius_norm(g), frobenius_norm(h), 1.0});
  k_norm_ = frobenius_norm(k);
  kkt_ = vec::norm2(b);
  kkt_unscaled_ = unscaled_norm(b);
}

double InnerAccuracy::unscaled_norm(std::span<const double> v) const {
  double primal = 0.0, dual = 0.0;
  for (Index i = 0; i < n_; ++i) {
    primal += v[static_cast<std::size_t>(i)] * v[static_cast<std::size_t>(i)];
  }
  for (std::size_t i = 0; i < scale_.constraints.size(); ++i) {
    const double c = v[static_cast<std::size_t>(n_) + i] / scale_.constraints[i];
    dual += c * c;
  }
  return std::sqrt(primal / (scale_.objective * scale_.objective) + dual);
}

double InnerAccuracy::delta_trial(double mu, double nu) const {
  return (0.5 - s_.beta) * nu / ((1.0 + mu + nu) * upsilon_ * upsilon_ * psi_ * psi_);
}

bool InnerAccuracy::accurate(std::span<const double> r, double delta) const {
  const double r_norm = vec::norm2(r);
  if (s_.accuracy == AccuracyRule::paper) {
    return k_norm_ * psi_ * r_norm <= s_.theta * delta * kkt_;  // ||K||_F Psi ||r|| <= theta delta ||b||
  }
  // relative accuracy delta, tightened with the KKT residual (forcing term O(||b||): quadratic local rate);
  // 0.1 tol keeps the inner solve from chasing accuracy below what the outer test needs
  const double eta = std::min(delta, s_.theta * kkt_);
  if (r_norm > std::max(eta * kkt_, 0.1 * scaled_tol_)) {
    return false;
  }
  // the same in the norm of the outer test (see the header)
  const double eta_unscaled = std::min(delta, s_.theta * kkt_unscaled_);
  return unscaled_norm(r) <= std::max(eta_unscaled * kkt_unscaled_, 0.1 * s_.kkt_tol);
}

}  // namespace adasolve::nlp::detail
