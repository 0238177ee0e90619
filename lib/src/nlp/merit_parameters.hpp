#pragma once
// The merit parameters mu, nu and the inner accuracy delta, and how the descent test moves them
// (alsketch.md §3.6; adasketch_newton.hpp). The test asks of the direction z
//
//     slope = grad L_{mu,nu}^T z <= required = -(nu/2) ||b||^2.
//
// paper:  mu *= rho^2, nu /= rho, delta tightened, and the inner solve resumes from z (warm start);
// direct: slope is affine in mu with derivative d = c^T G dx (= -||c||^2 for an exact step), so when d < 0 mu
//         is set at once to where the slope is the required decrease plus the missing amount again (a margin,
//         so that mu is not raised by a sliver every iteration), with no re-solve; the paper's update when
//         d >= 0 or the new mu would pass mu_max.
#include "adasolve/nlp/adasketch_newton.hpp"
#include "inner_accuracy.hpp"

namespace adasolve::nlp::detail {

struct MeritParameters {
  double mu = 1.0, nu = 0.1, delta = 0.1;
};

enum class DescentVerdict {
  sufficient,  ///< the test holds, or mu and nu are at their limits: take the step
  mu_raised,   ///< direct update: mu raised, the same z now satisfies the test
  resolve,     ///< paper update: solve again, from the current z, under the tighter delta
};

/// Applies the test and the update to p. constraint_slope = c^T G dx.
DescentVerdict enforce_descent(MeritParameters& p, double slope, double required, double constraint_slope,
                               const AdaSketchSettings& s, const InnerAccuracy& accuracy);

/// The adaptive rule's reaction to a step the line search cut below 1/16: the inexact direction was poor for
/// the merit, so the next solve gets the accuracy a failed descent test would ask for (delta / rho^4).
void tighten_after_short_step(MeritParameters& p, double alpha, const AdaSketchSettings& s);

}  // namespace adasolve::nlp::detail
