// AdaSketch-Newton, following alsketch.md §3.9 (comments carry the spec's symbols). One outer iteration is a
// sequence of named steps, each with one purpose (as Ipopt separates its strategies):
//   stop_reason        the convergence test on the unscaled KKT residual, and the iteration cap
//   build_kkt_system   H = Hess_x L, the singular-Jacobian guard (singular_guard.hpp), the Hessian
//                      modification (hessian_modification.hpp), K and what is kept on it (kkt_system.hpp)
//   compute_direction  the inner solve of K z = b to the accuracy of inner_accuracy.hpp, with the descent
//   test
//                      and the merit-parameter update (merit_parameters.hpp)
//   bound_step_length  a larger Hessian shift while a rejected full step is far longer than x
//                      (hessian_modification.hpp)
//   line search        Armijo backtracking on the merit (line_search.hpp)
//   record             the OuterIteration the monitors see
#include "adasolve/nlp/adasketch_newton.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <random>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "adasolve/nlp/merit.hpp"
#include "adasolve/nlp/scaling.hpp"
#include "hessian_modification.hpp"
#include "initial_multipliers.hpp"
#include "inner_accuracy.hpp"
#include "kkt_system.hpp"
#include "line_search.hpp"
#include "merit_parameters.hpp"
#include "singular_guard.hpp"
#include "sparse_products.hpp"
#include "spectral_checks.hpp"
#include "watchdog.hpp"

namespace adasolve::nlp {

AdaSketchNewton::AdaSketchNewton(AdaSketchSettings settings) : settings_(settings) { settings_.validate(); }

namespace {

/// c^T G dx: the derivative of grad L_{mu,nu}^T z with respect to mu (z = (dx, dlambda)).
double constraint_slope(const EvaluatedPoint& p, const std::vector<double>& z) {
  const CsrMatrix& g = p.jacobian;
  double d = 0.0;
  for (Index i = 0; i < g.rows(); ++i) {
    double row = 0.0;
    for (Index q = g.row_offsets()[i]; q < g.row_offsets()[i + 1]; ++q) {
      row += g.values()[q] * z[static_cast<std::size_t>(g.column_indices()[q])];
    }
    d += p.c[static_cast<std::size_t>(i)] * row;
  }
  return d;
}

/// b = -(grad_x L, c)
std::vector<double> kkt_rhs(const EvaluatedPoint& p) {
  std::vector<double> rhs(p.grad_lagrangian.size() + p.c.size());
  std::ranges::transform(p.grad_lagrangian, rhs.begin(), std::negate<>());
  std::ranges::transform(p.c, rhs.begin() + static_cast<std::ptrdiff_t>(p.grad_lagrangian.size()),
                         std::negate<>());
  return rhs;
}

/// lambda = argmin ||grad f + G^T lambda|| at the evaluated point (initial_multipliers.hpp), and grad_x L
/// with it; f, c and G stay those of x0. Nothing changes when the estimate is discarded.
void use_least_squares_multipliers(EvaluatedPoint& point) {
  auto ls = detail::least_squares_multipliers(point.grad_f, point.jacobian);
  if (!ls) {
    return;
  }
  point.lambda = std::move(*ls);
  point.grad_lagrangian = point.grad_f;
  const CsrMatrix& g = point.jacobian;
  for (Index i = 0; i < g.rows(); ++i) {
    for (Index p = g.row_offsets()[i]; p < g.row_offsets()[i + 1]; ++p) {
      point.grad_lagrangian[static_cast<std::size_t>(g.column_indices()[p])] +=
          g.values()[p] * point.lambda[static_cast<std::size_t>(i)];
    }
  }
}

/// x0 and lambda0 of the right sizes, or UsageError.
NlpProblem& checked(NlpProblem& problem) {
  if (problem.initial_point().size() != static_cast<std::size_t>(problem.num_variables()) ||
      problem.initial_multipliers().size() != static_cast<std::size_t>(problem.num_constraints())) {
    throw UsageError("problem '" + problem.name() + "': x0 or lambda0 has the wrong size");
  }
  return problem;
}

/// The factors the iteration works with (identity with --scaling none).
ProblemScaling problem_scaling(NlpProblem& problem, const AdaSketchSettings& s) {
  if (s.scaling == ScalingRule::gradient) {
    return gradient_based_scaling(problem, problem.initial_point(), s.scaling_max_gradient);
  }
  ProblemScaling identity;
  identity.constraints.assign(static_cast<std::size_t>(problem.num_constraints()), 1.0);
  return identity;
}

/// One run of AdaSketchNewton::solve: the state of the outer loop, and its steps.
class OuterLoop {
 public:
  OuterLoop(const AdaSketchSettings& s, NlpProblem& original,
            const std::vector<AdaSketchNewton::Monitor>& monitors)
      : s_(s),
        monitors_(monitors),
        problem_(original, problem_scaling(checked(original), s)),
        scale_(problem_.scaling()),
        n_(original.num_variables()),
        m_(original.num_constraints()),
        rng_(s.seed),
        guard_(s) {
    result_.settings = s;
    result_.objective_scale = scale_.objective;
    result_.min_constraint_scale = scale_.constraints.empty() ? 1.0 : std::ranges::min(scale_.constraints);
    // The inner solve need not be more accurate than the scaled image of the outer tolerance.
    scaled_tol_ = s.kkt_tol * std::min(scale_.objective, result_.min_constraint_scale);
  }

