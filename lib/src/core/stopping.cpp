#include "adasolve/core/stopping.hpp"

#include <algorithm>
#include <cmath>

#include "adasolve/core/error.hpp"

namespace adasolve {

std::string to_string(StopReason reason) {
  switch (reason) {
    case StopReason::converged_rtol:
      return "converged_rtol";
    case StopReason::converged_atol:
      return "converged_atol";
    case StopReason::max_iterations:
      return "max_iterations";
    case StopReason::breakdown:
      return "breakdown";
    case StopReason::indefinite:
      return "indefinite";
    case StopReason::nan_or_inf:
      return "nan_or_inf";
    case StopReason::stagnation:
      return "stagnation";
  }
  return "unknown";
}

std::string to_string(Baseline baseline) {
  return baseline == Baseline::rhs_norm ? "rhs_norm" : "initial_residual";
}

Baseline parse_baseline(const std::string& text) {
  if (text == "rhs" || text == "rhs_norm") {
    return Baseline::rhs_norm;
  }
  if (text == "initial" || text == "initial_residual") {
    return Baseline::initial_residual;
  }
  throw UsageError("stop.baseline must be 'rhs_norm' or 'initial_residual', got '" + text + "'");
}

bool is_converged(StopReason reason) {
  return reason == StopReason::converged_rtol || reason == StopReason::converged_atol;
}

std::span<const SettingField<StoppingCriteria>> StoppingCriteria::fields() {
  static const SettingField<StoppingCriteria> described[] = {
      {"stop.rtol", &StoppingCriteria::rtol, "relative tolerance on ||b - A x||_2",
       SettingRange::closed_open(0.0, 1.0)},
      {"stop.atol", &StoppingCriteria::atol, "absolute tolerance on ||b - A x||_2",
       SettingRange::at_least(0.0)},
      {"stop.max_iters", &StoppingCriteria::max_iters,
       "iteration cap; a solve that reaches it stops with max_iterations", SettingRange::at_least(0.0)},
  };
  return described;
}

std::span<const SettingChoice<StoppingCriteria>> StoppingCriteria::choices() {
  static const SettingChoice<StoppingCriteria> described[] = {[] {
    auto baseline = enum_choice("stop.baseline", &StoppingCriteria::baseline,
                                "what stop.rtol is relative to: rhs_norm (||b||) or initial_residual "
                                "(||b - A x0||)",
                                std::array{Baseline::rhs_norm, Baseline::initial_residual});
    baseline.set = [](StoppingCriteria& s, const std::string& name) { s.baseline = parse_baseline(name); };
    return baseline;
  }()};
  return described;
}

void StoppingCriteria::validate() const {
  check_ranges(*this, fields());
  if (rtol == 0.0 && atol == 0.0) {
    throw UsageError("stop.rtol and stop.atol cannot both be 0");
  }
}

double StoppingCriteria::threshold(double beta) const { return std::max(rtol * beta, atol); }

}  // namespace adasolve
