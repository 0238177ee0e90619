// PortfolioLearner: arm choice by discounted lower confidence bounds on amortised cost, rebuilds by the
// renewal rule on priced iteration growth (see the header for the math).
#include "adasolve/bandit/portfolio_learner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "adasolve/core/error.hpp"

namespace adasolve {

void PortfolioSettings::validate() const {
  if (bins < 1 || bins > 1000) {
    throw UsageError("portfolio.bins must be in 1..1000, got " + std::to_string(bins));
  }
  if (!(adaptation > 0.0 && adaptation <= 1.0)) {
    throw UsageError("portfolio.adaptation must be in (0, 1], got " + std::to_string(adaptation));
  }
  if (!(forgetting > 0.0 && forgetting <= 1.0)) {
    throw UsageError("portfolio.forgetting must be in (0, 1], got " + std::to_string(forgetting));
  }
  if (!(exploration >= 0.0 && exploration < 1.0)) {
    throw UsageError("portfolio.exploration must be in [0, 1), got " + std::to_string(exploration));
  }
  if (horizon < 1) {
    throw UsageError("portfolio.horizon must be >= 1");
  }
  if (!(exploration_budget >= 0.0)) {
    throw UsageError("portfolio.exploration-budget must be >= 0 (inf: try every arm first), got " +
                     std::to_string(exploration_budget));
  }
}

PortfolioLearner::PortfolioLearner(std::size_t arms, ContextRange range, PortfolioSettings settings,
                                   std::optional<std::size_t> size)
    : range_(range), settings_(settings), size_(size) {
  settings_.validate();
  if (settings_.bins > 1) {
    range_.validate();
  }
  if (arms == 0) {
    throw UsageError("a solver portfolio needs at least one arm");
  }
  arms_.resize(arms);
  for (Arm& arm : arms_) {
    arm.k0.resize(static_cast<std::size_t>(settings_.bins));
    arm.cost.resize(static_cast<std::size_t>(settings_.bins));
    arm.plays.resize(static_cast<std::size_t>(settings_.bins), 0.0);
  }
}

std::size_t PortfolioLearner::bin_of(double context) const {
  if (settings_.bins == 1 || !std::isfinite(context)) {
    return 0;
  }
  const double u = (context - range_.min) / (range_.max - range_.min);
  const auto bins = static_cast<double>(settings_.bins);
  return static_cast<std::size_t>(std::clamp(std::floor(u * bins), 0.0, bins - 1.0));
}

double PortfolioLearner::fresh_iterations(const Arm& arm, std::size_t bin) const {
  if (arm.k0[bin].weight > 0.0) {
    return arm.k0[bin].value();
  }
  // No fresh solve in this bin yet: the arm's fresh solves in every bin.
  Mean all;
  for (const Mean& m : arm.k0) {
    all.weight += m.weight;
    all.sum += m.sum;
  }
  return all.weight > 0.0 ? all.value() : std::numeric_limits<double>::quiet_NaN();
}

double PortfolioLearner::amortisation_period(const Arm& arm) const {
  const double remaining =
      size_ ? std::max(1.0, static_cast<double>(*size_) - static_cast<double>(t_)) : static_cast<double>(settings_.horizon);
  const double setup = arm.setup.value();
  const double growth = arm.growth.value();
  // P* = sqrt(2 S / g) minimises S / P + g (P - 1) / 2; without growth a setup serves to the end.
  if (!(growth > 0.0) || 2.0 * setup >= growth * remaining * remaining) {
    return remaining;
  }
  return std::max(1.0, std::sqrt(2.0 * setup / growth));
}

double PortfolioLearner::lower_bound(const Arm& arm, std::size_t bin) const {
  const bool in_bin = arm.cost[bin].weight > 0.0;
  const double estimate = in_bin ? arm.cost[bin].value() : arm.cost_all.value();
  const double evidence = in_bin ? arm.plays[bin] : arm.plays_all;
  return estimate * (1.0 - settings_.exploration / std::sqrt(std::max(evidence, 1e-12)));
}

bool PortfolioLearner::may_try_another_arm() const {
  double best = std::numeric_limits<double>::infinity();
  for (const Arm& arm : arms_) {
    if (arm.built_at >= 0) {
      best = std::min(best, arm.cost_all.value());
    }
  }
  if (!std::isfinite(best)) {
    return true;  // nothing tried yet
  }
  const double done = static_cast<double>(t_);
  const double remaining =
      size_ ? std::max(0.0, static_cast<double>(*size_) - done) : static_cast<double>(settings_.horizon);
  const double overhead = spent_ - best * done;  // what the run cost beyond its best tried arm
  return overhead <= settings_.exploration_budget * best * (done + remaining);
}

PortfolioChoice PortfolioLearner::choose(double context, std::span<const bool> usable) {
  if (usable.size() != arms_.size()) {
    throw UsageError("PortfolioLearner::choose: " + std::to_string(usable.size()) + " usable flags for " +
                     std::to_string(arms_.size()) + " arms");
  }
  if (waiting_) {
    throw UsageError("PortfolioLearner::choose called twice without observe");
  }
  const std::size_t bin = bin_of(context);
  std::size_t best = arms_.size();
  if (may_try_another_arm()) {
    for (std::size_t a = 0; a < arms_.size() && best == arms_.size(); ++a) {
      if (arms_[a].built_at < 0) {
        best = a;  // the next untried arm, in the order given
      }
    }
  }
  if (best == arms_.size()) {
    double lowest = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < arms_.size(); ++a) {
      if (arms_[a].built_at < 0) {
        continue;  // untried, and the budget does not allow trying it now
      }
      const double bound = lower_bound(arms_[a], bin);
      if (bound < lowest) {
        lowest = bound;
        best = a;
      }
    }
  }
  const Arm& arm = arms_[best];
  // The renewal rule: rebuild once the priced excess since the last rebuild has cost one setup.
  const bool rebuild = !usable[best] || arm.built_at < 0 || arm.excess >= arm.setup.value();
  last_ = {best, rebuild};
  last_bin_ = bin;
  waiting_ = true;
  return last_;
}

