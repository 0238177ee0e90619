#pragma once
// Settings of the omega policies, with the defaults of methods/relax.md (sections 2-5), and the factory.
// Each struct validates its own ranges (design principle 3); the CLI only fills them.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/core/setting_fields.hpp"

namespace adasolve::bandit {

/// The action grid: count values evenly spaced from min to max (spec: linspace(1, 1.95, 20)).
struct OmegaGrid {
  double min = 1.0;
  double max = 1.95;
  int count = 20;
  static constexpr int kMaxGridCount = 10000;
  /// 0 < min <= max < 2, 1 <= count <= kMaxGridCount (count == 1 needs min == max).
  /// grid.min, grid.max, grid.count (min <= max is checked by validate()).
  static std::span<const SettingField<OmegaGrid>> fields();
  void validate() const;
  std::vector<double> values() const;
};

/// The known range [min, max] of the scalar context (spec: [-0.15, 0.65] for E1, [0, 10] for E2).
/// Contexts outside it are clamped to it by the contextual policies.
struct ContextRange {
  double min = -0.15;
  double max = 0.65;
  /// context.min, context.max: finite, unset = the sequence's own range (min < max is checked by validate()).
  static std::span<const SettingField<ContextRange>> fields();
  void validate() const;
};

/// Tsallis-INF (section 3): eta_t = eta_scale / sqrt(t); normaliser root found to root_tolerance.
struct TsallisInfSettings {
  double eta_scale = 2.0;
  double root_tolerance = 1e-10;
  int root_max_steps = 100;
  /// tsallis-inf.eta-scale (the root-find settings are internal).
  static std::span<const SettingField<TsallisInfSettings>> fields();
  void validate() const;
};

/// Tsallis-INF-CB (section 5.1): an independent Tsallis-INF per context bin.
struct TsallisInfCbSettings {
  int bins = 5;
  /// tsallis-inf-cb.bins.
  static std::span<const SettingField<TsallisInfCbSettings>> fields();
  void validate() const;
};

/// ChebCB (section 4): `features` Chebyshev polynomials T_0..T_{m-1}; box-constrained least squares by
/// projected coordinate descent (at most box_sweeps sweeps, stop when no coefficient moves by more than
/// box_tolerance).
struct ChebCbSettings {
  int features = 6;
  int box_sweeps = 500;
  double box_tolerance = 1e-12;
  /// chebcb.features (the box least-squares settings are internal).
  static std::span<const SettingField<ChebCbSettings>> fields();
  void validate() const;
};

/// young: Young's omega* = 2 / (1 + sqrt(1 - rho_J^2)) with rho_J estimated by lanczos_steps Lanczos steps
/// on D^-1/2 A D^-1/2.
struct YoungSettings {
  int lanczos_steps = 20;
  /// young.lanczos-steps.
  static std::span<const SettingField<YoungSettings>> fields();
  void validate() const;
};

/// zoom-descent (our learner, see zoom_descent.hpp): a context bin splits at the median of its observed
/// contexts once it holds max(split_min, split_growth * sqrt(t)) observations, t = observations so far:
/// coarse bins split early (fast context resolution while little is known), later splits wait for more
/// data (fewer re-explorations once the policy is good).
struct ZoomDescentSettings {
  int split_min = 16;
  double split_growth = 1.5;
  /// zoom-descent.split-min, zoom-descent.split-growth.
  static std::span<const SettingField<ZoomDescentSettings>> fields();
  void validate() const;
};

struct OmegaPolicySettings {
  std::string policy = "fixed";  ///< one of omega_policy_names()
  double omega = 1.0;            ///< the value of the "fixed" policy, in (0, 2)
  std::uint64_t seed = 1;        ///< seeds every random choice of the policy
  OmegaGrid grid;
  ContextRange context;
  TsallisInfSettings tsallis_inf;
  TsallisInfCbSettings tsallis_inf_cb;
  ChebCbSettings chebcb;
  YoungSettings young;
  ZoomDescentSettings zoom_descent;
  /// omega, in (0, 2); unset = learned by the policy (the nested structs describe their own fields).
  static std::span<const SettingField<OmegaPolicySettings>> fields();
  /// policy, one of omega_policy_names(); unset = the solver's own default (the caller fills it).
  static std::span<const SettingChoice<OmegaPolicySettings>> choices();
  /// Validates the policy name and the settings it uses.
  void validate() const;
};

/// "fixed", "young", "tsallis-inf", "tsallis-inf-cb", "chebcb", "zoom-descent"
std::vector<std::string> omega_policy_names();
/// True for policies that need a context in choose().
bool omega_policy_is_contextual(const std::string& name);
/// Builds the policy named by settings.policy (validates first; UsageError for an unknown name).
std::unique_ptr<OmegaPolicy> make_omega_policy(const OmegaPolicySettings& settings);

}  // namespace adasolve::bandit