  NlpResult run();

 private:
  struct Stop {
    NlpStatus status;
    std::string message;
  };
  /// What one outer iteration computes before its line search.
  struct Step {
    CsrMatrix hess;                                 ///< H = Hess_x L
    double xi_g = 0.0;                              ///< max(lambda_min(G G^T), r)
    std::optional<detail::InnerAccuracy> accuracy;  ///< the inner stopping test of this K z = b
    std::vector<double> z;                          ///< (dx, dlambda)
    double slope = 0.0;                             ///< grad L_{mu,nu}^T z
    long inner_steps = 0;
    double inner_residual = 0.0;
    int descent_resolves = 0;
  };

  std::optional<Stop> start();
  std::optional<Stop> stop_reason(int k, double kkt_unscaled) const;
  std::optional<Stop> build_kkt_system(double kkt, Step& step);
  std::optional<Stop> compute_direction(double kkt, Step& step);
  std::optional<Stop> bound_step_length(double kkt, Step& step,
                                        const detail::SecondOrderCorrection& correction,
                                        std::optional<detail::LineSearchOutcome>& full_step);
  detail::LineSearchOutcome search_step(const Step& step, detail::LineSearchOutcome full);
  detail::LineSearchOutcome backtrack_from_half(const std::vector<double>& z, double slope);
  std::optional<Stop> begin_inner_solve(const std::vector<double>& rhs, Step& step);
  std::optional<std::vector<double>> corrected_direction(const EvaluatedPoint& trial, Step& step);
  OuterIteration record(int k, double kkt, double kkt_unscaled, const Step& step) const;
  void notify(OuterIteration& rec) const;
  NlpResult finish(Stop stop);

  /// ||c|| and ||(grad_x L, c)|| of the original problem: c_i = c~_i / s_i, grad_x L = grad_x L~ / s_f.
  double unscaled_constraint_norm(const EvaluatedPoint& p) const {
    double cc = 0.0;
    for (std::size_t i = 0; i < p.c.size(); ++i) {
      cc += (p.c[i] / scale_.constraints[i]) * (p.c[i] / scale_.constraints[i]);
    }
    return std::sqrt(cc);
  }
  double unscaled_kkt(const EvaluatedPoint& p) const {
    return std::hypot(vec::norm2(p.grad_lagrangian) / scale_.objective, unscaled_constraint_norm(p));
  }

