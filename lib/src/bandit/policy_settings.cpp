#include "adasolve/bandit/policy_settings.hpp"

#include <algorithm>
#include <cmath>

#include "adasolve/bandit/chebcb.hpp"
#include "adasolve/bandit/fixed_policy.hpp"
#include "adasolve/bandit/tsallis_inf.hpp"
#include "adasolve/bandit/tsallis_inf_cb.hpp"
#include "adasolve/bandit/young_policy.hpp"
#include "adasolve/bandit/zoom_descent.hpp"
#include "adasolve/core/enum_names.hpp"
#include "adasolve/core/error.hpp"

namespace adasolve::bandit {

namespace {

std::string text(double v) { return setting_value_text(v); }

}  // namespace

std::span<const SettingField<OmegaGrid>> OmegaGrid::fields() {
  // Every policy keeps per-arm state (and ChebCB a matrix per arm): beyond ~10^4 arms a run only spends
  // memory and time, and 10^8 would allocate gigabytes before the first instance.
  static const SettingField<OmegaGrid> described[] = {
      {"grid.min", &OmegaGrid::min, "smallest omega of the learners' action grid and of the oracles",
       SettingRange::open(0.0, 2.0)},
      {"grid.max", &OmegaGrid::max, "largest omega of the grid", SettingRange::open(0.0, 2.0)},
      {"grid.count", &OmegaGrid::count, "number of grid values, evenly spaced",
       SettingRange::closed(1.0, kMaxGridCount)},
  };
  return described;
}

void OmegaGrid::validate() const {
  check_ranges(*this, fields());
  if (!(min <= max)) {
    throw UsageError("grid must satisfy 0 < grid.min <= grid.max < 2, got [" + text(min) + ", " + text(max) +
                     "]");
  }
  if (count == 1 && min != max) {
    throw UsageError("grid.count must be >= 2 when grid.min != grid.max, got 1");
  }
}

std::vector<double> OmegaGrid::values() const {
  std::vector<double> v(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    v[i] = count == 1 ? min : min + (max - min) * i / (count - 1);  // linspace(min, max, count)
  }
  return v;
}

std::span<const SettingField<ContextRange>> ContextRange::fields() {
  // The defaults are the sequence's own range, which only the caller knows.
  static const SettingField<ContextRange> described[] = {
      {"context.min", &ContextRange::min,
       "context range lower end for the contextual policies (tsallis-inf-cb, chebcb, zoom-descent)",
       SettingRange::any(), "derived from the sequence: E1 -0.15, heat 0, manifest column minimum, auto 0"},
      {"context.max", &ContextRange::max, "context range upper end", SettingRange::any(),
       "derived from the sequence: E1 0.65, heat 10, manifest column maximum, auto 1"},
  };
  return described;
}

void ContextRange::validate() const {
  check_ranges(*this, fields());
  if (!(min < max)) {
    throw UsageError("context range must satisfy context.min < context.max, got [" + text(min) + ", " +
                     text(max) + "]");
  }
}

std::span<const SettingField<TsallisInfSettings>> TsallisInfSettings::fields() {
  static const SettingField<TsallisInfSettings> described[] = {
      {"tsallis-inf.eta-scale", &TsallisInfSettings::eta_scale,
       "Tsallis-INF learning rate eta_t = eta-scale / sqrt(t)", SettingRange::above(0.0)},
  };
  return described;
}

void TsallisInfSettings::validate() const {
  check_ranges(*this, fields());
  if (!(root_tolerance > 0.0) || root_max_steps < 1) {
    throw UsageError("tsallis-inf root-find needs tolerance > 0 and at least one step");
  }
}

std::span<const SettingField<TsallisInfCbSettings>> TsallisInfCbSettings::fields() {
  static const SettingField<TsallisInfCbSettings> described[] = {
      {"tsallis-inf-cb.bins", &TsallisInfCbSettings::bins, "Tsallis-INF-CB: number of context bins",
       SettingRange::at_least(1.0)},
  };
  return described;
}

void TsallisInfCbSettings::validate() const { check_ranges(*this, fields()); }

std::span<const SettingField<ChebCbSettings>> ChebCbSettings::fields() {
  static const SettingField<ChebCbSettings> described[] = {
      {"chebcb.features", &ChebCbSettings::features, "ChebCB: Chebyshev features T_0..T_{m-1}",
       SettingRange::closed(1.0, 32.0)},
  };
  return described;
}

void ChebCbSettings::validate() const {
  check_ranges(*this, fields());
  if (box_sweeps < 1 || !(box_tolerance >= 0.0)) {
    throw UsageError("chebcb box least squares needs at least one sweep and a tolerance >= 0");
  }
}

std::span<const SettingField<YoungSettings>> YoungSettings::fields() {
  static const SettingField<YoungSettings> described[] = {
      {"young.lanczos-steps", &YoungSettings::lanczos_steps,
       "young: Lanczos steps for the Jacobi spectral radius", SettingRange::at_least(1.0)},
  };
  return described;
}

void YoungSettings::validate() const { check_ranges(*this, fields()); }

std::span<const SettingField<ZoomDescentSettings>> ZoomDescentSettings::fields() {
  static const SettingField<ZoomDescentSettings> described[] = {
      {"zoom-descent.split-min", &ZoomDescentSettings::split_min,
       "zoom-descent: fewest observations before a context bin splits", SettingRange::at_least(2.0)},
      {"zoom-descent.split-growth", &ZoomDescentSettings::split_growth,
       "zoom-descent: a bin splits at max(split-min, split-growth sqrt(t)) observations",
       SettingRange::at_least(0.0)},
  };
  return described;
}

void ZoomDescentSettings::validate() const { check_ranges(*this, fields()); }

std::vector<std::string> omega_policy_names() {
  return {"fixed", "young", "tsallis-inf", "tsallis-inf-cb", "chebcb", "zoom-descent"};
}

bool omega_policy_is_contextual(const std::string& name) {
  return name == "tsallis-inf-cb" || name == "chebcb" || name == "zoom-descent";
}

std::span<const SettingField<OmegaPolicySettings>> OmegaPolicySettings::fields() {
  static const SettingField<OmegaPolicySettings> described[] = {
      {"omega", &OmegaPolicySettings::omega, "the relaxation factor of the fixed policy",
       SettingRange::open(0.0, 2.0), "learned by the policy"},
  };
  return described;
}

namespace {

/// "policy must be fixed, young, ... or zoom-descent, got 'x'" unless `name` is one of omega_policy_names().
void check_policy_name(const std::string& name) {
  const auto names = omega_policy_names();
  if (std::find(names.begin(), names.end(), name) != names.end()) {
    return;
  }
  throw unknown_name("policy", names, name);
}

}  // namespace

std::span<const SettingChoice<OmegaPolicySettings>> OmegaPolicySettings::choices() {
  static const SettingChoice<OmegaPolicySettings> described[] = {
      {"policy", "how omega is chosen per system: a fixed omega, Young's formula, or a learner",
       omega_policy_names(), [](const OmegaPolicySettings& s) { return s.policy; },
       [](OmegaPolicySettings& s, const std::string& name) {
         check_policy_name(name);
         s.policy = name;
       },
       "the solver's own default"},
  };
  return described;
}

void OmegaPolicySettings::validate() const {
  if (policy == "fixed") {
    check_ranges(*this, fields());
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
  check_policy_name(policy);
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
