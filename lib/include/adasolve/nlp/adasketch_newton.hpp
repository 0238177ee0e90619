#pragma once
// AdaSketch-Newton (Hong, Na, Mahoney, Kolar, ICML 2023; docs: methods/alsketch.md §3): a Newton/SQP
// iteration for min f(x) s.t. c(x) = 0 whose KKT systems
//
//     K z = b,   K = [[B, G^T], [G, 0]],   b = -(grad_x L, c),   z = (dx, dlambda)
//
// are solved inexactly by randomized sketching (sketch.hpp), globalised by the exact augmented Lagrangian
//
//     L_{mu,nu}(x, lambda) = f + lambda^T c + (mu/2) ||c||^2 + (nu/2) ||grad_x L||^2
//
// with Armijo backtracking; mu, nu and the inner accuracy delta tighten whenever the inexact step is not a
// sufficient descent direction: grad L_{mu,nu}^T z > -(nu/2) ||grad L||^2  (§3.6).
//
// Inner accuracy (the sketch stops when it holds; r = K z - b, ||b|| = the KKT residual):
//   paper    ||K||_F Psi ||r|| <= theta delta ||b||,  Psi = 20 max(||B||_F^2, 1) / (min(xi_G, 1) min(xi_B,
//   1)),
//            delta <- max(min(delta, delta_trial), 1e-6) before each solve (§3.4, §3.6). Psi bounds ||K^-1||
//            so crudely that the threshold falls below rounding on all but tiny problems; the sketch then
//            runs to its cap.
//   adaptive (default) ||r|| <= max(eta ||b||, 0.1 tol),  eta = min(delta, theta ||b||): the relative
//            accuracy is delta (adapted by the same descent test and penalty update as in the paper, so the
//            global mechanism is unchanged) and tightens with the KKT residual (eta ~ ||b|| gives the
//            quadratic local rate of an inexact Newton method with forcing term O(||b||)). 0.1 tol keeps the
//            inner solve from chasing accuracy below what the outer test needs. The same test must hold in
//            the unscaled norm of the outer test too (inner_accuracy.hpp: on a QP the next KKT residual is
//            the inner residual, and the scaling would otherwise loosen the constraint rows by 1 / s_i). A
//            step the line search cuts below 1/16 also tightens delta <- delta / rho^4, as a failed descent
//            test does: the inexact direction was poor for the merit (tighten_after_short_step).
//
// Hessian modification (§3.2): B = H + t I when n > m and lambda_min(Z^T H Z) < 1e-6, H the Hessian of the
// Lagrangian; the paper takes t = xi_B + ||H||_F (B positive definite outright, often a gradient-like step).
// By default (minimal_hessian_shift) t is the first of xi_B, 10 xi_B, 100 xi_B, ... below that value whose
// shifted reduced Hessian passes the same test (an inertia-correction-like choice, as in interior-point
// codes), so B stays as close to H as the test allows; a reduced Hessian that is singular but not
// indefinite (lambda_min >= -t/2) gets instead the Levenberg-Marquardt shift t = min(xi_B, ||b||), which
// vanishes with the KKT residual (hessian_modification.hpp); CLI `--hessian-shift paper` restores the paper's
// t. Step-length bound (max_step_ratio = 1, not in the paper): when the full step fails the Armijo test, K is
// not regularized and ||dx|| > 10 max(1, ||x||), t is raised along the same sequence and the step solved
// again until ||dx|| <= max(1, ||x||) (a Levenberg-Marquardt step; hessian_modification.hpp). Singular
// Jacobian, lambda_min(G G^T) < singular_threshold (1e-2, the paper's code), G the Jacobian of the problem as
// posed (the constraint scaling below is undone for this test, so it cannot make a Jacobian singular;
// spectral_checks.hpp): the authors' code stops with
// status `singular` (singular_policy = stop). By default (regularize) the iteration instead takes a
// regularized step with K = [[B, G^T], [G, -r I]], r = min(1e-2, ||b||, 1e-2 ||b|| / ||b_0||) (stabilized
// SQP: the dual regularization vanishes with the KKT residual, absolutely and relative to the first
// iteration's ||b_0||, so the step becomes the Newton step again near a solution whose Jacobian is merely
// ill-conditioned), and reports `singular` only after max_singular_steps singular iterations in a row
// during which the KKT residual did not fall by 10%: a
// genuinely singular problem (stationary KKT residual) is still reported as such and never looped on.
// stabilized_regularization = false (CLI `--singular fixed`) is the earlier rule: r = 1e-2 and `singular`
// after max_singular_steps singular iterations in a row whatever the progress. Starting points with a
// singular Jacobian are common (HS61, BT1 and BYRDSPHR start at one). How those two spectral tests are done
// without dense O(n^3) work: lib/src/nlp/spectral_checks.hpp.
//
// Scaling (scaling.hpp, default gradient): the iteration runs on min s_f f s.t. S c = 0, but stops when the
// unscaled KKT residual ||(grad_x L, c)|| <= kkt_tol, and reports x, lambda, f and residuals of the original
// problem.
//
// Merit parameter (merit_update = direct, the default): the descent test asks
//     grad L_{mu,nu}^T z <= -(nu/2) ||b||^2.
// Its left side is affine in mu, slope(mu') = slope(mu) + (mu' - mu) c^T G dx, and c^T G dx = -||c||^2 < 0
// for an exact step (G dx = -c). When the test fails and c^T G dx < 0, mu is set at once to
//     mu' = mu + 2 (slope(mu) + (nu/2)||b||^2) / (-c^T G dx),
// where slope(mu') = -(nu/2)||b||^2 - (slope(mu) + (nu/2)||b||^2): the required decrease plus the missing
// amount again (a margin like the (1 - sigma) of l1-SQP penalty rules, so mu is not raised by a sliver every
// iteration). The direction is then a sufficient descent direction from the first iteration, instead of
// mu creeping up by rho^2 per re-solve from mu0 = 1. When c^T G dx >= 0 (feasible point, or an inexact
// step that does not reduce the linearised constraints) or mu' would exceed mu_max, the paper's update
// (merit_update = paper: mu *= rho^2, nu /= rho, delta tightened, sketch resumed) applies.
//
// Watchdog (watchdog = 3, not in the paper; 0 is the monotone Armijo search): a full step that fails the
// Armijo test but improves f or ||c|| is taken anyway, and up to 3 full steps in a row, until one reaches the
// decrease asked of the first, phi(x_r) + beta s_r; otherwise the iteration returns to the saved x_r and
// backtracks (lib/src/nlp/watchdog.hpp).
//
// Merit Hessian: the merit gradient is (grad_x L + nu H grad_x L + mu G^T c, c + nu G grad_x L) with
// H = Hess_x L (exact, the default) or H = Hess f (what the authors' CUTEst and logistic code uses).
//
// `inner = minres_cholmod` (the default) solves K z = b by preconditioned MINRES with a CHOLMOD factor of
// G D^-1 G^T (deterministic; implemented in sketch.hpp as an adaptive Krylov sketch); `inner = sketch` runs
// the paper's randomized sketches. `inner = direct` replaces the sketch by an exact solve of K z = b (UMFPACK
// LU), with the same merit, descent test and line search: the deterministic exact-Newton baseline.
#include <functional>
#include <string>
#include <vector>