void PortfolioLearner::observe(const PortfolioFeedback& feedback) {
  if (!waiting_) {
    throw UsageError("PortfolioLearner::observe without a choice");
  }
  if (!(feedback.setup_seconds >= 0.0 && feedback.solve_seconds >= 0.0) || feedback.iterations < 0 ||
      !std::isfinite(feedback.setup_seconds + feedback.solve_seconds)) {
    throw UsageError("PortfolioLearner::observe: costs must be finite and nonnegative");
  }
  waiting_ = false;
  spent_ += feedback.setup_seconds + feedback.solve_seconds;
  for (Arm& arm : arms_) {
    for (double& n : arm.plays) {
      n *= settings_.forgetting;
    }
    arm.plays_all *= settings_.forgetting;
  }
  const double keep = settings_.adaptation;
  Arm& arm = arms_[last_.arm];
  const std::size_t bin = last_bin_;
  const auto k = static_cast<double>(feedback.iterations);
  if (feedback.iterations > 0) {
    arm.price.add(feedback.solve_seconds / k, keep);
  }
  double y = feedback.solve_seconds;
  if (last_.rebuild) {
    arm.setup.add(feedback.setup_seconds, keep);
    arm.k0[bin].add(k, keep);
    arm.excess = 0.0;
    arm.built_at = static_cast<long long>(t_);
    y += feedback.setup_seconds / amortisation_period(arm);
  } else {
    // Applying a kept setup is not free (copying the matrix into the arm's format): it recurs with every
    // reuse, so it counts in full.
    y += feedback.setup_seconds;
    // e = tau * max(0, k - k0): the iterations the kept setup cost beyond a fresh one, in seconds.
    const double age = static_cast<double>(static_cast<long long>(t_) - arm.built_at);
    const double k0 = fresh_iterations(arm, bin);
    const double excess = std::isnan(k0) ? 0.0 : arm.price.value() * std::max(0.0, k - k0);
    arm.excess += excess;
    arm.growth.add(excess / std::max(age, 1.0), keep);
  }
  arm.cost[bin].add(y, keep);
  arm.cost_all.add(y, keep);
  arm.plays[bin] += 1.0;
  arm.plays_all += 1.0;
  ++t_;
}