  const AdaSketchSettings& s_;
  const std::vector<AdaSketchNewton::Monitor>& monitors_;
  SteadyClock::time_point t0_ = SteadyClock::now();
  ScaledProblem problem_;  ///< the iteration runs on the scaled problem
  const ProblemScaling& scale_;
  Index n_, m_;
  std::mt19937_64 rng_;
  double scaled_tol_ = 0.0;
  NlpResult result_;
  EvaluatedPoint point_;
  detail::MeritParameters par_{s_.mu0, s_.nu0, s_.delta0};
  detail::SingularJacobianGuard guard_;
  detail::KktCache cache_;
  bool shift_for_length_ = false;  ///< K holds a shift raised by bound_step_length: not reused
  detail::Watchdog watchdog_{s_.watchdog};
};

NlpResult OuterLoop::run() {
  if (auto stop = start()) {
    return finish(std::move(*stop));
  }
  for (int k = 0;; ++k) {
    const double kkt = point_.kkt_residual();  // ||b|| = ||(g, c)|| of the scaled problem
    const double kkt_unscaled = unscaled_kkt(point_);
    result_.kkt_history.push_back(kkt_unscaled);
    if (auto stop = stop_reason(k, kkt_unscaled)) {
      return finish(std::move(*stop));
    }
    result_.outer_iterations = k + 1;

    Step step;
    if (auto stop = build_kkt_system(kkt, step)) {
      return finish(std::move(*stop));
    }
    if (auto stop = compute_direction(kkt, step)) {
      return finish(std::move(*stop));
    }
    detail::SecondOrderCorrection correction;
    if (s_.second_order_correction && m_ > 0) {
      correction = [&](const EvaluatedPoint& trial) { return corrected_direction(trial, step); };
    }
    std::optional<detail::LineSearchOutcome> full_step;
    if (auto stop = bound_step_length(kkt, step, correction, full_step)) {
      return finish(std::move(*stop));
    }
    // the full step may have been tried already (bound_step_length)
    if (!full_step) {
      full_step = detail::armijo_backtracking(problem_, point_, step.z, par_.mu, par_.nu, step.slope, s_.beta,
                                              1, correction);
    }
    auto search = search_step(step, std::move(*full_step));
    result_.relaxed_steps += search.relaxed ? 1 : 0;
    result_.watchdog_returns += search.returned ? 1 : 0;
    result_.function_evaluations += search.evaluations;
    result_.gradient_evaluations += search.evaluations;
    result_.corrected_steps += search.corrected ? 1 : 0;
    OuterIteration rec = record(k, kkt, kkt_unscaled, step);
    if (!search.accepted) {
      notify(rec);
      return finish({NlpStatus::failed, "line search failed after " + std::to_string(s_.max_backtracks) +
                                            " halvings (directional derivative " +
                                            std::to_string(step.slope) + ")"});
    }
    detail::tighten_after_short_step(par_, search.alpha, s_);
    point_ = std::move(search.trial);
    rec.step_size = search.alpha;
    rec.relaxed = search.relaxed;
    rec.watchdog_return = search.returned;
    notify(rec);
  }
}

/// Evaluates x0; least-squares multipliers when the problem gives lambda0 = 0.
std::optional<OuterLoop::Stop> OuterLoop::start() {
  ++result_.function_evaluations;
  ++result_.gradient_evaluations;
  if (!evaluate_point(problem_, problem_.initial_point(), problem_.initial_multipliers(), point_)) {
    // Nothing is known at x0: f, c and grad_x L are NaN, so the residual reads NaN, not 0 (with m = 0 the
    // zero-filled gradient alone made the KKT residual 0).
    point_.f = NAN;
    point_.c.assign(static_cast<std::size_t>(m_), NAN);
    point_.grad_lagrangian.assign(static_cast<std::size_t>(n_), NAN);
    return Stop{NlpStatus::failed, "evaluation failed at the starting point"};
  }
  if (s_.least_squares_multipliers && m_ > 0 &&
      std::ranges::all_of(point_.lambda, [](double l) { return l == 0.0; })) {
    use_least_squares_multipliers(point_);
  }
  return std::nullopt;
}

std::optional<OuterLoop::Stop> OuterLoop::stop_reason(int k, double kkt_unscaled) const {
  if (!std::isfinite(kkt_unscaled)) {
    return Stop{NlpStatus::failed, "KKT residual is not finite"};
  }
  if (kkt_unscaled <= s_.kkt_tol) {
    return Stop{NlpStatus::solved, "KKT residual <= stop.kkt_tol"};
  }
  if (k >= s_.max_outer) {
    return Stop{NlpStatus::not_converged, "outer-iteration cap stop.max_iters reached"};
  }
  return std::nullopt;
}

/// H, xi_G and the singular guard, the Hessian modification and K; the spectral tests and K are reused while
/// H and G do not change.
std::optional<OuterLoop::Stop> OuterLoop::build_kkt_system(double kkt, Step& step) {
  if (!problem_.lagrangian_hessian(point_.x, 1.0, point_.lambda, step.hess) ||
      !vec::all_finite(step.hess.values())) {
    return Stop{NlpStatus::failed, "Hessian evaluation failed"};
  }
  const CsrMatrix& jac = point_.jacobian;
  // A shift that follows the KKT residual changes although H and G do not: K is rebuilt.
  const bool reuse = !shift_for_length_ && !cache_.shift_follows_residual && cache_.holds(step.hess, jac, n_);
  shift_for_length_ = false;
  if (!reuse) {
    cache_ = detail::KktCache{};
    cache_.hess = step.hess;
    // xi_G = lambda_min of the unscaled Jacobian's G G^T: the scaling (an internal choice) must not decide
    // whether the problem's Jacobian is singular (docs/nlp.md, "Singular Jacobian")
    cache_.cond = detail::jacobian_conditioning(jac, scale_.constraints, s_.singular_threshold);
    result_.check_flops += cache_.cond.flops;
  }
  const bool stationary =
      cache_.cond.singular && detail::near_infeasible_stationary(jac, point_.c, scale_.constraints);
  const auto reg = guard_.regularization(cache_.cond.singular, kkt, stationary);
  if (!reg) {
    return Stop{NlpStatus::singular, guard_.stop_message(cache_.cond.lambda_min)};
  }
  step.xi_g = std::max(cache_.cond.lambda_min, *reg);
  if (!reuse) {
    const auto modification = detail::modify_hessian(step.hess, jac, s_, kkt, result_.check_flops);
    cache_.shift_follows_residual = modification.follows_residual;
    result_.estimated_hessian_tests += modification.estimated ? 1 : 0;
    cache_.modify = modification.modified;
    cache_.shift = modification.shift;
  }
  // The stabilized regularization r = min(threshold, ||b||) changes from one iteration to the next even when
  // H and G do not (a QP with a rank-deficient constraint set): K, and whatever was built on it, follows r.
  if (!reuse || cache_.reg != *reg) {
    cache_.k = std::make_shared<const CsrMatrix>(detail::kkt_matrix(step.hess, cache_.shift, jac, *reg));
    cache_.reg = *reg;
    cache_.sketch.reset();
    cache_.lu.reset();
  }
  cache_.valid = true;
  return std::nullopt;
}

/// Starts the inner solve of K z = b: an exact solve for `direct` (z final), or the sketch reset to z = 0.
std::optional<OuterLoop::Stop> OuterLoop::begin_inner_solve(const std::vector<double>& rhs, Step& step) {
  const CsrMatrix& kmat = *cache_.k;
  step.z.assign(rhs.size(), 0.0);
  if (s_.inner == InnerSolver::direct) {
    try {
      if (!cache_.lu) {
        cache_.lu = std::make_unique<backend::UmfpackFactor>(
            kmat, backend::UmfpackStrategy::symmetric_nested_dissection);
        result_.inner_flops += cache_.lu->factor_flops();
      }
      cache_.lu->solve(rhs, step.z);
      result_.inner_flops += 4.0 * kmat.nnz();  // two triangular solves, at least
    } catch (const InputError&) {
      return Stop{NlpStatus::singular, "KKT matrix is singular (UMFPACK)"};
    }
    std::vector<double> r(rhs.size());
    kmat.residual(rhs, step.z, r);
    step.inner_residual = vec::norm2(r);
    return std::nullopt;
  }
  if (!cache_.sketch) {
    try {
      SketchSettings inner_settings = s_.sketch;
      if (s_.inner == InnerSolver::minres_cholmod) {
        inner_settings.kind = SketchKind::preconditioned;  // MINRES + CHOLMOD (sketch.hpp)
      }
      cache_.sketch = std::make_unique<SketchProjectSolver>(cache_.k, n_, inner_settings, rng_);
    } catch (const InputError& e) {
      return Stop{NlpStatus::singular, e.what()};
    }
    result_.inner_flops += cache_.sketch->setup_flops();
  }
  cache_.sketch->reset(rhs);
  return std::nullopt;
}

/// z from the inner solver, resumed (warm start) under a tighter accuracy while the descent test asks for it;
/// mu, nu and delta move as merit_parameters.hpp says.
std::optional<OuterLoop::Stop> OuterLoop::compute_direction(double kkt, Step& step) {
  const std::vector<double> rhs = kkt_rhs(point_);
  const detail::InnerAccuracy& accuracy = step.accuracy.emplace(s_, *cache_.k, n_, step.hess, point_.jacobian,
                                                                step.xi_g, rhs, scale_, scaled_tol_);
  if (s_.accuracy == AccuracyRule::paper) {
    par_.delta = std::max(std::min(par_.delta, accuracy.delta_trial(par_.mu, par_.nu)), s_.delta_floor);
  }
  // merit Hessian: exact Hess_x L, or Hess f (sigma = 1, lambda = 0)
  CsrMatrix objective_hessian;
  if (s_.merit_hessian == MeritHessian::objective) {
    const std::vector<double> zero(static_cast<std::size_t>(m_), 0.0);
    if (!problem_.lagrangian_hessian(point_.x, 1.0, zero, objective_hessian)) {
      return Stop{NlpStatus::failed, "objective Hessian evaluation failed"};
    }
  }
  const CsrMatrix& merit_h = s_.merit_hessian == MeritHessian::objective ? objective_hessian : step.hess;

  if (auto stop = begin_inner_solve(rhs, step)) {
    return stop;
  }
  SketchProjectSolver* sketch = s_.inner == InnerSolver::direct ? nullptr : cache_.sketch.get();
  const long steps_before = step.inner_steps;
  const auto accurate = [&](std::span<const double> r) { return accuracy.accurate(r, par_.delta); };
  std::vector<double> merit_grad;
  bool resolve = true;
  while (true) {
    if (sketch != nullptr && resolve) {
      const SketchRun run = sketch->run(accurate);
      step.inner_steps += run.steps;
      result_.inner_flops += run.flops;
      result_.capped_solves += run.capped ? 1 : 0;
      step.inner_residual = run.residual_norm;
      const auto sol = sketch->solution();
      step.z.assign(sol.begin(), sol.end());
    }
    merit_grad = merit_gradient(point_, merit_h, par_.mu, par_.nu);
    const double slope = vec::dot(merit_grad, step.z);   // grad L_{mu,nu}^T z
    const double required = -0.5 * par_.nu * kkt * kkt;  // sufficient decrease: slope <= -(nu/2) ||b||^2
    const double d = slope > required ? constraint_slope(point_, step.z) : 0.0;
    const auto verdict = detail::enforce_descent(par_, slope, required, d, s_, accuracy);
    if (verdict == detail::DescentVerdict::sufficient) {
      break;
    }
    resolve = verdict == detail::DescentVerdict::resolve;
    step.descent_resolves += resolve ? 1 : 0;
  }
  result_.sketch_steps += step.inner_steps - steps_before;
  step.slope = vec::dot(merit_grad, step.z);
  return std::nullopt;
}

/// The step-length bound (hessian_modification.hpp): when the full step (or its second-order correction)
/// fails the Armijo test and ||dx|| exceeds max_step_ratio max(1, ||x||), K is rebuilt with the next shift t
/// of xi_B, 10 xi_B, ... (B = H + t I) and z solved again, up to the paper's t = xi_B + ||H||_F. full_step
/// keeps the trial of the full step when it was accepted (the line search need not repeat it).
std::optional<OuterLoop::Stop> OuterLoop::bound_step_length(
    double kkt, Step& step, const detail::SecondOrderCorrection& correction,
    std::optional<detail::LineSearchOutcome>& full_step) {
  // At a singular Jacobian (K regularized) a long step is the normal step G dx - r dlambda = -c, which no
  // Hessian shift shortens.
  if (s_.max_step_ratio <= 0.0 || n_ <= m_ || cache_.reg > 0.0) {
    return std::nullopt;
  }
  const double bound = detail::step_length_bound(point_.x, s_.max_step_ratio);
  if (detail::primal_norm(step.z, n_) <= detail::kStepBoundTrigger * bound) {
    return std::nullopt;
  }
  const double cap = s_.xi_b + detail::frobenius_norm(step.hess);
  while (detail::primal_norm(step.z, n_) > bound && cache_.shift < cap) {
    // a long step the merit accepts in full is left alone (a QP's step to its solution), and so is one that
    // could not be evaluated (the line search backtracks from it)
    full_step = detail::armijo_backtracking(problem_, point_, step.z, par_.mu, par_.nu, step.slope, s_.beta,
                                            1, correction);
    // accepted, or not a matter of length (an evaluation failed): the line search goes on from this
    // outcome, and run() counts its evaluations
    if (full_step->accepted || full_step->failed_evaluations > 0) {
      return std::nullopt;
    }
    result_.function_evaluations += full_step->evaluations;
    result_.gradient_evaluations += full_step->evaluations;
    full_step.reset();
    cache_.shift = detail::next_length_shift(cache_.shift, s_.xi_b, cap);
    cache_.modify = true;
    cache_.k = std::make_shared<const CsrMatrix>(
        detail::kkt_matrix(step.hess, cache_.shift, point_.jacobian, cache_.reg));
    cache_.sketch.reset();
    cache_.lu.reset();
    shift_for_length_ = true;
    if (auto stop = compute_direction(kkt, step)) {
      return stop;
    }
  }
  return std::nullopt;
}

/// Backtracking from alpha = 1/2 along z from point_ (the full step was rejected), under the Armijo test with
/// the current mu and nu.
detail::LineSearchOutcome OuterLoop::backtrack_from_half(const std::vector<double>& z, double slope) {
  return detail::armijo_backtracking(problem_, point_, z, par_.mu, par_.nu, slope, s_.beta,
                                     s_.max_backtracks - 1, {}, 0.5);
}

/// The step from point_ given the outcome of its full step (tested by the ordinary Armijo test, with the
/// second-order correction): accepted as it is, taken relaxed, or backtracked, as the watchdog
/// (watchdog.hpp) decides. The returned outcome counts every evaluation, the full step's included.
detail::LineSearchOutcome OuterLoop::search_step(const Step& step, detail::LineSearchOutcome full) {
  const auto with_full_step_evaluations = [&full](detail::LineSearchOutcome out) {
    out.evaluations += full.evaluations;
    out.failed_evaluations += full.failed_evaluations;
    return out;
  };
  const bool finite = full.failed_evaluations == 0;
  const auto relaxed = [&full, this]() {
    // x + z, or x + z_soc where the correction was tried and has the lower merit
    if (full.rejected_correction && merit_value(*full.rejected_correction, par_.mu, par_.nu) <
                                        merit_value(full.trial, par_.mu, par_.nu)) {
      full.trial = std::move(*full.rejected_correction);
      full.corrected = true;
    }
    full.accepted = true;
    full.relaxed = true;
    full.alpha = 1.0;
    return std::move(full);
  };
  if (!watchdog_.watching()) {
    if (full.accepted) {
      watchdog_.note_ordinary_full_step();
      return full;
    }
    if (watchdog_.may_start() && finite) {
      auto taken = relaxed();
      if (detail::improves_objective_or_feasibility(point_, taken.trial)) {
        watchdog_.start({point_, step.z, step.slope, par_});
        return taken;
      }
      full = std::move(taken);  // only its evaluation counts remain of use
    }
    return with_full_step_evaluations(backtrack_from_half(step.z, step.slope));
  }
  // A relaxed iterate: the full step ends the watch when it reaches the saved iterate's target.
  const double roundoff =
      10.0 * std::numeric_limits<double>::epsilon() * std::abs(watchdog_.saved_merit(par_.mu, par_.nu));
  if (finite &&
      merit_value(full.trial, par_.mu, par_.nu) <= watchdog_.target(par_.mu, par_.nu, s_.beta) + roundoff) {
    watchdog_.succeed();
    full.accepted = true;
    return full;
  }
  if (watchdog_.may_relax_again() && finite) {
    watchdog_.relaxed_step();
    return relaxed();
  }
  // The watch failed. From x_k if it is no worse than x_r (an ordinary search), else from x_r.
  detail::SavedIterate saved = watchdog_.fail();
  if (merit_value(point_, par_.mu, par_.nu) <= merit_value(saved.point, par_.mu, par_.nu)) {
    if (full.accepted) {
      watchdog_.note_ordinary_full_step();
      return full;
    }
    return with_full_step_evaluations(backtrack_from_half(step.z, step.slope));
  }
  point_ = std::move(saved.point);
  par_ = saved.merit;
  auto back = with_full_step_evaluations(backtrack_from_half(saved.z, saved.slope));
  back.returned = true;
  return back;
}

/// The second-order correction (line_search.hpp): K z_soc = -(grad_x L, c(x) + c(x + dx)) by the same inner
/// solver and accuracy as z.
std::optional<std::vector<double>> OuterLoop::corrected_direction(const EvaluatedPoint& trial, Step& step) {
  std::vector<double> rhs = kkt_rhs(point_);
  for (std::size_t i = 0; i < trial.c.size(); ++i) {
    rhs[static_cast<std::size_t>(n_) + i] -= trial.c[i];
  }
  std::vector<double> z(rhs.size(), 0.0);
  if (s_.inner == InnerSolver::direct) {
    if (!cache_.lu) {
      return std::nullopt;
    }
    cache_.lu->solve(rhs, z);
    result_.inner_flops += 4.0 * cache_.k->nnz();
    return z;
  }
  cache_.sketch->reset(rhs);
  const SketchRun run =
      cache_.sketch->run([&](std::span<const double> r) { return step.accuracy->accurate(r, par_.delta); });
  step.inner_steps += run.steps;
  result_.sketch_steps += run.steps;
  result_.inner_flops += run.flops;
  result_.capped_solves += run.capped ? 1 : 0;
  const auto sol = cache_.sketch->solution();
  z.assign(sol.begin(), sol.end());
  return z;
}

OuterIteration OuterLoop::record(int k, double kkt, double kkt_unscaled, const Step& step) const {
  OuterIteration rec;
  rec.k = k;
  rec.kkt_residual = kkt_unscaled;
  rec.mu = par_.mu;
  rec.nu = par_.nu;
  rec.delta = par_.delta;
  rec.sketch_steps = step.inner_steps;
  rec.inner_residual = step.inner_residual;
  rec.hessian_modified = cache_.modify;
  rec.merit_slope = step.slope;
  rec.required_slope = -0.5 * par_.nu * kkt * kkt;
  rec.descent_resolves = step.descent_resolves;
  rec.regularization = m_ > 0 ? -cache_.k->diagonal(n_) : 0.0;  // what K holds, not what was asked for
  return rec;
}

/// Completes rec with the current point (after the step, or the unchanged point after a failed search) and
/// hands it to the monitors.
void OuterLoop::notify(OuterIteration& rec) const {
  rec.objective = point_.f / scale_.objective;
  rec.constraint_norm = unscaled_constraint_norm(point_);
  for (const auto& monitor : monitors_) {
    monitor(rec);
  }
}

NlpResult OuterLoop::finish(Stop stop) {
  result_.status = stop.status;
  result_.message = std::move(stop.message);
  result_.x = point_.x;
  result_.lambda = problem_.unscaled_multipliers(point_.lambda);
  result_.objective = point_.f / scale_.objective;
  result_.constraint_norm = unscaled_constraint_norm(point_);
  result_.kkt_residual = unscaled_kkt(point_);
  result_.seconds = seconds_since(t0_);
  return result_;
}

}  // namespace

NlpResult AdaSketchNewton::solve(NlpProblem& problem) {
  AdaSketchSettings settings = settings_;  // inner = auto becomes the solver it picks, reported as such
  settings.inner = resolved_inner_solver(settings, problem.num_variables() + problem.num_constraints());
  return OuterLoop(settings, problem, monitors_).run();
}

}  // namespace adasolve::nlp
