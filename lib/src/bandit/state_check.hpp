#pragma once
// restore() helpers: a state must name the policy it came from.
#include <nlohmann/json.hpp>
#include <string>

#include "adasolve/core/error.hpp"

namespace adasolve::bandit::detail {

inline void expect_policy_state(const nlohmann::json& state, const std::string& policy) {
  if (!state.is_object() || !state.contains("policy") || state["policy"] != policy) {
    throw UsageError("cannot restore policy '" + policy + "' from a state of " +
                     (state.is_object() && state.contains("policy") ? "policy " + state["policy"].dump()
                                                                    : std::string("unknown origin")));
  }
}

inline void expect_size(const nlohmann::json& array, std::size_t size, const std::string& what) {
  if (!array.is_array() || array.size() != size) {
    throw UsageError("policy state: '" + what + "' must have " + std::to_string(size) +
                     " entries (another grid or feature count?)");
  }
}

}  // namespace adasolve::bandit::detail
