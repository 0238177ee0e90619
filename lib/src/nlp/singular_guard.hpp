#pragma once
// What an outer iteration does at a singular Jacobian, lambda_min(G G^T) < singular_threshold
// (adasketch_newton.hpp): stop at once (the authors' code), or step with K = [[B, G^T], [G, -r I]] and
// report `singular` only after max_singular_steps such iterations in a row that did not reduce the KKT
// residual by 10% (regularize; stabilized: r = min(r_max, ||b||, r_max ||b|| / ||b_0||), r_max =
// singular_regularization, ||b_0|| the KKT residual of the first iteration), or after max_singular_steps in
// a row whatever the progress (fixed: r = r_max). Under `regularize` a stalled singular iteration counts
// only at a near-stationary point of the infeasibility ||c||^2 / 2, ||G^T c|| <= 1e-2 ||G||_F ||c|| (unscaled
// G and c): the status claims an infeasible stationary point (AMPL's 200, "infeasible"), and a slow
// iteration elsewhere is not one (the generated CATENARY with 660 points stalled for ~100 iterations at
// ||G^T c|| / (||G||_F ||c||) = 0.08-0.12 with lambda_min(G G^T) = 3e-3 and was reported singular; without
// the stop it is solved).
#include <optional>
#include <span>
#include <string>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"

namespace adasolve::nlp::detail {

class SingularJacobianGuard {
 public:
  explicit SingularJacobianGuard(const AdaSketchSettings& settings) : s_(settings) {}

  /// The regularization r of this iteration's K (0 when G is not singular), or nothing when the iteration
  /// must stop with status singular. kkt = ||b||, the KKT residual of the (scaled) iterate;
  /// near_infeasible_stationary: see near_infeasible_stationary() below.
  std::optional<double> regularization(bool singular, double kkt, bool near_infeasible_stationary);

  /// The status message after regularization() returned nothing.
  std::string stop_message(double lambda_min) const;

 private:
  const AdaSketchSettings& s_;
  int streak_ = 0;
  double reference_ = 0.0;  ///< KKT residual when the current streak of stalled singular steps began
  double initial_ = -1.0;   ///< ||b_0||, the KKT residual of the first iteration (-1: none seen yet)
};

/// ||G^ T c^|| <= 1e-2 ||G^||_F ||c^|| for G^ = S^-1 g, c^ = S^-1 c (the problem as posed; S = diag(scale)).
bool near_infeasible_stationary(const CsrMatrix& g, std::span<const double> c, std::span<const double> scale);

}  // namespace adasolve::nlp::detail
