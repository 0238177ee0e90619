// PortfolioLearner: arm choice by horizon-aware lower bounds on amortised cost within one exploration budget,
// rebuilds by the renewal rule on priced iteration growth (see the header for the math).
#include "adasolve/bandit/portfolio_learner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "adasolve/core/error.hpp"

namespace adasolve::bandit {

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
  if (!(noise_floor >= 0.0 && noise_floor < 1.0)) {
    throw UsageError("portfolio.noise-floor must be in [0, 1), got " + std::to_string(noise_floor));
  }
  if (!(first_play_factor >= 1.0 && std::isfinite(first_play_factor))) {
    throw UsageError("portfolio.first-play-factor must be finite and >= 1, got " +
                     std::to_string(first_play_factor));
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
    arm.cost_sq.resize(static_cast<std::size_t>(settings_.bins));
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
  const double remaining = std::max(1.0, this->remaining());
  const double setup = arm.setup.value();
  const double growth = arm.growth.value();
  // P* = sqrt(2 S / g) minimises S / P + g (P - 1) / 2; without growth a setup serves to the end.
  if (!(growth > 0.0) || 2.0 * setup >= growth * remaining * remaining) {
    return remaining;
  }
  return std::max(1.0, std::sqrt(2.0 * setup / growth));
}

double PortfolioLearner::remaining() const {
  return size_ ? std::max(0.0, static_cast<double>(*size_) - static_cast<double>(t_))
               : static_cast<double>(settings_.horizon);
}

double PortfolioLearner::estimate(const Arm& arm, std::size_t bin) const {
  // The bin's mean, shrunk toward the arm's mean over every bin by a prior worth one observation (a sparse
  // bin borrows from the others; a well-observed one is hardly moved).
  const Mean& m = arm.cost[bin];
  return (m.sum + arm.cost_all.value()) / (m.weight + 1.0);
}

double PortfolioLearner::lower_bound(const Arm& arm, std::size_t bin) const {
  const Mean& m = arm.cost[bin];
  const double estimate = this->estimate(arm, bin);
  if (arm.censored) {
    return estimate;  // abandoned at twice the displaced arm's cost: a re-check is not worth its price
  }
  // The evidence: plays in the bin, plays elsewhere at half weight, never more than the mean's effective
  // sample size (1 + a) / (1 - a) for adaptation a: a mean that forgets cannot be surer than that.
  const double a = settings_.adaptation;
  const double cap = a < 1.0 ? (1.0 + a) / (1.0 - a) : std::numeric_limits<double>::infinity();
  const double evidence = std::clamp(arm.plays[bin] + 0.5 * (arm.plays_all - arm.plays[bin]), 1e-9, cap);
  // The noise: the spread of the arm's observations (in the bin when it has two, else over every bin),
  // never below `noise_floor` of the estimate; `exploration` of the estimate before a second observation.
  const Mean& sq = m.weight >= 2.0 ? arm.cost_sq[bin] : arm.cost_all_sq;
  const Mean& mean = m.weight >= 2.0 ? m : arm.cost_all;
  double spread = settings_.exploration * estimate;
  if (mean.weight >= 2.0) {
    spread = std::sqrt(std::max(0.0, sq.value() - mean.value() * mean.value()));
  }
  spread = std::max(spread, settings_.noise_floor * estimate);
  // MOSS's width with the remaining horizon: sqrt(log+(H / (K n)) / n). It vanishes once an arm has been
  // seen H / K times, so near the end of a sequence, or on a short one, the learner commits to the arm
  // that is cheapest so far instead of paying to confirm what can no longer pay back.
  const double ratio = remaining() / (static_cast<double>(arms_.size()) * evidence);
  const double width = ratio > 1.0 ? std::sqrt(std::log(ratio) / evidence) : 0.0;
  return estimate - spread * width;
}

std::size_t PortfolioLearner::cheapest_tried() const {
  std::size_t best = arms_.size();
  for (std::size_t a = 0; a < arms_.size(); ++a) {
    const Arm& arm = arms_[a];
    if (arm.count > 0.0 &&
        (best == arms_.size() || arm.total / arm.count < arms_[best].total / arms_[best].count)) {
      best = a;
    }
  }
  return best;
}

double PortfolioLearner::typical_cost() const {
  const std::size_t best = cheapest_tried();
  return best < arms_.size() ? arms_[best].total / arms_[best].count
                             : std::numeric_limits<double>::infinity();
}

double PortfolioLearner::budget_left(double* first_play_guess) const {
  const double best = typical_cost();
  if (!std::isfinite(best)) {
    *first_play_guess = 0.0;
    return std::numeric_limits<double>::infinity();  // nothing tried yet
  }
  double heaviest_setup = 0.0;  // the largest setup of a first play so far
  for (const Arm& arm : arms_) {
    if (arm.built_at >= 0) {
      heaviest_setup = std::max(heaviest_setup, arm.first_setup);
    }
  }
  *first_play_guess = settings_.first_play_factor * heaviest_setup;
  // The budget scales with the projected total at the cheapest arm's average cost so far (not its recent
  // estimate, which follows the noise of the last few solves).
  return settings_.exploration_budget * best * (static_cast<double>(t_) + remaining()) - explored_;
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
  double first_play_guess = 0.0;
  const double budget = budget_left(&first_play_guess);
  std::size_t best = arms_.size();
  std::size_t displaced = arms_.size();  // the arm an exploratory play displaces
  // An untried arm, in the order given, while the budget can pay for its first play. Its cost is unknown
  // until it is played: its excess over the best arm is guessed at `first_play_factor` times the largest
  // excess of a first play so far, and at least one instance of the best arm (the order puts the light
  // setups first; an AMG hierarchy for a small system measured 5 to 17 times what an incomplete factorisation
  // added, and one such overshoot would spend the whole budget).
  if (first_play_guess <= budget) {
    for (std::size_t a = 0; a < arms_.size() && best == arms_.size(); ++a) {
      if (arms_[a].built_at < 0) {
        best = a;
      }
    }
  }
  if (best == arms_.size()) {
    // Among the tried arms: `greedy` has the lowest estimate, `optimistic` the lowest lower bound. Playing
    // an optimistic arm that is not the greedy one is exploration, expected to cost the difference of
    // their estimates: it is charged against the same budget as the first plays, so that everything the
    // learner spends on finding out stays within `exploration_budget` of the projected total.
    std::size_t greedy = arms_.size();
    double lowest_estimate = std::numeric_limits<double>::infinity();
    double lowest_bound = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < arms_.size(); ++a) {
      if (arms_[a].built_at < 0) {
        continue;  // untried, and the budget does not allow trying it now
      }
      const double e = estimate(arms_[a], bin);
      if (e < lowest_estimate) {
        lowest_estimate = e;
        greedy = a;
      }
      const double bound = lower_bound(arms_[a], bin);
      if (bound < lowest_bound) {
        lowest_bound = bound;
        best = a;
      }
    }
    if (best != greedy && estimate(arms_[best], bin) - lowest_estimate > budget) {
      best = greedy;
    }
    exploring_ = best != greedy;
    baseline_ = lowest_estimate;
    displaced = greedy;
  } else {
    // A first play explores unless nothing has been played yet (some arm has to be).
    exploring_ = t_ > 0;
    baseline_ = typical_cost();
    displaced = cheapest_tried();
  }
  const Arm& arm = arms_[best];
  // The renewal rule: rebuild once the priced excess since the last rebuild has cost one setup.
  const bool rebuild = !usable[best] || arm.built_at < 0 || arm.excess >= arm.setup.value();
  last_ = {best, rebuild};
  last_.first_play = arm.built_at < 0;
  if (exploring_ && displaced < arms_.size() && std::isfinite(baseline_)) {
    last_.patience = baseline_;
    last_.displaced = displaced;
  }
  last_bin_ = bin;
  waiting_ = true;
  return last_;
}

