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
//
// Second-order correction (optional; Waechter & Biegler 2006, §2.4, as in Ipopt): when the full step is
// rejected and did not reduce ||c||, the same KKT system is solved again with the constraint right-hand side
// c(x) + c(x + dx) instead of c(x). The corrected step z_soc satisfies G dx_soc = G dx - c(x + dx): it
// removes the second-order error the curvature of c puts into the full step (the Maratos effect, and the
// short steps far from a solution along curved constraints). x + dx_soc is tested by the same Armijo
// condition at alpha = 1; if it fails too, backtracking goes on along the original z.
// first_alpha < 1 resumes a search whose first trials were already made (no correction is tried then).
// phi_reference, when given, replaces L_{mu,nu}(x, lambda) in the test (the watchdog's saved merit,
// watchdog.hpp); slope is then the saved iterate's.
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "adasolve/nlp/merit.hpp"
#include "adasolve/nlp/nlp_problem.hpp"

namespace adasolve::nlp::detail {

struct LineSearchOutcome {
  bool accepted = false;
  double alpha = 1.0;          ///< the accepted step (the last one tried when none was accepted)
  EvaluatedPoint trial;        ///< the accepted point
  int evaluations = 0;         ///< trial points evaluated (f, c and their derivatives at each)
  int failed_evaluations = 0;  ///< of those, the ones where an evaluation failed or was not finite
  bool corrected = false;      ///< the accepted point is x + z_soc
  bool relaxed = false;        ///< a full step taken without the Armijo test (watchdog.hpp)
  std::optional<EvaluatedPoint> rejected_correction;  ///< x + z_soc when it was evaluated and rejected
  bool returned = false;  ///< a failed watch: the step backtracks from the saved iterate (watchdog.hpp)
};

/// Given the rejected full-step point x + dx, the corrected direction z_soc, or nothing.
using SecondOrderCorrection = std::function<std::optional<std::vector<double>>(const EvaluatedPoint& trial)>;

LineSearchOutcome armijo_backtracking(NlpProblem& problem, const EvaluatedPoint& point,
                                      std::span<const double> z, double mu, double nu, double slope,
                                      double beta, int max_backtracks,
                                      const SecondOrderCorrection& correction = {}, double first_alpha = 1.0,
                                      std::optional<double> phi_reference = std::nullopt);

}  // namespace adasolve::nlp::detail
