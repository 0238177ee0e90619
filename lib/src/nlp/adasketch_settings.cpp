// Names, parsing and validation of AdaSketchSettings and the NLP enums.
#include <array>
#include <cmath>

#include "adasolve/core/enum_names.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"

namespace adasolve::nlp {

std::string to_string(NlpStatus status) {
  switch (status) {
    case NlpStatus::solved:
      return "solved";
    case NlpStatus::not_converged:
      return "not_converged";
    case NlpStatus::singular:
      return "singular";
    case NlpStatus::failed:
      return "failed";
  }
  return "?";
}
std::string to_string(InnerSolver inner) {
  switch (inner) {
    case InnerSolver::automatic:
      return "auto";
    case InnerSolver::minres_cholmod:
      return "minres-cholmod";
    case InnerSolver::sketch:
      return "sketch";
    case InnerSolver::direct:
      return "direct";
  }
  return "?";
}
std::string to_string(AccuracyRule rule) { return rule == AccuracyRule::adaptive ? "adaptive" : "paper"; }
std::string to_string(MeritHessian h) { return h == MeritHessian::lagrangian ? "lagrangian" : "objective"; }
std::string to_string(SingularPolicy p) { return p == SingularPolicy::stop ? "stop" : "regularize"; }
std::string to_string(ScalingRule r) { return r == ScalingRule::none ? "none" : "gradient"; }
std::string to_string(MeritUpdate u) { return u == MeritUpdate::paper ? "paper" : "direct"; }

InnerSolver parse_inner_solver(const std::string& name) {
  return parse_enum("inner", name,
                    std::array{InnerSolver::automatic, InnerSolver::minres_cholmod, InnerSolver::sketch,
                               InnerSolver::direct});
}

InnerSolver resolved_inner_solver(const AdaSketchSettings& settings, long kkt_rows) {
  if (settings.inner != InnerSolver::automatic) {
    return settings.inner;
  }
  return kkt_rows <= settings.auto_direct_max_rows ? InnerSolver::direct : InnerSolver::minres_cholmod;
}
AccuracyRule parse_accuracy_rule(const std::string& name) {
  return parse_enum("accuracy", name, std::array{AccuracyRule::adaptive, AccuracyRule::paper});
}
MeritHessian parse_merit_hessian(const std::string& name) {
  return parse_enum("merit_hessian", name, std::array{MeritHessian::lagrangian, MeritHessian::objective});
}
ScalingRule parse_scaling_rule(const std::string& name) {
  return parse_enum("scaling", name, std::array{ScalingRule::gradient, ScalingRule::none});
}
MeritUpdate parse_merit_update(const std::string& name) {
  return parse_enum("merit_update", name, std::array{MeritUpdate::direct, MeritUpdate::paper});
}

std::span<const SettingField<AdaSketchSettings>> AdaSketchSettings::fields() {
  using S = AdaSketchSettings;
  static const SettingField<S> described[] = {
      {"mu0", &S::mu0, "initial penalty mu", SettingRange::above(0.0)},
      {"nu0", &S::nu0, "initial penalty nu", SettingRange::above(0.0)},
      {"delta0", &S::delta0, "initial inner accuracy delta", SettingRange::open_closed(0.0, 1.0)},
      {"xi_b", &S::xi_b, "Hessian modification shift xi_B", SettingRange::above(0.0)},
      {"beta", &S::beta, "Armijo constant", SettingRange::open(0.0, 0.5)},
      {"rho", &S::rho, "penalty factor rho", SettingRange::above(1.0)},
      {"theta", &S::theta, "accuracy scale theta", SettingRange::above(0.0)},
      {"reduced_hessian_threshold", &S::reduced_hessian_threshold,
       "modify B when lambda_min(Z^T H Z) is below this", SettingRange::any()},
      {"singular_threshold", &S::singular_threshold,
       "lambda_min(G G^T) of the unscaled Jacobian below this: the Jacobian counts as singular",
       SettingRange::above(0.0)},
      {"singular_regularization", &S::singular_regularization,
       "r_max: r = min(r_max, ||b||, r_max ||b|| / ||b_0||) in K_22 = -r I at a singular Jacobian",
       SettingRange::above(0.0)},
      {"max_step_ratio", &S::max_step_ratio,
       "when the full step fails and ||dx|| > 10 this max(1, ||x||), raise the Hessian shift until ||dx|| <= "
       "this max(1, ||x||) (0: off)",
       SettingRange::at_least(0.0)},
      {"watchdog", &S::watchdog,
       "nonmonotone full steps: a full step failing the Armijo test is taken, and up to this many in a row "
       "until the merit falls below that of the saved iterate plus beta times its slope; else back to it and "
       "backtrack (0: off, monotone Armijo)",
       SettingRange::at_least(0.0)},
      {"max_singular_steps", &S::max_singular_steps, "regularized steps in a row before status singular",
       SettingRange::at_least(0.0)},
      {"stop.kkt_tol", &S::kkt_tol, "absolute tolerance on the KKT residual", SettingRange::above(0.0)},
      {"stop.max_iters", &S::max_outer, "outer-iteration cap", SettingRange::at_least(0.0)},
      {"seed", &S::seed, "seed of the sketches and of logreg's constraint rows", SettingRange::at_least(0.0)},
      {"auto_direct_max_rows", &S::auto_direct_max_rows,
       "inner = auto: KKT systems of order n + m up to this are solved by direct, larger ones by "
       "minres-cholmod",
       SettingRange::at_least(0.0)},
  };
  return described;
}

namespace {

/// singular: how singular_policy and stabilized_regularization read together.
SettingChoice<AdaSketchSettings> singular_choice() {
  using S = AdaSketchSettings;
  return {"singular",
          "at a singular Jacobian: regularize (damped step with r = min(singular_regularization, KKT "
          "residual, singular_regularization KKT residual / first KKT residual), status singular after "
          "max_singular_steps such steps in a row without a 10% KKT decrease), fixed (r = "
          "singular_regularization, singular after max_singular_steps in a row: the earlier rule) or stop "
          "(the paper)",
          {"regularize", "fixed", "stop"},
          [](const S& s) -> std::string {
            if (s.singular_policy == SingularPolicy::stop) {
              return "stop";
            }
            return s.stabilized_regularization ? "regularize" : "fixed";
          },
          [](S& s, const std::string& name) {
            if (name != "regularize" && name != "fixed" && name != "stop") {
              throw unknown_name("singular", std::vector<std::string>{"regularize", "fixed", "stop"}, name);
            }
            s.singular_policy = name == "stop" ? SingularPolicy::stop : SingularPolicy::regularize;
            s.stabilized_regularization = name == "regularize";
          },
          nullptr};
}

/// hessian_shift: the paper's shift or the minimal one (minimal_hessian_shift).
SettingChoice<AdaSketchSettings> hessian_shift_choice() {
  using S = AdaSketchSettings;
  return {"hessian_shift",
          "Hessian modification: paper (xi_B + ||H||_F) or minimal (smallest xi_B 10^j passing the "
          "reduced-Hessian test; min(xi_B, ||b||) where the reduced Hessian is singular, not indefinite)",
          {"minimal", "paper"},
          [](const S& s) { return std::string(s.minimal_hessian_shift ? "minimal" : "paper"); },
          [](S& s, const std::string& name) {
            if (name != "minimal" && name != "paper") {
              throw unknown_name("hessian_shift", std::vector<std::string>{"minimal", "paper"}, name);
            }
            s.minimal_hessian_shift = name == "minimal";
          },
          nullptr};
}

}  // namespace

std::span<const SettingChoice<AdaSketchSettings>> AdaSketchSettings::choices() {
  using S = AdaSketchSettings;
  static const SettingChoice<S> described[] = {
      enum_choice("inner", &S::inner,
                  "KKT solver. auto: direct when n + m <= auto_direct_max_rows, minres-cholmod above "
                  "(docs/nlp.md); minres-cholmod: deterministic MINRES preconditioned by blkdiag(D, G D^-1 "
                  "G^T) with a CHOLMOD factor (not randomized, not in the paper); sketch: the paper's "
                  "randomized sketch-and-project (of kind `sketch`); direct: UMFPACK LU (symmetric strategy, "
                  "METIS ordering), exact Newton",
                  std::array{InnerSolver::automatic, InnerSolver::minres_cholmod, InnerSolver::sketch,
                             InnerSolver::direct}),
      enum_choice("accuracy", &S::accuracy, "inner accuracy rule",
                  std::array{AccuracyRule::adaptive, AccuracyRule::paper}),
      enum_choice(
          "scaling", &S::scaling,
          "problem scaling: gradient (Ipopt's: objective and each constraint scaled down to a gradient "
          "of at most 100 at x0; residuals are reported unscaled) or none (the paper)",
          std::array{ScalingRule::gradient, ScalingRule::none}),
      enum_choice(
          "merit_update", &S::merit_update,
          "penalty update when the step is not a sufficient descent direction: direct (mu set at once "
          "from the slope) or paper (mu *= rho^2, nu /= rho, re-solve)",
          std::array{MeritUpdate::direct, MeritUpdate::paper}),
      bool_choice("second_order_correction", &S::second_order_correction,
                  "when the full step fails the line search and does not reduce ||c||, try the step of the "
                  "same KKT system with right-hand side c(x) + c(x + dx) (Ipopt's correction; not in the "
                  "paper)"),
      enum_choice("merit_hessian", &S::merit_hessian,
                  "H in the merit gradient: lagrangian (exact) or objective (the authors' code)",
                  std::array{MeritHessian::lagrangian, MeritHessian::objective}),
      hessian_shift_choice(),
      singular_choice(),
  };
  return described;
}

void AdaSketchSettings::validate() const {
  check_ranges(*this, fields());
  auto positive = [](double v, const char* name) {
    if (!(v > 0.0) || !std::isfinite(v)) {
      throw UsageError(std::string(name) + " must be > 0, got " + std::to_string(v));
    }
  };
  positive(delta_floor, "delta_floor");
  positive(scaling_max_gradient, "scaling_max_gradient");
  if (max_backtracks < 1) {
    throw UsageError("max_backtracks must be >= 1");
  }
  sketch.validate();
}

}  // namespace adasolve::nlp
