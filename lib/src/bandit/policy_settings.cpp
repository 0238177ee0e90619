#include "adasolve/bandit/policy_settings.hpp"

#include <cmath>
#include <sstream>

#include "adasolve/bandit/chebcb.hpp"
#include "adasolve/bandit/fixed_policy.hpp"
#include "adasolve/bandit/tsallis_inf.hpp"
#include "adasolve/bandit/tsallis_inf_cb.hpp"
#include "adasolve/bandit/young_policy.hpp"
#include "adasolve/bandit/zoom_descent.hpp"
#include "adasolve/core/error.hpp"

namespace adasolve::bandit {

namespace {

std::string text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

void OmegaGrid::validate() const {
  if (!(min > 0.0 && min <= max && max < 2.0)) {
    throw UsageError("grid must satisfy 0 < grid.min <= grid.max < 2, got [" + text(min) + ", " + text(max) +
                     "]");
  }
  if (count < 1 || (count == 1 && min != max)) {
    throw UsageError("grid.count must be >= 1 (1 only when grid.min == grid.max), got " +
                     std::to_string(count));
  }
  // Every policy keeps per-arm state (and ChebCB a matrix per arm): beyond ~10^4 arms a run only spends
  // memory and time, and 10^8 would allocate gigabytes before the first instance.
  if (count > kMaxGridCount) {
    throw UsageError("grid.count must be <= " + std::to_string(kMaxGridCount) + ", got " + std::to_string(count));
  }
}

std::vector<double> OmegaGrid::values() const {
  std::vector<double> v(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    v[i] = count == 1 ? min : min + (max - min) * i / (count - 1);  // linspace(min, max, count)
  }
  return v;
}

void ContextRange::validate() const {
  if (!(std::isfinite(min) && std::isfinite(max) && min < max)) {
    throw UsageError("context range must satisfy context.min < context.max, got [" + text(min) + ", " +
                     text(max) + "]");
  }
}

void TsallisInfSettings::validate() const {
  if (!(eta_scale > 0.0 && std::isfinite(eta_scale))) {
    throw UsageError("tsallis-inf.eta-scale must be > 0, got " + text(eta_scale));
  }
  if (!(root_tolerance > 0.0) || root_max_steps < 1) {
    throw UsageError("tsallis-inf root-find needs tolerance > 0 and at least one step");
  }
}

void TsallisInfCbSettings::validate() const {
  if (bins < 1) {
    throw UsageError("tsallis-inf-cb.bins must be >= 1, got " + std::to_string(bins));
  }
}

void ChebCbSettings::validate() const {
  if (features < 1 || features > 32) {
    throw UsageError("chebcb.features must be in [1, 32], got " + std::to_string(features));
  }
  if (box_sweeps < 1 || !(box_tolerance >= 0.0)) {
    throw UsageError("chebcb box least squares needs at least one sweep and a tolerance >= 0");
  }
}

void YoungSettings::validate() const {
  if (lanczos_steps < 1) {
    throw UsageError("young.lanczos-steps must be >= 1, got " + std::to_string(lanczos_steps));
  }
}

void ZoomDescentSettings::validate() const {
  if (split_min < 2) {
    throw UsageError("zoom-descent.split-min must be >= 2, got " + std::to_string(split_min));
  }
  if (!(split_growth >= 0.0 && std::isfinite(split_growth))) {
    throw UsageError("zoom-descent.split-growth must be >= 0, got " + text(split_growth));
  }
}

std::vector<std::string> omega_policy_names() {
  return {"fixed", "young", "tsallis-inf", "tsallis-inf-cb", "chebcb", "zoom-descent"};
}

bool omega_policy_is_contextual(const std::string& name) {
  return name == "tsallis-inf-cb" || name == "chebcb" || name == "zoom-descent";
}

void OmegaPolicySettings::validate() const {
  if (policy == "fixed") {
    if (!(omega > 0.0 && omega < 2.0)) {
      throw UsageError("omega must be in (0, 2), got " + text(omega));
    }
    return;
  }
  if (policy == "young") {
    young.validate();
    return;
  }
  if (policy == "tsallis-inf" || omega_policy_is_contextual(policy)) {
    grid.validate();
    tsallis_inf.validate();
    if (omega_policy_is_contextual(policy)) {
      context.validate();
      tsallis_inf_cb.validate();
      chebcb.validate();
      zoom_descent.validate();
    }
    return;
  }
  std::string names;
  for (const auto& n : omega_policy_names()) {
    names += (names.empty() ? "" : ", ") + n;
  }
  throw UsageError("unknown policy '" + policy + "' (one of: " + names + ")");
}

std::unique_ptr<OmegaPolicy> make_omega_policy(const OmegaPolicySettings& s) {
  s.validate();
  if (s.policy == "fixed") {
    return std::make_unique<FixedOmegaPolicy>(s.omega);
  }
  if (s.policy == "young") {
    return std::make_unique<YoungPolicy>(s.young, s.seed);
  }
  if (s.policy == "tsallis-inf") {
    return std::make_unique<TsallisInfPolicy>(s.grid, s.tsallis_inf, s.seed);
  }
  if (s.policy == "tsallis-inf-cb") {
    return std::make_unique<TsallisInfCbPolicy>(s.grid, s.context, s.tsallis_inf_cb, s.tsallis_inf, s.seed);
  }
  if (s.policy == "chebcb") {
    return std::make_unique<ChebCbPolicy>(s.grid, s.context, s.chebcb, s.seed);
  }
  return std::make_unique<ZoomDescentPolicy>(s.grid, s.context, s.zoom_descent, s.seed);
}

}  // namespace adasolve::bandit