namespace {

nlohmann::json mean_json(double weight, double sum) { return nlohmann::json::array({weight, sum}); }

}  // namespace

nlohmann::json PortfolioLearner::state() const {
  nlohmann::json arms = nlohmann::json::array();
  for (const Arm& arm : arms_) {
    nlohmann::json k0 = nlohmann::json::array();
    nlohmann::json cost = nlohmann::json::array();
    for (std::size_t b = 0; b < arm.k0.size(); ++b) {
      k0.push_back(mean_json(arm.k0[b].weight, arm.k0[b].sum));
      cost.push_back(mean_json(arm.cost[b].weight, arm.cost[b].sum));
    }
    arms.push_back({{"setup", mean_json(arm.setup.weight, arm.setup.sum)},
                    {"price", mean_json(arm.price.weight, arm.price.sum)},
                    {"growth", mean_json(arm.growth.weight, arm.growth.sum)},
                    {"cost_all", mean_json(arm.cost_all.weight, arm.cost_all.sum)},
                    {"k0", k0},
                    {"cost", cost},
                    {"plays", arm.plays},
                    {"plays_all", arm.plays_all},
                    {"excess", arm.excess},
                    {"built_at", arm.built_at}});
  }
  return {{"learner", "portfolio"}, {"bins", settings_.bins}, {"instances", t_}, {"spent", spent_}, {"arms", arms}};
}

void PortfolioLearner::restore(const nlohmann::json& state) {
  auto mean = [](const nlohmann::json& j) {
    Mean m;
    m.weight = j.at(0).get<double>();
    m.sum = j.at(1).get<double>();
    if (!(m.weight >= 0.0) || !std::isfinite(m.sum)) {
      throw UsageError("portfolio learner state: a negative or non-finite estimate");
    }
    return m;
  };
  try {
    if (state.at("learner") != "portfolio" || state.at("bins").get<int>() != settings_.bins ||
        state.at("arms").size() != arms_.size()) {
      throw UsageError("the portfolio learner state was saved with other arms or context bins");
    }
    std::vector<Arm> arms(arms_.size());
    for (std::size_t a = 0; a < arms.size(); ++a) {
      const auto& j = state.at("arms").at(a);
      Arm& arm = arms[a];
      arm.setup = mean(j.at("setup"));
      arm.price = mean(j.at("price"));
      arm.growth = mean(j.at("growth"));
      arm.cost_all = mean(j.at("cost_all"));
      for (std::size_t b = 0; b < static_cast<std::size_t>(settings_.bins); ++b) {
        arm.k0.push_back(mean(j.at("k0").at(b)));
        arm.cost.push_back(mean(j.at("cost").at(b)));
      }
      arm.plays = j.at("plays").get<std::vector<double>>();
      arm.plays_all = j.at("plays_all").get<double>();
      if (arm.plays.size() != arm.k0.size()) {
        throw UsageError("portfolio learner state: plays for " + std::to_string(arm.plays.size()) + " bins");
      }
      arm.excess = j.at("excess").get<double>();
      arm.built_at = j.at("built_at").get<long long>();
    }
    arms_ = std::move(arms);
    t_ = state.at("instances").get<std::size_t>();
    spent_ = state.at("spent").get<double>();
    if (!(spent_ >= 0.0) || !std::isfinite(spent_)) {
      throw UsageError("portfolio learner state: a negative or non-finite total cost");
    }
    waiting_ = false;
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(std::string("portfolio learner state: ") + e.what());
  }
}

}  // namespace adasolve
