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

void AdaSketchSettings::validate() const {
  auto positive = [](double v, const char* name) {
    if (!(v > 0.0) || !std::isfinite(v)) {
      throw UsageError(std::string(name) + " must be > 0, got " + std::to_string(v));
    }
  };
  positive(mu0, "mu0");
  positive(nu0, "nu0");
  positive(xi_b, "xi_b");
  positive(theta, "theta");
  positive(kkt_tol, "kkt_tol");
  positive(delta_floor, "delta_floor");
  positive(scaling_max_gradient, "scaling_max_gradient");
  if (!(delta0 > 0.0 && delta0 <= 1.0)) {
    throw UsageError("delta0 must be in (0, 1], got " + std::to_string(delta0));
  }
  if (!(beta > 0.0 && beta < 0.5)) {
    throw UsageError("beta must be in (0, 0.5), got " + std::to_string(beta));
  }
  if (!(rho > 1.0)) {
    throw UsageError("rho must be > 1, got " + std::to_string(rho));
  }
  if (max_outer < 0) {
    throw UsageError("max_outer must be >= 0, got " + std::to_string(max_outer));
  }
  if (max_backtracks < 1) {
    throw UsageError("max_backtracks must be >= 1");
  }
  if (max_singular_steps < 0) {
    throw UsageError("max_singular_steps must be >= 0");
  }
  // A NaN threshold makes every comparison false: the curvature test would silently never fire.
  if (!std::isfinite(reduced_hessian_threshold)) {
    throw UsageError("reduced_hessian_threshold must be a finite number, got " +
                     std::to_string(reduced_hessian_threshold));
  }
  sketch.validate();
}

}  // namespace adasolve::nlp
