#pragma once
// The yardstick of --solver auto: every arm of the portfolio with every fixed rebuild schedule, each replayed
// over the whole sequence on its own (a one-arm runner with that schedule), and the cheapest in hindsight.
// Not a practical method: it costs |arms| x |schedules| runs. An arm that rebuilds at every instance
// whatever it is told (SolverArm::keeps_setups() false) is replayed once, with `every`.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/sequence/oracle.hpp"
#include "adasolve/sequence/portfolio_runner.hpp"

namespace adasolve::sequence {

/// The schedules of --oracle best-fixed with --solver auto: every:1, every:2, every:5, every:10, every:20,
/// once.
std::vector<RebuildRule> default_oracle_schedules();

struct FixedScheduleResult {
  std::string arm;
  std::string rebuild;  ///< RebuildRule::to_string()
  double total_seconds = 0.0;
  long long total_iterations = 0;
  std::size_t not_converged = 0;
  bool complete = true;  ///< false when `stop` ended the replay early
};

nlohmann::json to_json(const FixedScheduleResult& result);

struct FixedScheduleReplay {
  SourceFactory make_source;
  std::function<std::unique_ptr<SolverArm>(std::size_t arm)> make_arm;  ///< a fresh arm of the portfolio
  std::size_t arms = 0;
  /// A fresh omega policy for the arms that relax (may return null: omega 1).
  std::function<std::unique_ptr<bandit::OmegaPolicy>()> make_omega_policy;
  /// Context, warm start, agreement across ranks and prices (one per arm, in the arms' order, or none)
  /// as in the run; its rebuild rule and fallback are replaced.
  PortfolioRunnerSettings settings;
  std::vector<RebuildRule> schedules = default_oracle_schedules();
};

/// Every (arm, schedule) pair, in that order; `stop` (optional) is polled between instances: when it returns
/// true the replay returns what it has, the last result marked incomplete.
std::vector<FixedScheduleResult> replay_fixed_schedules(const FixedScheduleReplay& replay,
                                                        const std::function<bool()>& stop = {});

/// The complete result with the smallest total seconds among those that solved every instance (or, when
/// none did, among all complete results); nullopt when none is complete.
std::optional<FixedScheduleResult> cheapest(const std::vector<FixedScheduleResult>& results);

}  // namespace adasolve::sequence
