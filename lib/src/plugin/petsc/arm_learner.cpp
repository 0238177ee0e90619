#include "plugin/petsc/arm_learner.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "adasolve/core/error.hpp"
#include "adasolve/core/version.hpp"

namespace adasolve::petsc_plugin {

namespace {

constexpr const char* kStateKind = "adasolve-petsc-pc-auto-state";

PluginArm parse_arm(const std::string& text) {
  const auto colon = text.find(':');
  PluginArm arm{text.substr(0, colon), std::nullopt};
  if (arm.kind != "ssor" && arm.kind != "icc" && arm.kind != "gamg" && arm.kind != "hypre") {
    throw UsageError("-pc_adasolve_portfolio: unknown arm '" + text + "' (ssor, icc, gamg[:T], hypre[:T])");
  }
  if (colon == std::string::npos) {
    return arm;
  }
  if (arm.kind != "gamg" && arm.kind != "hypre") {
    throw UsageError("-pc_adasolve_portfolio: arm '" + arm.kind + "' takes no threshold, got '" + text + "'");
  }
  const std::string value = text.substr(colon + 1);
  std::size_t used = 0;
  double threshold = NAN;
  try {
    threshold = std::stod(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  // As adasolve-seq --portfolio: GAMG drops couplings below THRESHOLD (0 keeps all, negative keeps zeros
  // too); BoomerAMG's strong threshold is in (0, 1).
  const bool in_range =
      arm.kind == "gamg" ? (threshold >= -1.0 && threshold < 1.0) : (threshold > 0.0 && threshold < 1.0);
  if (value.empty() || used != value.size() || !in_range) {
    throw UsageError("-pc_adasolve_portfolio: the threshold of '" + text + "' must be a number in " +
                     (arm.kind == "gamg" ? "[-1, 1)" : "(0, 1)"));
  }
  arm.threshold = threshold;
  return arm;
}

}  // namespace

std::string PluginArm::name() const {
  if (!threshold) {
    return kind;
  }
  std::ostringstream out;
  out << kind << ':' << *threshold;
  return out.str();
}

std::string default_plugin_portfolio() { return "ssor,icc,hypre,gamg"; }

std::vector<PluginArm> parse_plugin_portfolio(const std::string& text) {
  std::vector<PluginArm> arms;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    PluginArm arm = parse_arm(item);
    const bool repeated =
        std::any_of(arms.begin(), arms.end(), [&](const PluginArm& a) { return a.name() == arm.name(); });
    if (repeated) {
      throw UsageError("-pc_adasolve_portfolio: arm '" + item + "' is listed twice");
    }
    arms.push_back(std::move(arm));
  }
  if (arms.empty() || text.back() == ',') {
    throw UsageError("-pc_adasolve_portfolio must be a comma list of arms, got '" + text + "'");
  }
  return arms;
}

ArmLearner::ArmLearner(std::vector<PluginArm> arms, sequence::RebuildRule rebuild,
                       const LearnerSettings& omega)
    : arms_(std::move(arms)),
      rebuild_(rebuild),
      learner_(
          (arms_.empty() ? throw UsageError("-pc_adasolve_portfolio: no arm can run here") : arms_.size()),
          bandit::ContextRange{}, bandit::PortfolioSettings{.bins = 1}),
      omega_(omega),
      per_arm_(arms_.size(), 0),
      built_at_(arms_.size(), -1) {}

ArmChoice ArmLearner::choose(double context, std::span<const bool> usable) {
  const bandit::PortfolioChoice choice = learner_.choose(context, usable);
  ArmChoice c{choice.arm, choice.rebuild, 1.0};
  if (usable[c.arm]) {  // the schedule, as adasolve-seq --rebuild (an arm without a setup is always built)
    switch (rebuild_.kind) {
      case sequence::RebuildRule::Kind::automatic:
        break;
      case sequence::RebuildRule::Kind::once:
        c.rebuild = false;
        break;
      case sequence::RebuildRule::Kind::every:
        c.rebuild = solves_ - built_at_[c.arm] >= rebuild_.period;
        break;
    }
  } else {
    c.rebuild = true;
  }
  if (arms_[c.arm].kind == "ssor") {
    c.omega = omega_.choose(context);
    c.rebuild = true;  // nothing to keep: the sweep reads the current operator
  }
  last_ = c;
  waiting_ = true;
  return c;
}

std::size_t ArmLearner::fallback_arm() const {
  std::vector<std::string> kinds;
  for (const auto& arm : arms_) {
    kinds.push_back(arm.kind);
  }
  return sequence::fallback_arm(kinds);
}

void ArmLearner::observe(double setup_seconds, double solve_seconds, int iterations, bool converged,
                         int max_iterations, std::optional<bandit::PortfolioRescue> rescue) {
  if (!waiting_) {
    throw UsageError("-pc_type adasolve: a solve was observed without a choice before it");
  }
  waiting_ = false;
  if (!converged && !rescue) {  // scaled up to the work of the cap, and at least doubled
    const double scale = std::max(2.0, static_cast<double>(max_iterations) / std::max(iterations, 1));
    solve_seconds *= scale;
  }
  learner_.observe({setup_seconds, solve_seconds, iterations, rescue});
  if (arms_[last_.arm].kind == "ssor") {
    omega_.observe(static_cast<double>(converged ? iterations : std::max(iterations, max_iterations)));
  }
  if (last_.rebuild) {
    built_at_[last_.arm] = solves_;
    ++rebuilds_;
  }
  if (rescue) {
    built_at_[rescue->arm] = solves_;
    ++rebuilds_;
    ++rescues_;
  }
  ++per_arm_[last_.arm];
  ++solves_;
}

nlohmann::json ArmLearner::to_json() const {
  nlohmann::json names = nlohmann::json::array();
  for (const auto& arm : arms_) {
    names.push_back(arm.name());
  }
  nlohmann::json j{{"kind", kStateKind},    {"portfolio", names},          {"rebuild", rebuild_.to_string()},
                   {"solves", solves_},     {"solves_per_arm", per_arm_},  {"built_at", built_at_},
                   {"rebuilds", rebuilds_}, {"learner", learner_.state()}, {"ssor", omega_.to_json()}};
  add_version_keys(j);
  return j;
}

void ArmLearner::restore(const nlohmann::json& j, const std::string& file) {
  try {
    if (!j.is_object() || j.value("kind", "") != kStateKind) {
      throw InputError(file + ": not a -pc_adasolve_solver auto state file");
    }
    if (j.at("portfolio") != to_json().at("portfolio")) {
      throw InputError(file + ": learned on the portfolio " + j.at("portfolio").dump() + ", not this run's " +
                       to_json().at("portfolio").dump());
    }
    if (j.at("rebuild").get<std::string>() != rebuild_.to_string()) {
      throw InputError(file + ": learned with -pc_adasolve_rebuild " + j.at("rebuild").get<std::string>() +
                       ", not " + rebuild_.to_string());
    }
    const auto per_arm = j.at("solves_per_arm").get<std::vector<long long>>();
    const auto built_at = j.at("built_at").get<std::vector<long long>>();
    const auto solves = j.at("solves").get<long long>();
    if (per_arm.size() != arms_.size() || built_at.size() != arms_.size() || solves < 0 ||
        std::any_of(per_arm.begin(), per_arm.end(), [](long long n) { return n < 0; })) {
      throw InputError(file + ": the per-arm tallies do not match the portfolio");
    }
    learner_.restore(j.at("learner"));
    omega_.restore(j.at("ssor"), file);
    per_arm_ = per_arm;
    // A setup does not survive the run: every arm is rebuilt before its first use in this one.
    built_at_.assign(arms_.size(), -1);
    rebuilds_ = j.at("rebuilds").get<long long>();
    solves_ = restored_ = solves;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file + ": malformed state (" + e.what() + ")");
  } catch (const UsageError& e) {
    throw InputError(file + ": " + e.what());
  }
}

}  // namespace adasolve::petsc_plugin