void PortfolioLearner::record_play(std::size_t index, double setup_seconds, double solve_seconds,
                                   int iterations, bool rebuilt, bool failed, double extra) {
  const double keep = settings_.adaptation;
  Arm& arm = arms_[index];
  const std::size_t bin = last_bin_;
  const auto k = static_cast<double>(iterations);
  if (iterations > 0) {
    arm.price.add(solve_seconds / k, keep);
  }
  double y = solve_seconds;
  if (rebuilt) {
    arm.setup.add(setup_seconds, keep);
    if (!failed) {
      arm.k0[bin].add(k, keep);  // a failed solve says nothing about the iterations of a fresh setup
    }
    arm.excess = 0.0;
    if (arm.built_at < 0) {
      arm.first_play = setup_seconds + solve_seconds;
      arm.first_setup = setup_seconds;
    }
    arm.built_at = static_cast<long long>(t_);
    y += setup_seconds / amortisation_period(arm);
  } else {
    // Applying a kept setup is not free (copying the matrix into the arm's format): it recurs with every
    // reuse, so it counts in full.
    y += setup_seconds;
    if (!failed) {
      // e = tau * max(0, k - k0): the iterations the kept setup cost beyond a fresh one, in seconds.
      const double age = static_cast<double>(static_cast<long long>(t_) - arm.built_at);
      const double k0 = fresh_iterations(arm, bin);
      const double excess = std::isnan(k0) ? 0.0 : arm.price.value() * std::max(0.0, k - k0);
      arm.excess += excess;
      arm.growth.add(excess / std::max(age, 1.0), keep);
    }
  }
  y += extra;
  arm.cost[bin].add(y, keep);
  arm.cost_all.add(y, keep);
  arm.cost_sq[bin].add(y * y, keep);
  arm.cost_all_sq.add(y * y, keep);
  arm.plays[bin] += 1.0;
  arm.plays_all += 1.0;
  arm.total += setup_seconds + solve_seconds + extra;
  arm.count += 1.0;
  arm.censored = false;  // a completed play (observe marks an abandoned one afterwards)
}

