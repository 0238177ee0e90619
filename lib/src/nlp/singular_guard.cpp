#include "singular_guard.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace adasolve::nlp::detail {

std::optional<double> SingularJacobianGuard::regularization(bool singular, double kkt) {
  if (initial_ < 0.0) {
    initial_ = kkt;
  }
  if (!singular) {
    streak_ = 0;
    return 0.0;
  }
  // Regularized steps that still reduce the KKT residual (by 10% since the streak began) are progress, not a
  // loop: the streak restarts.
  if (s_.singular_policy == SingularPolicy::regularize && s_.stabilized_regularization && streak_ > 0 &&
      kkt <= 0.9 * reference_) {
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

}  // namespace adasolve::nlp::detail
