#include "adasolve/nlp/scaling.hpp"

#include <algorithm>
#include <cmath>

#include "adasolve/core/error.hpp"

namespace adasolve::nlp {

bool ProblemScaling::identity() const {
  return objective == 1.0 && std::ranges::all_of(constraints, [](double s) { return s == 1.0; });
}

ProblemScaling gradient_based_scaling(NlpProblem& problem, std::span<const double> x, double max_gradient) {
  const auto n = static_cast<std::size_t>(problem.num_variables());
  const auto m = static_cast<std::size_t>(problem.num_constraints());
  ProblemScaling s;
  s.constraints.assign(m, 1.0);
  std::vector<double> g(n);
  CsrMatrix jac;
  if (!problem.gradient(x, g) || !problem.jacobian(x, jac)) {
    return s;
  }
  // s = min(1, g_max / ||gradient||_inf); a zero or non-finite gradient keeps s = 1
  auto factor = [&](double inf_norm) {
    return std::isfinite(inf_norm) && inf_norm > max_gradient ? max_gradient / inf_norm : 1.0;
  };
  double gmax = 0.0;
  for (double v : g) {
    gmax = std::max(gmax, std::abs(v));
  }
  s.objective = factor(gmax);
  for (Index i = 0; i < jac.rows(); ++i) {
    double row = 0.0;
    for (Index p = jac.row_offsets()[i]; p < jac.row_offsets()[i + 1]; ++p) {
      row = std::max(row, std::abs(jac.values()[p]));
    }
    s.constraints[static_cast<std::size_t>(i)] = factor(row);
  }
  return s;
}

ScaledProblem::ScaledProblem(NlpProblem& problem, ProblemScaling scaling)
    : problem_(problem), scaling_(std::move(scaling)) {
  if (scaling_.constraints.size() != static_cast<std::size_t>(problem_.num_constraints()) ||
      !(scaling_.objective > 0.0) ||
      std::ranges::any_of(scaling_.constraints, [](double s) { return !(s > 0.0); })) {
    throw UsageError("ScaledProblem: one positive factor per constraint and for the objective");
  }
}

std::vector<double> ScaledProblem::initial_multipliers() const {
  auto l = problem_.initial_multipliers();
  for (std::size_t i = 0; i < l.size(); ++i) {
    l[i] *= scaling_.objective / scaling_.constraints[i];
  }
  return l;
}

std::optional<KnownOptimum> ScaledProblem::known_optimum() const {
  auto opt = problem_.known_optimum();
  if (opt) {
    opt->value *= scaling_.objective;
  }
  return opt;
}

bool ScaledProblem::objective(std::span<const double> x, double& f) {
  if (!problem_.objective(x, f)) {
    return false;
  }
  f *= scaling_.objective;
  return true;
}

bool ScaledProblem::gradient(std::span<const double> x, std::span<double> g) {
  if (!problem_.gradient(x, g)) {
    return false;
  }
  for (double& v : g) {
    v *= scaling_.objective;
  }
  return true;
}

bool ScaledProblem::constraints(std::span<const double> x, std::span<double> c) {
  if (!problem_.constraints(x, c)) {
    return false;
  }
  for (std::size_t i = 0; i < c.size(); ++i) {
    c[i] *= scaling_.constraints[i];
  }
  return true;
}

bool ScaledProblem::jacobian(std::span<const double> x, CsrMatrix& g) {
  if (!problem_.jacobian(x, g)) {
    return false;
  }
  auto v = g.values_mutable();
  for (Index i = 0; i < g.rows(); ++i) {
    for (Index p = g.row_offsets()[i]; p < g.row_offsets()[i + 1]; ++p) {
      v[static_cast<std::size_t>(p)] *= scaling_.constraints[static_cast<std::size_t>(i)];
    }
  }
  return true;
}

/// sigma s_f Hess f + sum lambda~_i s_i Hess c_i: the original Hessian with weights (sigma s_f, S lambda~).
std::vector<double> ScaledProblem::original_multipliers(double, std::span<const double> lambda) const {
  std::vector<double> l(lambda.begin(), lambda.end());
  for (std::size_t i = 0; i < l.size(); ++i) {
    l[i] *= scaling_.constraints[i];
  }
  return l;
}

bool ScaledProblem::lagrangian_hessian(std::span<const double> x, double sigma,
                                       std::span<const double> lambda, CsrMatrix& h) {
  return problem_.lagrangian_hessian(x, sigma * scaling_.objective, original_multipliers(sigma, lambda), h);
}

std::vector<double> ScaledProblem::unscaled_multipliers(std::span<const double> lambda_scaled) const {
  std::vector<double> l(lambda_scaled.begin(), lambda_scaled.end());
  for (std::size_t i = 0; i < l.size(); ++i) {
    l[i] *= scaling_.constraints[i] / scaling_.objective;
  }
  return l;
}

}  // namespace adasolve::nlp
