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
                    std::array{InnerSolver::minres_cholmod, InnerSolver::sketch, InnerSolver::direct});
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
       "lambda_min(G G^T) below this: the Jacobian counts as singular", SettingRange::above(0.0)},
      {"singular_regularization", &S::singular_regularization,
       "r_max: r = min(r_max, ||b||, r_max ||b|| / ||b_0||) in K_22 = -r I at a singular Jacobian",
       SettingRange::above(0.0)},
      {"max_step_ratio", &S::max_step_ratio,
       "when the full step fails and ||dx|| > 10 this max(1, ||x||), raise the Hessian shift until ||dx|| <= "
       "this max(1, ||x||) (0: off)",
       SettingRange::at_least(0.0)},
      {"max_singular_steps", &S::max_singular_steps, "regularized steps in a row before status singular",
       SettingRange::at_least(0.0)},
      {"stop.kkt_tol", &S::kkt_tol, "absolute tolerance on the KKT residual", SettingRange::above(0.0)},
      {"stop.max_iters", &S::max_outer, "outer-iteration cap", SettingRange::at_least(0.0)},
      {"seed", &S::seed, "seed of the sketches and of logreg's constraint rows", SettingRange::at_least(0.0)},
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
