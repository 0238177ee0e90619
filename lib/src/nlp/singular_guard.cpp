#include "singular_guard.hpp"

#include <algorithm>

namespace adasolve::nlp::detail {

std::optional<double> SingularJacobianGuard::regularization(bool singular, double kkt) {
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
  // Stabilized SQP: r = min(threshold, ||b||) vanishes with the KKT residual, so near a solution whose
  // Jacobian is merely ill-conditioned (lambda_min(G G^T) below the absolute threshold) the step becomes the
  // Newton step again; a fixed r = threshold biases every step and stalls the iteration.
  return s_.stabilized_regularization ? std::min(s_.singular_threshold, kkt) : s_.singular_threshold;
}

std::string SingularJacobianGuard::stop_message(double lambda_min) const {
  return "singular Jacobian: lambda_min(G G^T) = " + std::to_string(lambda_min) + " < " +
         std::to_string(s_.singular_threshold) +
         (s_.singular_policy == SingularPolicy::stop
              ? std::string()
              : " for " + std::to_string(s_.max_singular_steps) + " iterations");
}

}  // namespace adasolve::nlp::detail
