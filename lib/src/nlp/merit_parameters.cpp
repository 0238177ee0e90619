#include "merit_parameters.hpp"

#include <algorithm>
#include <cmath>

namespace adasolve::nlp::detail {

DescentVerdict enforce_descent(MeritParameters& p, double slope, double required, double constraint_slope,
                               const AdaSketchSettings& s, const InnerAccuracy& accuracy) {
  if (p.mu > s.mu_max || p.nu < s.nu_min || slope <= required) {
    return DescentVerdict::sufficient;
  }
  if (s.merit_update == MeritUpdate::direct && constraint_slope < 0.0) {
    // slope(mu') = slope(mu) + (mu' - mu) d: the required decrease plus the missing amount again
    const double mu_new = p.mu + 2.0 * (slope - required) / (-constraint_slope);
    if (mu_new <= s.mu_max) {
      p.mu = mu_new;
      return DescentVerdict::mu_raised;
    }
  }
  p.mu *= s.rho * s.rho;
  p.nu /= s.rho;
  p.delta =
      s.accuracy == AccuracyRule::paper
          ? std::max(std::min(p.delta / std::pow(s.rho, 4), accuracy.delta_trial(p.mu, p.nu)), s.delta_floor)
          : std::max(p.delta / std::pow(s.rho, 4), s.delta_floor);
  return DescentVerdict::resolve;
}

void tighten_after_short_step(MeritParameters& p, double alpha, const AdaSketchSettings& s) {
  if (s.accuracy == AccuracyRule::adaptive && s.tighten_after_short_step && alpha < 1.0 / 16.0) {
    p.delta = std::max(p.delta / std::pow(s.rho, 4), s.delta_floor);
  }
}

}  // namespace adasolve::nlp::detail
