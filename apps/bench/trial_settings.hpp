#pragma once
// --trials of the benchmarks that repeat a run with seeds S, S + 1, ...: described once, so that every
// benchmark binds it (apps/common/settings_options.hpp) with the same name, help and range.
#include <span>

#include "adasolve/core/setting_fields.hpp"

namespace adasolve::bench {

struct TrialSettings {
  int trials = 1;
  /// trials >= 1.
  static std::span<const SettingField<TrialSettings>> fields();
};

}  // namespace adasolve::bench
