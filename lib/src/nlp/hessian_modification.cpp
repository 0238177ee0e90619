#include "hessian_modification.hpp"

#include <algorithm>

#include "adasolve/core/vector_ops.hpp"
#include "kkt_system.hpp"
#include "sparse_products.hpp"
#include "spectral_checks.hpp"

namespace adasolve::nlp::detail {

HessianModification modify_hessian(const CsrMatrix& h, const CsrMatrix& g, const AdaSketchSettings& s,
                                   double kkt, double& check_flops) {
  HessianModification out;
  out.modified = h.rows() > g.rows() &&
                 !reduced_hessian_positive(h, g, s.reduced_hessian_threshold, &check_flops, &out.estimated);
  if (!out.modified) {
    return out;
  }
  out.shift = s.xi_b + frobenius_norm(h);  // the paper's shift, which always passes
  if (s.minimal_hessian_shift) {
    // Singular, not indefinite (lambda_min(Z^T H Z) >= -t/2, so lambda_min(Z^T B Z) >= t/2 > 0): the
    // Levenberg-Marquardt shift t = min(xi_B, ||b||), which vanishes with the KKT residual (see the header).
    const double lm = levenberg_marquardt_shift(s.xi_b, kkt);
    if (lm > 0.0 && lm < s.xi_b &&
        reduced_hessian_positive(shifted(h, lm), g, 0.5 * lm, &check_flops, &out.estimated)) {
      out.shift = lm;
      out.follows_residual = true;
      return out;
    }
    for (double t = s.xi_b; t < out.shift; t *= 10.0) {
      if (reduced_hessian_positive(shifted(h, t), g, s.reduced_hessian_threshold, &check_flops,
                                   &out.estimated)) {
        out.shift = t;
        break;
      }
    }
  }
  return out;
}

double levenberg_marquardt_shift(double xi_b, double kkt) { return std::min(xi_b, kkt); }

double step_length_bound(std::span<const double> x, double ratio) {
  return ratio * std::max(1.0, vec::norm2(x));
}

double primal_norm(const std::vector<double>& z, Index n) {
  return vec::norm2(std::span<const double>(z.data(), static_cast<std::size_t>(n)));
}

double next_length_shift(double shift, double xi_b, double cap) {
  return std::min(cap, std::max(xi_b, 10.0 * shift));
}

}  // namespace adasolve::nlp::detail
