#include "plugin/petsc/omega_learner.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "adasolve/core/error.hpp"
#include "adasolve/core/omega.hpp"
#include "adasolve/core/version.hpp"
#include "adasolve/io/file_access.hpp"

namespace adasolve::petsc_plugin {

namespace {

constexpr const char* kStateKind = "adasolve-petsc-pc-state";

CostKind cost_from_string(const std::string& text, const std::string& file) {
  if (text == "iterations") {
    return CostKind::iterations;
  }
  if (text == "seconds") {
    return CostKind::seconds;
  }
  throw InputError(file + ": unknown cost '" + text + "'");
}

}  // namespace

std::vector<std::string> learner_policy_names() { return {"zoom-descent", "tsallis-inf", "fixed"}; }

const char* to_string(CostKind kind) { return kind == CostKind::iterations ? "iterations" : "seconds"; }

void LearnerSettings::validate() const {
  const auto names = learner_policy_names();
  if (std::find(names.begin(), names.end(), policy) == names.end()) {
    throw UsageError("-pc_adasolve_policy must be zoom-descent, tsallis-inf or fixed, got '" + policy + "'");
  }
  check_omega("-pc_adasolve_omega_min", omega_min);
  check_omega("-pc_adasolve_omega_max", omega_max);
  check_omega("-pc_adasolve_omega", omega);
  if (omega_min > omega_max) {
    throw UsageError("-pc_adasolve_omega_min must not exceed -pc_adasolve_omega_max");
  }
  if (omega_count < 1 || (omega_count == 1 && omega_min != omega_max)) {
    throw UsageError("-pc_adasolve_omega_count must be >= 1 (1 only with omega_min == omega_max)");
  }
}

OmegaLearner::OmegaLearner(const LearnerSettings& settings) : settings_(settings) {
  settings_.validate();
  bandit::OmegaPolicySettings p;
  p.policy = settings_.policy;
  p.omega = settings_.omega;
  p.seed = settings_.seed;
  p.grid.min = settings_.omega_min;
  p.grid.max = settings_.omega_max;
  p.grid.count = settings_.omega_count;
  policy_ = bandit::make_omega_policy(p);
  if (settings_.policy == "fixed") {
    arms_.push_back({settings_.omega, 0, 0.0});
  } else {
    for (double omega : p.grid.values()) {
      arms_.push_back({omega, 0, 0.0});
    }
  }
}

double OmegaLearner::choose(double context) {
  last_context_ = context;
  const double c[] = {context};
  last_omega_ =
      bandit::omega_policy_is_contextual(settings_.policy) ? policy_->choose(c) : policy_->choose({});
  return last_omega_;
}

ArmTally& OmegaLearner::tally_for(double omega) {
  auto it = std::min_element(arms_.begin(), arms_.end(), [omega](const ArmTally& a, const ArmTally& b) {
    return std::abs(a.omega - omega) < std::abs(b.omega - omega);
  });
  return *it;
}

void OmegaLearner::observe(double cost) {
  policy_->observe(cost);
  ArmTally& arm = tally_for(last_omega_);
  ++arm.solves;
  arm.total_cost += cost;
  ++solves_;
  last_cost_ = cost;
}

double OmegaLearner::best_omega() const {
  double best = 0, best_mean = std::numeric_limits<double>::infinity();
  for (const auto& arm : arms_) {
    if (arm.solves > 0 && arm.total_cost / static_cast<double>(arm.solves) < best_mean) {
      best_mean = arm.total_cost / static_cast<double>(arm.solves);
      best = arm.omega;
    }
  }
  return best;
}

nlohmann::json OmegaLearner::to_json() const {
  nlohmann::json arms = nlohmann::json::array();
  for (const auto& a : arms_) {
    arms.push_back({{"omega", a.omega}, {"solves", a.solves}, {"total_cost", a.total_cost}});
  }
  nlohmann::json j{{"kind", kStateKind},
                   {"policy", settings_.policy},
                   {"settings",
                    {{"omega_min", settings_.omega_min},
                     {"omega_max", settings_.omega_max},
                     {"omega_count", settings_.omega_count},
                     {"omega", settings_.omega},
                     {"cost", to_string(settings_.cost)}}},
                   {"solves", solves_},
                   {"arms", arms},
                   {"state", policy_->state()}};
  add_version_keys(j);
  return j;
}

void OmegaLearner::restore(const nlohmann::json& j, const std::string& file) {
  try {
    if (!j.is_object() || j.value("kind", "") != kStateKind) {
      throw InputError(file + ": not a -pc_type adasolve state file");
    }
    if (j.at("policy").get<std::string>() != settings_.policy) {
      throw InputError(file + ": holds the state of policy '" + j.at("policy").get<std::string>() +
                       "', not of -pc_adasolve_policy " + settings_.policy);
    }
    const auto& s = j.at("settings");
    if (cost_from_string(s.at("cost").get<std::string>(), file) != settings_.cost) {
      throw InputError(file + ": learned with -pc_adasolve_cost " + s.at("cost").get<std::string>() +
                       ", not " + to_string(settings_.cost));
    }
    const auto& arms = j.at("arms");
    if (arms.size() != arms_.size()) {
      throw InputError(file + ": learned on " + std::to_string(arms.size()) + " omega values, not " +
                       std::to_string(arms_.size()));
    }
    for (std::size_t k = 0; k < arms_.size(); ++k) {
      if (std::abs(arms[k].at("omega").get<double>() - arms_[k].omega) > 1e-12) {
        throw InputError(file + ": learned on another omega grid (value " + std::to_string(k + 1) + " is " +
                         arms[k].at("omega").dump() + ")");
      }
    }
    policy_->restore(j.at("state"));
    for (std::size_t k = 0; k < arms_.size(); ++k) {
      arms_[k].solves = arms[k].at("solves").get<long long>();
      arms_[k].total_cost = arms[k].at("total_cost").get<double>();
    }
    solves_ = restored_ = j.at("solves").get<long long>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file + ": malformed state (" + e.what() + ")");
  } catch (const UsageError& e) {
    throw InputError(file + ": " + e.what());
  }
}

nlohmann::json load_state(const std::string& file) {
  if (!std::filesystem::exists(file)) {
    return {};
  }
  std::ifstream in(file);
  if (!in) {
    throw InputError(file + ": cannot read the state file");
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file + ": not valid JSON (" + e.what() + ")");
  }
}

void save_state(const std::string& file, const nlohmann::json& state) {
  io::write_file_atomically(file, state.dump(1) + "\n");  // the old state or the new one, never half
}

}  // namespace adasolve::petsc_plugin
