#include "singular_guard.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <vector>

namespace adasolve::nlp::detail {

std::optional<double> SingularJacobianGuard::regularization(bool singular, double kkt,
                                                            bool near_infeasible_stationary) {
  if (initial_ < 0.0) {
    initial_ = kkt;
  }
  if (!singular) {
    streak_ = 0;
    return 0.0;
  }
  // Regularized steps that still reduce the KKT residual (by 10% since the streak began) are progress, not a
  // loop: the streak restarts.
  // Nor is a step away from a stationary point of the infeasibility (see the header).
  if (s_.singular_policy == SingularPolicy::regularize && s_.stabilized_regularization && streak_ > 0 &&
      (kkt <= 0.9 * reference_ || !near_infeasible_stationary)) {
    streak_ = 0;
  }
  if (streak_ == 0) {
    reference_ = kkt;
  }
  if (s_.singular_policy == SingularPolicy::stop || ++streak_ > s_.max_singular_steps) {
    return std::nullopt;
  }
  // Stabilized SQP: r vanishes with the KKT residual, so near a solution whose Jacobian is merely
  // ill-conditioned (lambda_min(G G^T) below the absolute threshold) the step becomes the Newton step again;
  // a fixed r biases every step and stalls the iteration. r = min(r_max, ||b||) alone is capped at r_max
  // until
  // ||b|| < r_max, an absolute size: CATENARY's residual falls from 6e4 to 1 with r = 1e-2 throughout, and
  // the bias r dlambda on its large multipliers made 150 iterations converge linearly (factor 0.96). The
  // third term lets r fall with the residual relative to where the iteration began, ||b|| / ||b_0||, whatever
  // the problem's scale; at the start r is min(r_max, ||b_0||) as before.
  if (!s_.stabilized_regularization) {
    return s_.singular_regularization;
  }
  const double relative = initial_ > 0.0 ? kkt / initial_ : 1.0;
  return std::min({s_.singular_regularization, kkt, s_.singular_regularization * relative});
}

std::string SingularJacobianGuard::stop_message(double lambda_min) const {
  std::ostringstream out;
  out << "singular Jacobian: lambda_min(G G^T) = " << std::setprecision(3) << lambda_min << " < "
      << s_.singular_threshold;
  if (s_.singular_policy != SingularPolicy::stop) {
    out << " for " << s_.max_singular_steps << " iterations";
  }
  return out.str();
}

bool near_infeasible_stationary(const CsrMatrix& g, std::span<const double> c,
                                std::span<const double> scale) {
  std::vector<double> gtc(static_cast<std::size_t>(g.cols()), 0.0);
  double g_frobenius2 = 0.0, c_norm2 = 0.0;
  for (Index i = 0; i < g.rows(); ++i) {
    const double s = scale[static_cast<std::size_t>(i)];
    const double ci = c[static_cast<std::size_t>(i)] / s;
    c_norm2 += ci * ci;
    for (Index p = g.row_offsets()[i]; p < g.row_offsets()[i + 1]; ++p) {
      const double gij = g.values()[p] / s;
      gtc[static_cast<std::size_t>(g.column_indices()[p])] += gij * ci;
      g_frobenius2 += gij * gij;
    }
  }
  double gtc_norm2 = 0.0;
  for (const double v : gtc) {
    gtc_norm2 += v * v;
  }
  return std::sqrt(gtc_norm2) <= 1e-2 * std::sqrt(g_frobenius2 * c_norm2);
}

}  // namespace adasolve::nlp::detail