void PortfolioLearner::observe(const PortfolioFeedback& feedback) {
  if (!waiting_) {
    throw UsageError("PortfolioLearner::observe without a choice");
  }
  const auto valid = [](double setup, double solve, int iterations) {
    return setup >= 0.0 && solve >= 0.0 && iterations >= 0 && std::isfinite(setup + solve);
  };
  if (!valid(feedback.setup_seconds, feedback.solve_seconds, feedback.iterations) ||
      (feedback.rescue &&
       !valid(feedback.rescue->setup_seconds, feedback.rescue->solve_seconds, feedback.rescue->iterations))) {
    throw UsageError("PortfolioLearner::observe: costs must be finite and nonnegative");
  }
  if (feedback.rescue && (feedback.rescue->arm >= arms_.size() || feedback.rescue->arm == last_.arm)) {
    throw UsageError("PortfolioLearner::observe: the rescuing arm must be another arm of the portfolio");
  }
  const bool abandoned = feedback.projected_iterations > 0;
  if (abandoned && (!std::isfinite(last_.patience) || feedback.projected_iterations < feedback.iterations)) {
    throw UsageError(
        "PortfolioLearner::observe: an abandoned play needs a patience and projected iterations >= its own");
  }
  waiting_ = false;
  const double attempt = feedback.setup_seconds + feedback.solve_seconds;
  const double rescue =
      feedback.rescue ? feedback.rescue->setup_seconds + feedback.rescue->solve_seconds : 0.0;
  spent_ += attempt + rescue;
  for (Arm& arm : arms_) {
    for (double& n : arm.plays) {
      n *= settings_.forgetting;
    }
    arm.plays_all *= settings_.forgetting;
  }
  if (abandoned) {
    // Patience ran out: the attempt and the continuation are what finding out cost, beyond the displaced
    // arm's estimate. The abandoned arm is recorded at its reported cost, its solve seconds scaled to the
    // reported iterations (the runner's projection, censored at about twice the displaced arm's cost),
    // and gets no optimism until a play of it completes.
    explored_ += attempt + rescue - baseline_;
    const double scale = feedback.iterations > 0 ? static_cast<double>(feedback.projected_iterations) /
                                                       static_cast<double>(feedback.iterations)
                                                 : 1.0;
    record_play(last_.arm, feedback.setup_seconds, feedback.solve_seconds * scale,
                feedback.projected_iterations, last_.rebuild, false, 0.0);
    arms_[last_.arm].censored = true;
    if (feedback.rescue) {
      const PortfolioRescue& r = *feedback.rescue;
      if (r.continued) {
        // Not a whole solve of its arm: only a renewed setup is noted (the renewal rule's clock restarts).
        if (r.rebuilt) {
          arms_[r.arm].built_at = static_cast<long long>(t_);
          arms_[r.arm].excess = 0.0;
        }
      } else {
        record_play(r.arm, r.setup_seconds, r.solve_seconds, r.iterations, r.rebuilt, false, 0.0);
      }
    }
    ++t_;
    return;
  }
  if (exploring_ && std::isfinite(baseline_)) {
    // What finding out cost beyond the arm it displaced. A failed play is charged its own attempt in full
    // (the instance still had to be solved); the rescue is the fallback arm's play, charged like a first
    // play when that arm was untried and not at all when it was known (then it only replaced the displaced
    // arm). Charging the whole rescue to the failed arm would spend the budget on an arm already dropped.
    explored_ += feedback.rescue
                     ? attempt + (arms_[feedback.rescue->arm].built_at < 0 ? rescue - baseline_ : 0.0)
                     : attempt - baseline_;
  }
  // Choosing the failed arm cost its attempt and the rescue: its estimate carries both, so it is not chosen
  // again while the arms that solve are cheaper. Its first play is its attempt alone: the rescue says nothing
  // about how heavy the next untried arm's setup is.
  record_play(last_.arm, feedback.setup_seconds, feedback.solve_seconds, feedback.iterations, last_.rebuild,
              feedback.rescue.has_value(), rescue);
  if (feedback.rescue) {
    record_play(feedback.rescue->arm, feedback.rescue->setup_seconds, feedback.rescue->solve_seconds,
                feedback.rescue->iterations, feedback.rescue->rebuilt, false, 0.0);
  }
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
    nlohmann::json cost_sq = nlohmann::json::array();
    for (std::size_t b = 0; b < arm.k0.size(); ++b) {
      k0.push_back(mean_json(arm.k0[b].weight, arm.k0[b].sum));
      cost.push_back(mean_json(arm.cost[b].weight, arm.cost[b].sum));
      cost_sq.push_back(mean_json(arm.cost_sq[b].weight, arm.cost_sq[b].sum));
    }
    arms.push_back({{"setup", mean_json(arm.setup.weight, arm.setup.sum)},
                    {"price", mean_json(arm.price.weight, arm.price.sum)},
                    {"growth", mean_json(arm.growth.weight, arm.growth.sum)},
                    {"cost_all", mean_json(arm.cost_all.weight, arm.cost_all.sum)},
                    {"cost_all_sq", mean_json(arm.cost_all_sq.weight, arm.cost_all_sq.sum)},
                    {"k0", k0},
                    {"cost", cost},
                    {"cost_sq", cost_sq},
                    {"first_play", arm.first_play},
                    {"first_setup", arm.first_setup},
                    {"total", arm.total},
                    {"count", arm.count},
                    {"plays", arm.plays},
                    {"plays_all", arm.plays_all},
                    {"excess", arm.excess},
                    {"built_at", arm.built_at},
                    {"censored", arm.censored}});
  }
  return {{"learner", "portfolio"}, {"bins", settings_.bins}, {"instances", t_},
          {"spent", spent_},        {"explored", explored_},  {"arms", arms}};
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
      arm.cost_all_sq = mean(j.at("cost_all_sq"));
      for (std::size_t b = 0; b < static_cast<std::size_t>(settings_.bins); ++b) {
        arm.k0.push_back(mean(j.at("k0").at(b)));
        arm.cost.push_back(mean(j.at("cost").at(b)));
        arm.cost_sq.push_back(mean(j.at("cost_sq").at(b)));
      }
      arm.first_play = j.at("first_play").get<double>();
      arm.first_setup = j.at("first_setup").get<double>();
      arm.total = j.at("total").get<double>();
      arm.count = j.at("count").get<double>();
      if (!(arm.first_play >= 0.0 && arm.first_setup >= 0.0 && arm.total >= 0.0 && arm.count >= 0.0) ||
          !std::isfinite(arm.first_play + arm.first_setup + arm.total + arm.count)) {
        throw UsageError("portfolio learner state: a negative or non-finite first play");
      }
      arm.plays = j.at("plays").get<std::vector<double>>();
      arm.plays_all = j.at("plays_all").get<double>();
      if (arm.plays.size() != arm.k0.size()) {
        throw UsageError("portfolio learner state: plays for " + std::to_string(arm.plays.size()) + " bins");
      }
      arm.excess = j.at("excess").get<double>();
      arm.built_at = j.at("built_at").get<long long>();
      arm.censored = j.value("censored", false);
    }
    arms_ = std::move(arms);
    t_ = state.at("instances").get<std::size_t>();
    spent_ = state.at("spent").get<double>();
    explored_ = state.at("explored").get<double>();
    if (!std::isfinite(explored_)) {
      throw UsageError("portfolio learner state: a non-finite exploration cost");
    }
    if (!(spent_ >= 0.0) || !std::isfinite(spent_)) {
      throw UsageError("portfolio learner state: a negative or non-finite total cost");
    }
    waiting_ = false;
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(std::string("portfolio learner state: ") + e.what());
  }
}

}  // namespace adasolve::bandit
