#pragma once
// The watchdog technique (Chamberlain, Powell, Lemarechal, Pedersen, Math. Programming Study 16, 1982;
// Nocedal & Wright, Numerical Optimization, §15.5): a nonmonotone acceptance of full Newton steps on the
// merit phi = L_{mu,nu}.
//
// A full step along a curved constraint can raise phi (HS6 from x0: ||c|| 4.4 -> 29) although the iteration
// that follows it converges fast; a monotone Armijo search cuts it to a short step, and the next ones too.
// The watchdog instead saves the iterate x_r with its direction z_r and slope s_r = grad phi(x_r)^T z_r when
// an ordinary full step (and its second-order correction) fails the Armijo test, and takes that full step
// anyway: a relaxed step, to x_r + z_r or to the corrected point x_r + z_soc, whichever has the lower merit.
// It does so only when that point improves the objective or the constraint violation by a filter method's
// margins (improves_objective_or_feasibility): a step that worsens both is a poor step, not a Maratos-type
// one (BT1's first step: f -100 -> 3e4, ||c|| 1 -> 330). From each relaxed iterate x_k the full step (or its
// correction) is accepted when
//
//     phi(x_k + z_k) <= phi(x_r) + beta s_r,
//
// the decrease the saved full step was asked for, and the watch ends. Otherwise the next full step is taken
// relaxed again, up to max_relaxed relaxed steps in all. When the last one does not reach the target, the
// watch has failed: if phi(x_k) <= phi(x_r), an ordinary Armijo search from x_k along z_k; otherwise the
// iteration returns to x_r, with the merit parameters and accuracy saved with it, and backtracks from alpha
// = 1/2 along z_r (alpha = 1 was the rejected step). phi is always evaluated with the current mu and nu.
//
// Every accepted point is then one whose merit fell by a sufficient amount relative to a saved iterate, so
// the global convergence argument of the monotone search goes through with at most max_relaxed extra
// iterations per saved point. After a failed watch no new one starts until an ordinary full step is
// accepted again: a problem whose full steps are poor far from a solution then pays for one failed watch,
// not one per iteration.
#include <optional>
#include <vector>

#include "adasolve/nlp/merit.hpp"
#include "merit_parameters.hpp"

namespace adasolve::nlp::detail {

/// What the watch keeps of x_r.
struct SavedIterate {
  EvaluatedPoint point;
  std::vector<double> z;  ///< z_r = (dx, dlambda)
  double slope = 0.0;     ///< s_r = grad L_{mu,nu}^T z_r with the merit parameters below
  MeritParameters merit;  ///< mu, nu and delta of x_r
};

/// Whether trial improves on point by a filter method's margins (Waechter & Biegler 2006, eq. (18), gamma =
/// 1e-5): f(trial) <= f(point) - gamma ||c(point)|| or ||c(trial)|| <= (1 - gamma) ||c(point)||. A watch
/// starts only from such a full step: one that worsens both the objective and the constraints is not a
/// Maratos-type step but a poor one.
bool improves_objective_or_feasibility(const EvaluatedPoint& point, const EvaluatedPoint& trial);

class Watchdog {
 public:
  explicit Watchdog(int max_relaxed) : max_relaxed_(max_relaxed) {}

  /// A rejected ordinary full step may be taken relaxed (the watch is armed and not running).
  bool may_start() const { return max_relaxed_ > 0 && armed_ && !saved_; }
  bool watching() const { return saved_.has_value(); }
  /// One more relaxed step is allowed.
  bool may_relax_again() const { return saved_ && relaxed_ < max_relaxed_; }

  /// Saves x_r and counts the relaxed step taken from it.
  void start(SavedIterate saved);
  void relaxed_step() { ++relaxed_; }
  /// phi(x_r) + beta s_r with the current mu and nu: what a full step from a relaxed iterate must reach.
  double target(double mu, double nu, double beta) const;
  /// phi(x_r) with the current mu and nu.
  double saved_merit(double mu, double nu) const;
  /// The watch succeeded: x_r is dropped.
  void succeed();
  /// The watch failed: x_r is handed back, and no watch starts until note_ordinary_full_step().
  SavedIterate fail();
  /// An ordinary full step passed the Armijo test: the watch is armed again.
  void note_ordinary_full_step() { armed_ = true; }

 private:
  int max_relaxed_;
  int relaxed_ = 0;
  bool armed_ = true;
  std::optional<SavedIterate> saved_;
};

}  // namespace adasolve::nlp::detail
