#include "adasolve/bandit/fixed_policy.hpp"

#include "adasolve/core/error.hpp"
#include "adasolve/core/omega.hpp"
#include "bandit/state_check.hpp"

namespace adasolve::bandit {

FixedOmegaPolicy::FixedOmegaPolicy(double omega) : omega_(omega) { check_omega("omega", omega); }

double FixedOmegaPolicy::choose(std::span<const double> /*context*/) { return omega_; }

void FixedOmegaPolicy::observe(double /*cost*/) { ++observed_; }

nlohmann::json FixedOmegaPolicy::state() const {
  return {{"policy", name()}, {"omega", omega_}, {"observed", observed_}};
}

void FixedOmegaPolicy::restore(const nlohmann::json& state) {
  detail::expect_policy_state(state, name());
  if (state.at("omega").get<double>() != omega_) {
    throw UsageError("cannot restore fixed omega " + state.at("omega").dump() +
                     " into a fixed policy with omega " + std::to_string(omega_));
  }
  observed_ = state.at("observed").get<long long>();
}

}  // namespace adasolve::bandit
