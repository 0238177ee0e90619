#pragma once
// The exact augmented Lagrangian merit of alsketch.md §3.5:
//     L_{mu,nu}(x, lambda) = f + lambda^T c + (mu/2) ||c||^2 + (nu/2) ||g||^2,   g = grad_x L = grad f + G^T
//     lambda, grad_x L_{mu,nu} = g + nu H g + mu G^T c,   grad_lambda L_{mu,nu} = c + nu G g,
// exact when H = Hess_x L (H = Hess f is the authors' approximation).
#include <span>
#include <vector>

#include "adasolve/nlp/nlp_problem.hpp"

namespace adasolve::nlp {

/// Everything the merit and the KKT system need at one (x, lambda).
struct EvaluatedPoint {
  std::vector<double> x, lambda;
  double f = 0.0;
  std::vector<double> grad_f, c, grad_lagrangian;
  CsrMatrix jacobian;  ///< G
  /// ||(grad_x L, c)||_2
  double kkt_residual() const;
};

/// Evaluates f, grad f, c, G and grad_x L at (x, lambda). false when any evaluation fails or is not finite.
bool evaluate_point(NlpProblem& problem, std::span<const double> x, std::span<const double> lambda,
                    EvaluatedPoint& p);

double merit_value(const EvaluatedPoint& p, double mu, double nu);
/// (grad_x L_{mu,nu}; grad_lambda L_{mu,nu}), size n + m, with the given H (n x n).
std::vector<double> merit_gradient(const EvaluatedPoint& p, const CsrMatrix& h, double mu, double nu);

}  // namespace adasolve::nlp
