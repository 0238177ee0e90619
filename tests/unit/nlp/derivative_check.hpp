#pragma once
// Central finite-difference checks of a problem's gradient, Jacobian and Lagrangian Hessian.
#include <algorithm>
#include <cmath>
#include <vector>

#include "adasolve/nlp/nlp_problem.hpp"

namespace adasolve::test {

/// Largest relative error max |analytic - fd| / (1 + |analytic|) over all derivative entries at x.
inline double max_derivative_error(nlp::NlpProblem& p, std::vector<double> x, std::vector<double> lambda) {
  const std::size_t n = static_cast<std::size_t>(p.num_variables());
  const std::size_t m = static_cast<std::size_t>(p.num_constraints());
  const double eps = 1e-6;
  double worst = 0.0;
  auto record = [&](double analytic, double fd) {
    worst = std::max(worst, std::abs(analytic - fd) / (1.0 + std::abs(analytic)));
  };
  std::vector<double> g(n), c_plus(m), c_minus(m), g_plus(n), g_minus(n);
  p.gradient(x, g);
  CsrMatrix jac, hess, jac_plus, jac_minus;
  p.jacobian(x, jac);
  p.lagrangian_hessian(x, 1.0, lambda, hess);
  // grad L(x) = grad f + G^T lambda, for the Hessian check
  auto grad_lagrangian = [&](const std::vector<double>& at, std::vector<double>& out) {
    CsrMatrix j;
    p.gradient(at, out);
    p.jacobian(at, j);
    const CsrMatrix jt = j.transpose();
    std::vector<double> t(n);
    jt.multiply(lambda, t);
    for (std::size_t i = 0; i < n; ++i) {
      out[i] += t[i];
    }
  };
  for (std::size_t k = 0; k < n; ++k) {
    const double h = eps * std::max(1.0, std::abs(x[k]));
    std::vector<double> xp = x, xm = x;
    xp[k] += h;
    xm[k] -= h;
    double fp = 0, fm = 0;
    p.objective(xp, fp);
    p.objective(xm, fm);
    record(g[k], (fp - fm) / (2 * h));
    p.constraints(xp, c_plus);
    p.constraints(xm, c_minus);
    for (std::size_t i = 0; i < m; ++i) {
      record(jac.at(static_cast<Index>(i), static_cast<Index>(k)), (c_plus[i] - c_minus[i]) / (2 * h));
    }
    grad_lagrangian(xp, g_plus);
    grad_lagrangian(xm, g_minus);
    for (std::size_t i = 0; i < n; ++i) {
      record(hess.at(static_cast<Index>(i), static_cast<Index>(k)), (g_plus[i] - g_minus[i]) / (2 * h));
    }
  }
  return worst;
}

}  // namespace adasolve::test
