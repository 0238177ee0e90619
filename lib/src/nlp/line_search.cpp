#include "line_search.hpp"

#include <cmath>
#include <limits>
#include <vector>

namespace adasolve::nlp::detail {

LineSearchOutcome armijo_backtracking(NlpProblem& problem, const EvaluatedPoint& point,
                                      std::span<const double> z, double mu, double nu, double slope,
                                      double beta, int max_backtracks) {
  const std::size_t n = point.x.size();
  const std::size_t m = point.lambda.size();
  const double phi0 = merit_value(point, mu, nu);
  const double roundoff = 10.0 * std::numeric_limits<double>::epsilon() * std::abs(phi0);
  LineSearchOutcome out;
  std::vector<double> xt(n), lt(m);
  for (int bt = 0; bt < max_backtracks; ++bt, out.alpha *= 0.5) {
    for (std::size_t i = 0; i < n; ++i) {
      xt[i] = point.x[i] + out.alpha * z[i];
    }
    for (std::size_t i = 0; i < m; ++i) {
      lt[i] = point.lambda[i] + out.alpha * z[n + i];
    }
    ++out.evaluations;
    if (!evaluate_point(problem, xt, lt, out.trial)) {
      continue;
    }
    if (merit_value(out.trial, mu, nu) <= phi0 + out.alpha * beta * slope + roundoff) {
      out.accepted = true;
      break;
    }
  }
  return out;
}

}  // namespace adasolve::nlp::detail
