// --oracle best-fixed for --solver auto: every (arm, fixed rebuild schedule) replayed on its own.
#include "adasolve/sequence/portfolio_oracle.hpp"

#include "adasolve/core/error.hpp"

namespace adasolve::sequence {

std::vector<RebuildRule> default_oracle_schedules() {
  std::vector<RebuildRule> rules;
  for (const char* text : {"every:1", "every:2", "every:5", "every:10", "every:20", "once"}) {
    rules.push_back(RebuildRule::parse(text));
  }
  return rules;
}

nlohmann::json to_json(const FixedScheduleResult& r) {
  return {{"arm", r.arm},
          {"rebuild", r.rebuild},
          {"total_seconds", r.total_seconds},
          {"total_iterations", r.total_iterations},
          {"not_converged", r.not_converged},
          {"complete", r.complete}};
}

namespace {

/// One arm with one schedule over the whole sequence.
FixedScheduleResult replay_one(const FixedScheduleReplay& replay, std::size_t arm_index,
                               const RebuildRule& rule, const std::function<bool()>& stop) {
  auto source = replay.make_source();
  std::vector<std::unique_ptr<SolverArm>> arms;
  arms.push_back(replay.make_arm(arm_index));
  bandit::PortfolioSettings one_bin;
  one_bin.bins = 1;
  bandit::PortfolioLearner learner(1, bandit::ContextRange{0.0, 1.0}, one_bin, source->size());
  auto omega_policy = replay.make_omega_policy ? replay.make_omega_policy() : nullptr;
  PortfolioRunnerSettings settings = replay.settings;
  settings.rebuild = rule;
  settings.fallback_arm = 0;  // a failure stays a failure: it is this schedule's cost
  if (!replay.settings.prices.empty()) {
    settings.prices = {replay.settings.prices.at(arm_index)};
  }
  PortfolioRunner runner(*source, std::move(arms), learner, omega_policy.get(), settings);
  FixedScheduleResult result;
  result.arm = runner.arm_names().front();
  result.rebuild = rule.to_string();
  runner.run(
      [&](const PortfolioRecord& r) {
        result.total_seconds += r.total_seconds();
        result.total_iterations += r.instance.iterations;
        result.not_converged += r.instance.converged() ? 0 : 1;
      },
      stop);
  result.complete = runner.done();
  return result;
}

}  // namespace

std::vector<FixedScheduleResult> replay_fixed_schedules(const FixedScheduleReplay& replay,
                                                        const std::function<bool()>& stop) {
  if (!replay.make_source || !replay.make_arm || replay.arms == 0 || replay.schedules.empty()) {
    throw UsageError("replay_fixed_schedules: needs a source, at least one arm and one schedule");
  }
  std::vector<FixedScheduleResult> results;
  for (std::size_t a = 0; a < replay.arms; ++a) {
    const bool keeps_setups = replay.make_arm(a)->keeps_setups();
    for (const RebuildRule& rule : replay.schedules) {
      const bool every_instance = rule.kind == RebuildRule::Kind::every && rule.period == 1;
      if (!keeps_setups && !every_instance) {
        continue;  // it rebuilds every time whatever the schedule says
      }
      results.push_back(replay_one(replay, a, rule, stop));
      if (!results.back().complete) {
        return results;
      }
    }
  }
  return results;
}

std::optional<FixedScheduleResult> cheapest(const std::vector<FixedScheduleResult>& results) {
  std::optional<FixedScheduleResult> best;
  bool best_solved_all = false;
  for (const auto& r : results) {
    if (!r.complete) {
      continue;
    }
    const bool solved_all = r.not_converged == 0;
    if (!best || (solved_all && !best_solved_all) ||
        (solved_all == best_solved_all && r.total_seconds < best->total_seconds)) {
      best = r;
      best_solved_all = solved_all;
    }
  }
  return best;
}

}  // namespace adasolve::sequence