#include "adasolve/nlp/nlp_problem.hpp"
#include "adasolve/nlp/sketch.hpp"

namespace adasolve::nlp {

/// How each KKT system K z = b is solved (CLI --inner):
enum class InnerSolver {
  automatic,       ///< the default ("auto"): direct when n + m <= auto_direct_max_rows, minres_cholmod above
                   ///< (docs/nlp.md gives the measurements behind the rule); resolved when a solve starts
  minres_cholmod,  ///< deterministic: MINRES preconditioned by blkdiag(D, G D^-1 G^T), the Schur complement
                   ///< factored by CHOLMOD (sketch.hpp). Not randomized, not in the paper.
  sketch,          ///< the paper's randomized sketch-and-project, kind `sketch.kind` (sketch.hpp)
  direct,          ///< exact: UMFPACK LU of K, symmetric strategy with a METIS ordering (exact Newton)
};
enum class AccuracyRule { adaptive, paper };
enum class MeritHessian { lagrangian, objective };
enum class NlpStatus { solved, not_converged, singular, failed };
/// Problem scaling (scaling.hpp): none (the paper) or Ipopt's gradient-based factors at x0.
enum class ScalingRule { none, gradient };
/// How mu grows when the step is not a sufficient descent direction of the merit (see the header comment).
enum class MeritUpdate {
  direct,  ///< mu set at once from the slope's affine dependence on mu; the paper's rule as the fallback
  paper,   ///< mu *= rho^2, nu /= rho, delta tightened and the inner solve resumed, repeated (alsketch §3.6)
};
/// What to do at an iterate with lambda_min(G G^T) < singular_threshold.
enum class SingularPolicy {
  stop,        ///< return status singular at once (the authors' code)
  regularize,  ///< step with K = [[B, G^T], [G, -r I]], r = singular_threshold, at most max_singular_steps in
               ///< a row
};

std::string to_string(NlpStatus status);
std::string to_string(InnerSolver inner);
std::string to_string(AccuracyRule rule);
std::string to_string(MeritHessian h);
std::string to_string(SingularPolicy p);
std::string to_string(ScalingRule r);
std::string to_string(MeritUpdate u);
// The inverses of to_string (core/enum_names.hpp): UsageError "KEY must be ..., got 'x'" for another name.
InnerSolver parse_inner_solver(const std::string& name);    ///< key "inner"
AccuracyRule parse_accuracy_rule(const std::string& name);  ///< key "accuracy"
MeritHessian parse_merit_hessian(const std::string& name);  ///< key "merit_hessian"
ScalingRule parse_scaling_rule(const std::string& name);    ///< key "scaling"
MeritUpdate parse_merit_update(const std::string& name);    ///< key "merit_update"

/// Defaults of alsketch.md §3.8, except kkt_tol (1e-6 instead of 1e-4) and delta0 (1e-6 instead of 0.1).
struct AdaSketchSettings {
  double mu0 = 1.0;  ///< initial penalty on ||c||^2 (eta1)
  double nu0 = 0.1;  ///< initial penalty on ||grad_x L||^2 (eta2)
  /// Initial inner accuracy. The paper's 0.1 (§3.8) makes the adaptive rule solve each KKT system to 10%,
  /// which costs a convex QP 5 outer iterations instead of 1; with the MINRES + CHOLMOD solver a relative
  /// accuracy of 1e-6 costs fewer inner steps in total, so 1e-6 is the default (`--delta0 0.1` for the
  /// paper's).
  double delta0 = 1e-6;
  double delta_floor = 1e-6;  ///< delta never falls below this
  double xi_b = 0.1;          ///< Hessian modification shift xi_B
  double beta = 0.1;          ///< Armijo constant, in (0, 0.5)
  double rho = 1.5;           ///< penalty factor (`nu` in the authors' code)
  double theta = 1.0;         ///< accuracy scale
  double kkt_tol = 1e-6;      ///< stop when ||(grad_x L, c)||_2 <= kkt_tol
  int max_outer = 10000;      ///< outer-iteration cap
  /// lambda_min(G G^T) of the unscaled Jacobian below this: the Jacobian counts as singular
  double singular_threshold = 1e-2;
  /// r_max: r = min(r_max, ||b||, r_max ||b|| / ||b_0||) in K_22 = -r I at a singular Jacobian (stabilized;
  /// `fixed`: r = r_max).
  double singular_regularization = 1e-2;
  SingularPolicy singular_policy = SingularPolicy::regularize;
  int max_singular_steps = 10;  ///< singular steps in a row without a 10% KKT decrease before status singular
  /// Regularize with r = min(r_max, ||b||, r_max ||b|| / ||b_0||) and restart the singular streak whenever
  /// the KKT residual falls by 10% (stabilized SQP); false: r = r_max and any max_singular_steps singular
  /// iterations in a row give status singular.
  bool stabilized_regularization = true;
  /// Hessian modification: false = the paper's shift xi_B + ||H||_F; true = the smallest of xi_B 10^j that
  /// makes the reduced Hessian pass the test (capped at the paper's shift), or min(xi_B, ||b||) when that
  /// leaves lambda_min(Z^T B Z) >= t/2 (a singular, not indefinite, reduced Hessian).
  bool minimal_hessian_shift = true;
  /// When the full step fails the Armijo test, try the second-order correction (line_search.hpp) before
  /// backtracking. Not in the paper.
  bool second_order_correction = true;
  /// Adaptive accuracy only: after a step shorter than 1/16, delta <- max(delta / rho^4, delta_floor).
  bool tighten_after_short_step = true;
  /// Step-length bound (not in the paper; 0 turns it off): when the full step fails the Armijo test, K is
  /// not regularized and ||dx|| > 10 max_step_ratio max(1, ||x||), the Hessian shift t is raised (xi_B,
  /// 10 xi_B, ... up to the paper's xi_B + ||H||_F) and the step solved again until ||dx|| <= max_step_ratio
  /// max(1, ||x||): a Levenberg-Marquardt bound on steps along a nearly singular reduced Hessian
  /// (hessian_modification.hpp).
  double max_step_ratio = 1.0;
  /// Watchdog (not in the paper; 0 turns it off): when a full step fails the Armijo test it is taken anyway,
  /// and up to this many full steps in all may follow without merit decrease; one of them must reach the
  /// decrease asked of the first, phi(x_r) + beta s_r, or the iteration returns to x_r and backtracks
  /// (lib/src/nlp/watchdog.hpp).
  int watchdog = 3;
  double reduced_hessian_threshold = 1e-6;  ///< modify B when lambda_min(Z^T H Z) is below this
  double mu_max = 1e8;                      ///< stop adapting when mu exceeds this
  double nu_min = 1e-8;                     ///< ... or nu falls below this
  int max_backtracks = 60;                  ///< line-search halvings before giving up (status failed)
  /// gradient: solve min s_f f s.t. S c = 0 (scaling.hpp); the KKT test and every reported residual stay
  /// unscaled.
  ScalingRule scaling = ScalingRule::gradient;
  double scaling_max_gradient = 100.0;  ///< g_max of the gradient-based scaling
  MeritUpdate merit_update = MeritUpdate::direct;
  /// When the problem gives lambda0 = 0: start from argmin ||grad f + G^T lambda|| (Ipopt's default;
  /// discarded when max |lambda_i| > 1000). false: lambda0 = 0 as in the paper.
  bool least_squares_multipliers = true;
  InnerSolver inner = InnerSolver::automatic;
  /// inner = auto: the largest KKT order n + m solved by `direct`; larger ones by `minres_cholmod`.
  long auto_direct_max_rows = 20000;
  AccuracyRule accuracy = AccuracyRule::adaptive;
  MeritHessian merit_hessian = MeritHessian::lagrangian;
  SketchSettings sketch;
  unsigned seed = 2023;  ///< seeds the sketches (Random.seed!(2023) in the authors' code)

