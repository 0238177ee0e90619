#pragma once
// Problem scaling as Ipopt does it by default (gradient-based, Waechter & Biegler 2006, §3.8): at the start
// point x0,
//
//     s_f = min(1, g_max / ||grad f(x0)||_inf),    s_i = min(1, g_max / ||grad c_i(x0)||_inf),   g_max = 100,
//
// and the solver works on  min s_f f(x)  s.t.  s_i c_i(x) = 0. Only functions whose gradient is larger than
// g_max are scaled down; nothing is scaled up. The scaled problem has the same solutions x; its multipliers
// are lambda~_i = lambda_i s_f / s_i (from s_f f + sum lambda~_i s_i c_i = s_f (f + sum lambda_i c_i)), and
// its KKT residual maps back by grad_x L = grad_x L~ / s_f, c_i = c~_i / s_i.
//
// Why: the exact augmented Lagrangian f + lambda^T c + (mu/2)||c||^2 + (nu/2)||grad_x L||^2 weighs f, c and
// grad_x L against each other with fixed penalties; with f ~ 1e6 and c ~ 1e4 (CATENARY) the quadratic terms
// (nu/2)||grad_x L||^2 ~ 1e11 dominate and the line search takes tiny steps.
#include <span>
#include <vector>

#include "adasolve/nlp/nlp_problem.hpp"

namespace adasolve::nlp {

struct ProblemScaling {
  double objective = 1.0;           ///< s_f
  std::vector<double> constraints;  ///< s_i (size m)
  /// s_f and every s_i equal to 1.
  bool identity() const;
};

/// The factors above at x; all ones when an evaluation at x fails (the solver then reports that failure).
ProblemScaling gradient_based_scaling(NlpProblem& problem, std::span<const double> x,
                                      double max_gradient = 100.0);

/// min s_f f s.t. S c = 0 over a problem that it does not own (same x; multipliers as above).
class ScaledProblem final : public NlpProblem {
 public:
  ScaledProblem(NlpProblem& problem, ProblemScaling scaling);
  std::string name() const override { return problem_.name(); }
  Index num_variables() const override { return problem_.num_variables(); }
  Index num_constraints() const override { return problem_.num_constraints(); }
  std::vector<double> initial_point() const override { return problem_.initial_point(); }
  /// lambda~0 = s_f lambda0 / s
  std::vector<double> initial_multipliers() const override;
  std::optional<KnownOptimum> known_optimum() const override;
  bool objective(std::span<const double> x, double& f) override;
  bool gradient(std::span<const double> x, std::span<double> g) override;
  bool constraints(std::span<const double> x, std::span<double> c) override;
  bool jacobian(std::span<const double> x, CsrMatrix& g) override;
  bool lagrangian_hessian(std::span<const double> x, double sigma, std::span<const double> lambda,
                          CsrMatrix& h) override;

  const ProblemScaling& scaling() const { return scaling_; }
  /// lambda = S lambda~ / s_f
  std::vector<double> unscaled_multipliers(std::span<const double> lambda_scaled) const;

 private:
  std::vector<double> original_multipliers(double sigma, std::span<const double> lambda) const;
  NlpProblem& problem_;
  ProblemScaling scaling_;
};

}  // namespace adasolve::nlp
