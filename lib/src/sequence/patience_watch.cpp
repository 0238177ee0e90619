// PatienceWatch: the abandon rule of the header.
#include "adasolve/sequence/patience_watch.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "adasolve/core/error.hpp"

namespace adasolve::sequence {

namespace {

constexpr int kFewestToProject = 3;            // iterations before a projection is trusted
constexpr double kLeastShareToProject = 0.25;  // of C spent before a projection may abandon
constexpr double kProjectedMargin = 2.0;       // abandon when projected to cost this times C

}  // namespace

PatienceWatch::PatienceWatch(double patience, int max_iters, bool project)
    : patience_(patience), max_iters_(max_iters), project_(project) {
  if (!(patience > 0.0) || !std::isfinite(patience) || max_iters < 1) {
    throw UsageError("PatienceWatch: the patience must be finite and positive, max_iters >= 1");
  }
}

double PatienceWatch::projection(std::span<const double> residuals, double threshold) {
  const std::size_t k = residuals.empty() ? 0 : residuals.size() - 1;
  if (k < 1 || !(threshold > 0.0)) {
    return std::numeric_limits<double>::infinity();
  }
  const std::size_t j = k / 2;
  const double rk = residuals[k];
  const double rj = residuals[j];
  if (!(rk < rj) || !(rk > 0.0)) {
    return std::numeric_limits<double>::infinity();
  }
  const double log_rho = std::log(rk / rj) / static_cast<double>(k - j);
  return static_cast<double>(k) + std::max(0.0, std::log(threshold / rk) / log_rho);
}

bool PatienceWatch::keep_going(int iteration, double residual, double threshold, double seconds) {
  if (patience_ <= 0.0 || abandoned_) {
    return !abandoned_;
  }
  if (iteration == 0) {
    residuals_.assign(1, residual);
    return true;
  }
  residuals_.push_back(residual);
  const double k = static_cast<double>(iteration);
  const double projected = projection(residuals_, threshold);
  const bool spent = seconds >= kProjectedMargin * patience_;
  const bool hopeless = project_ && iteration >= kFewestToProject &&
                        seconds >= kLeastShareToProject * patience_ &&
                        seconds * projected / k >= kProjectedMargin * patience_;
  if (!spent && !hopeless) {
    return true;
  }
  abandoned_ = true;
  // Censored at the iterations that cost 2 C at the rate of spending so far; it did not converge at this
  // iteration, so a whole solve takes at least one more.
  const double at_threshold = seconds > 0.0 ? k * kProjectedMargin * patience_ / seconds : projected;
  const double bounded = std::clamp(std::min(projected, at_threshold), k + 1.0,
                                    static_cast<double>(std::max(max_iters_, iteration + 1)));
  projected_ = static_cast<int>(std::ceil(bounded - 1e-9));  // 8.0000000001 iterations are 8
  return false;
}

}  // namespace adasolve::sequence