  /// The settings a user sets by number (mu0 ... stop.kkt_tol, stop.max_iters, seed), with their ranges; the
  /// rest are internal or enums.
  static std::span<const SettingField<AdaSketchSettings>> fields();
  /// The settings a user sets by name: inner, accuracy, scaling, merit_update, second_order_correction,
  /// merit_hessian, hessian_shift (minimal_hessian_shift) and singular (singular_policy with
  /// stabilized_regularization: regularize, fixed or stop).
  static std::span<const SettingChoice<AdaSketchSettings>> choices();
  /// Throws UsageError naming the setting and its range.
  void validate() const;
};

/// The inner solver that settings.inner means for a KKT matrix of order kkt_rows = n + m: itself, or for
/// InnerSolver::automatic direct or minres_cholmod by auto_direct_max_rows.
InnerSolver resolved_inner_solver(const AdaSketchSettings& settings, long kkt_rows);

/// One outer iteration, as the monitor sees it (after the step).
struct OuterIteration {
  int k = 0;
  double objective = 0.0;
  double constraint_norm = 0.0;  ///< ||c||_2
  double kkt_residual = 0.0;     ///< ||(grad_x L, c)||_2 at the start of the iteration
  double mu = 0.0, nu = 0.0, delta = 0.0;
  long sketch_steps = 0;        ///< in this iteration (all warm-started re-solves together)
  double inner_residual = 0.0;  ///< ||K z - b|| of the step taken
  double step_size = 0.0;       ///< alpha
  bool hessian_modified = false;
  double regularization = 0.0;   ///< r in K = [[B, G^T], [G, -r I]] of this step (0 unless G is singular)
  double merit_slope = 0.0;      ///< grad L_{mu,nu}^T z of the step taken
  double required_slope = 0.0;   ///< -(nu/2) ||b||^2 (scaled problem): the descent test
  int descent_resolves = 0;      ///< paper-rule updates (mu *= rho^2, re-solve) in this iteration
  bool relaxed = false;          ///< a full step taken without merit decrease (the watchdog)
  bool watchdog_return = false;  ///< a failed watch: the step was taken from the saved iterate
};

struct NlpResult {
  NlpStatus status = NlpStatus::failed;
  std::string message;  ///< why it stopped, one line
  std::vector<double> x, lambda;
  double objective = 0.0;
  double kkt_residual = 0.0;
  double constraint_norm = 0.0;
  int outer_iterations = 0;
  long sketch_steps = 0;
  long capped_solves = 0;    ///< inner solves stopped by the step cap
  double inner_flops = 0.0;  ///< flops of the KKT solves (sketch steps + preconditioner, or LU)
  double check_flops = 0.0;  ///< flops of the spectral tests (lambda_min(G G^T), reduced Hessian)
  /// Reduced-Hessian tests whose "positive" answer was a Lanczos estimate (G^T G too dense to form;
  /// spectral_checks.hpp), not an exact factorisation.
  int estimated_hessian_tests = 0;
  int corrected_steps = 0;       ///< steps taken from the second-order correction (line_search.hpp)
  int relaxed_steps = 0;         ///< full steps taken without merit decrease (the watchdog)
  int watchdog_returns = 0;      ///< failed watches: returns to the saved iterate
  int function_evaluations = 0;  ///< f and c evaluations
  int gradient_evaluations = 0;  ///< grad f and G evaluations
  double seconds = 0.0;
  std::vector<double> kkt_history;    ///< KKT residual at x0, x1, ...
  double objective_scale = 1.0;       ///< s_f of the problem scaling (1: not scaled)
  double min_constraint_scale = 1.0;  ///< min_i s_i
  AdaSketchSettings settings;         ///< the effective settings
};

class AdaSketchNewton {
 public:
  using Monitor = std::function<void(const OuterIteration&)>;

  explicit AdaSketchNewton(AdaSketchSettings settings = {});
  void add_monitor(Monitor m) { monitors_.push_back(std::move(m)); }
  /// Runs from the problem's x0, lambda0. Never throws for non-convergence, a singular Jacobian or an
  /// evaluation failure: those are statuses. Throws only for misuse (UsageError).
  NlpResult solve(NlpProblem& problem);

 private:
  AdaSketchSettings settings_;
  std::vector<Monitor> monitors_;
};

}  // namespace adasolve::nlp
