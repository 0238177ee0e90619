#include "seq/seq_arms.hpp"

#include <fmt/format.h>

#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/sequence/solver_arm.hpp"
#include "common/options.hpp"

namespace adasolve::app {

namespace {

constexpr const char* kArmList = "ssor-pcg, ic0-pcg, petsc-icc, gamg[:THRESHOLD], hypre[:STRONG_THRESHOLD]";

ArmSpec parse_arm(const std::string& text) {
  ArmSpec spec;
  const auto colon = text.find(':');
  spec.kind = text.substr(0, colon);
  if (spec.kind != "ssor-pcg" && spec.kind != "ic0-pcg" && spec.kind != "petsc-icc" && spec.kind != "gamg" &&
      spec.kind != "hypre") {
    throw UsageError("--portfolio: unknown arm '" + text + "' (arms: " + kArmList + ")");
  }
  if (colon == std::string::npos) {
    return spec;
  }
  if (spec.kind != "gamg" && spec.kind != "hypre") {
    throw UsageError("--portfolio: " + spec.kind + " takes no parameter, got '" + text + "'");
  }
  const std::string number = text.substr(colon + 1);
  std::size_t used = 0;
  double value = NAN;
  try {
    value = std::stod(number, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  // GAMG drops couplings below THRESHOLD (0 keeps all, negative keeps zeros too); BoomerAMG's strong
  // threshold is in (0, 1).
  const bool in_range = spec.kind == "gamg" ? (value >= -1.0 && value < 1.0) : (value > 0.0 && value < 1.0);
  if (used != number.size() || number.empty() || !std::isfinite(value) || !in_range) {
    throw UsageError("--portfolio: " + spec.kind + "'s threshold must be a number in " +
                     (spec.kind == "gamg" ? "[-1, 1)" : "(0, 1)") + ", got '" + number + "'");
  }
  spec.value = value;
  return spec;
}

}  // namespace

std::string ArmSpec::name() const { return value ? fmt::format("{}:{}", kind, *value) : kind; }

std::vector<ArmSpec> parse_portfolio(const std::string& text, bool with_petsc) {
  std::vector<ArmSpec> arms;
  if (text.empty()) {
    for (const char* name : {"ssor-pcg", "ic0-pcg", "petsc-icc", "hypre", "gamg"}) {
      ArmSpec spec = parse_arm(name);
      if (with_petsc || !spec.uses_petsc()) {
        arms.push_back(spec);
      }
    }
    return arms;
  }
  for (const auto& item : split_comma_list(text)) {
    ArmSpec spec = parse_arm(item);
    for (const auto& earlier : arms) {
      if (earlier.name() == spec.name()) {
        throw UsageError("--portfolio names " + spec.name() + " twice");
      }
    }
    arms.push_back(spec);
  }
  if (arms.empty()) {
    throw UsageError("--portfolio names no arm (arms: " + std::string(kArmList) + ")");
  }
  return arms;
}

std::size_t fallback_arm(const std::vector<ArmSpec>& arms) {
  std::vector<std::string> kinds;
  for (const auto& arm : arms) {
    kinds.push_back(arm.kind);
  }
  return sequence::fallback_arm(kinds);
}

}  // namespace adasolve::app
