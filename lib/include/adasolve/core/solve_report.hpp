#pragma once
// What one linear solve did: the result of LinearSolver::solve. Not converging is a result: check
// converged() or reason, never catch an exception for it.
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "adasolve/core/stopping.hpp"

namespace adasolve {

struct SolveReport {
  std::string solver;  ///< e.g. "cg", "ssor-pcg"
  StopReason reason = StopReason::max_iterations;
  int iterations = 0;                    ///< iterations performed (0 when x0 already passed the test)
  double initial_residual = 0.0;         ///< ||b - A x0||_2
  double final_residual = 0.0;           ///< ||b - A x||_2 of the returned x (true residual)
  double rhs_norm = 0.0;                 ///< ||b||_2
  double threshold = 0.0;                ///< the stopping threshold in the residual norm
  std::vector<double> residual_history;  ///< iterations + 1 entries: ||r_0||, ..., ||r_k|| (solver's norm)
  double setup_seconds = 0.0;
  double solve_seconds = 0.0;
  std::map<std::string, double> parameters;  ///< effective parameters (omega, rtol, ...)

  bool converged() const { return is_converged(reason); }
  /// final_residual / rhs_norm (0 when b = 0; NaN when either is NaN: a NaN must never read as 0).
  double relative_residual() const {
    if (std::isnan(final_residual) || std::isnan(rhs_norm)) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    return rhs_norm > 0.0 ? final_residual / rhs_norm : 0.0;
  }
};

}  // namespace adasolve
