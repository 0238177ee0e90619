#include "line_search.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "adasolve/core/vector_ops.hpp"

namespace adasolve::nlp::detail {

namespace {

/// (x, lambda) + alpha z
void step_to(const EvaluatedPoint& point, std::span<const double> z, double alpha, std::vector<double>& x,
             std::vector<double>& lambda) {
  const std::size_t n = point.x.size();
  x.resize(n);
  lambda.resize(point.lambda.size());
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = point.x[i] + alpha * z[i];
  }
  for (std::size_t i = 0; i < lambda.size(); ++i) {
    lambda[i] = point.lambda[i] + alpha * z[n + i];
  }
}

}  // namespace

LineSearchOutcome armijo_backtracking(NlpProblem& problem, const EvaluatedPoint& point,
                                      std::span<const double> z, double mu, double nu, double slope,
                                      double beta, int max_backtracks,
                                      const SecondOrderCorrection& correction, double first_alpha,
                                      std::optional<double> phi_reference) {
  const double phi0 = phi_reference ? *phi_reference : merit_value(point, mu, nu);
  const double roundoff = 10.0 * std::numeric_limits<double>::epsilon() * std::abs(phi0);
  const auto sufficient = [&](const EvaluatedPoint& p, double alpha) {
    return merit_value(p, mu, nu) <= phi0 + alpha * beta * slope + roundoff;
  };
  LineSearchOutcome out;
  out.alpha = first_alpha;
  std::vector<double> xt, lt;
  for (int bt = 0; bt < max_backtracks; ++bt, out.alpha *= 0.5) {
    step_to(point, z, out.alpha, xt, lt);
    ++out.evaluations;
    if (!evaluate_point(problem, xt, lt, out.trial)) {
      ++out.failed_evaluations;
      continue;
    }
    if (sufficient(out.trial, out.alpha)) {
      out.accepted = true;
      break;
    }
    // Only a full step that did not reduce the constraint violation is corrected (Ipopt's rule): otherwise
    // the rejection is not the curvature of c, and the correction would cost a solve for nothing.
    if (out.alpha == 1.0 && correction && vec::norm2(out.trial.c) >= vec::norm2(point.c)) {
      if (const auto z_soc = correction(out.trial)) {
        step_to(point, *z_soc, 1.0, xt, lt);
        ++out.evaluations;
        EvaluatedPoint corrected;
        const bool finite = evaluate_point(problem, xt, lt, corrected);
        if (finite && sufficient(corrected, 1.0)) {
          out.trial = std::move(corrected);
          out.accepted = true;
          out.corrected = true;
          break;
        }
        if (finite) {
          out.rejected_correction = std::move(corrected);
        }
      }
    }
  }
  return out;
}

}  // namespace adasolve::nlp::detail
