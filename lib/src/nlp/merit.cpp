#include "adasolve/nlp/merit.hpp"

#include <cmath>

#include "adasolve/core/vector_ops.hpp"

namespace adasolve::nlp {

double EvaluatedPoint::kkt_residual() const {
  const double a = vec::norm2(grad_lagrangian);
  const double b = vec::norm2(c);
  return std::hypot(a, b);
}

bool evaluate_point(NlpProblem& problem, std::span<const double> x, std::span<const double> lambda,
                    EvaluatedPoint& p) {
  const std::size_t n = static_cast<std::size_t>(problem.num_variables());
  const std::size_t m = static_cast<std::size_t>(problem.num_constraints());
  p.x.assign(x.begin(), x.end());
  p.lambda.assign(lambda.begin(), lambda.end());
  p.grad_f.assign(n, 0.0);
  p.c.assign(m, 0.0);
  p.grad_lagrangian.assign(n, 0.0);
  if (!vec::all_finite(x) || !vec::all_finite(lambda)) {
    return false;
  }
  if (!problem.objective(x, p.f) || !problem.gradient(x, p.grad_f) || !problem.constraints(x, p.c) ||
      !problem.jacobian(x, p.jacobian)) {
    return false;
  }
  // g = grad f + G^T lambda
  const CsrMatrix& g = p.jacobian;
  p.grad_lagrangian = p.grad_f;
  for (Index i = 0; i < g.rows(); ++i) {
    for (Index k = g.row_offsets()[i]; k < g.row_offsets()[i + 1]; ++k) {
      p.grad_lagrangian[static_cast<std::size_t>(g.column_indices()[k])] +=
          g.values()[k] * lambda[static_cast<std::size_t>(i)];
    }
  }
  return std::isfinite(p.f) && vec::all_finite(p.grad_f) && vec::all_finite(p.c) &&
         vec::all_finite(g.values()) && vec::all_finite(p.grad_lagrangian);
}

double merit_value(const EvaluatedPoint& p, double mu, double nu) {
  const double cc = vec::dot(p.c, p.c);
  const double gg = vec::dot(p.grad_lagrangian, p.grad_lagrangian);
  return p.f + vec::dot(p.lambda, p.c) + 0.5 * mu * cc + 0.5 * nu * gg;
}

std::vector<double> merit_gradient(const EvaluatedPoint& p, const CsrMatrix& h, double mu, double nu) {
  const std::size_t n = p.x.size();
  const std::size_t m = p.c.size();
  std::vector<double> d(n + m, 0.0);
  std::span<double> dx(d.data(), n), dl(d.data() + n, m);
  h.multiply(p.grad_lagrangian, dx);  // dx = H g
  vec::scale(nu, dx);                 // dx = nu H g
  vec::axpy(1.0, p.grad_lagrangian, dx);
  const CsrMatrix& g = p.jacobian;
  for (Index i = 0; i < g.rows(); ++i) {
    double gg = 0.0;
    for (Index k = g.row_offsets()[i]; k < g.row_offsets()[i + 1]; ++k) {
      const std::size_t j = static_cast<std::size_t>(g.column_indices()[k]);
      dx[j] += mu * g.values()[k] * p.c[static_cast<std::size_t>(i)];  // + mu G^T c
      gg += g.values()[k] * p.grad_lagrangian[j];
    }
    dl[static_cast<std::size_t>(i)] = p.c[static_cast<std::size_t>(i)] + nu * gg;  // c + nu G g
  }
  return d;
}

}  // namespace adasolve::nlp
