#pragma once
// Stopping rules, stated with their norm and baseline (design principle 4):
//
//   stop when ||b - A x_k||_2 <= max(rtol * beta, atol),
//   beta = ||b||_2          for Baseline::rhs_norm         (MATLAB pcg, PETSc's default),
//   beta = ||b - A x_0||_2  for Baseline::initial_residual (the SOR experiments of Khodak et al.).
//
// A zero right-hand side returns x = 0 after 0 iterations; NaN or Inf stops with StopReason::nan_or_inf;
// reaching max_iters stops with StopReason::max_iterations (a result, not an exception).
#include <span>
#include <string>

#include "adasolve/core/setting_fields.hpp"

namespace adasolve {

enum class Baseline { rhs_norm, initial_residual };

/// stagnation: the solver's own residual estimate met the threshold several times but the true residual
/// b - A x did not; the threshold lies below the accuracy this solver attains in floating point.
enum class StopReason {
  converged_rtol,
  converged_atol,
  max_iterations,
  breakdown,
  indefinite,
  nan_or_inf,
  stagnation
};

/// "converged_rtol", ... (stable names used in CSV/JSON output).
std::string to_string(StopReason reason);
std::string to_string(Baseline baseline);
/// Parses "rhs" / "rhs_norm" / "initial" / "initial_residual"; UsageError otherwise.
Baseline parse_baseline(const std::string& text);
bool is_converged(StopReason reason);

struct StoppingCriteria {
  double rtol = 1e-8;
  double atol = 0.0;
  int max_iters = 10000;
  Baseline baseline = Baseline::rhs_norm;

  /// stop.rtol, stop.atol, stop.max_iters with their ranges.
  static std::span<const SettingField<StoppingCriteria>> fields();
  /// stop.baseline (parsed by parse_baseline, which also takes "rhs" and "initial").
  static std::span<const SettingChoice<StoppingCriteria>> choices();
  /// Throws UsageError naming the setting: "stop.rtol must be in [0, 1), got 2".
  void validate() const;
  /// max(rtol * beta, atol)
  double threshold(double beta) const;
};

}  // namespace adasolve
