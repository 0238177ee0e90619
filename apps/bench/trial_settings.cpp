#include "bench/trial_settings.hpp"

namespace adasolve::bench {

std::span<const SettingField<TrialSettings>> TrialSettings::fields() {
  static const SettingField<TrialSettings> described[] = {
      {"trials", &TrialSettings::trials, "trials (K), trial k seeded with S + k",
       SettingRange::at_least(1.0)},
  };
  return described;
}

}  // namespace adasolve::bench
