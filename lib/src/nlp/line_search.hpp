#pragma once
// Step acceptance (alsketch.md §3.7): Armijo backtracking on the exact augmented Lagrangian from alpha = 1,
// halving, until
//
//     L_{mu,nu}(x + alpha dx, lambda + alpha dlambda) <= L_{mu,nu}(x, lambda) + alpha beta slope + 10 eps
//     |phi0|,
//
// slope = grad L_{mu,nu}^T z. The last term is the rounding error of evaluating phi (as Ipopt relaxes its
// tests): near a solution the required decrease alpha beta slope ~ ||b||^2 falls below the precision of
// phi ~ |f|, and an unrelaxed test rejects every step. A trial point whose evaluation fails counts as an
// infinite merit. Each trial needs f, grad f, c and G (the merit holds ||grad_x L||^2).
#include <span>

#include "adasolve/nlp/merit.hpp"
#include "adasolve/nlp/nlp_problem.hpp"

namespace adasolve::nlp::detail {

struct LineSearchOutcome {
  bool accepted = false;
  double alpha = 1.0;    ///< the accepted step (the last one tried when none was accepted)
  EvaluatedPoint trial;  ///< the accepted point
  int evaluations = 0;   ///< trial points evaluated (f, c and their derivatives at each)
};

LineSearchOutcome armijo_backtracking(NlpProblem& problem, const EvaluatedPoint& point,
                                      std::span<const double> z, double mu, double nu, double slope,
                                      double beta, int max_backtracks);

}  // namespace adasolve::nlp::detail
