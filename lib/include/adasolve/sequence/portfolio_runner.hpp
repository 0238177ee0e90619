#pragma once
// PortfolioRunner: solves a sequence choosing, per instance, the arm (solver configuration) and whether to
// rebuild its setup, with a PortfolioLearner (bandit/portfolio_learner.hpp) or a fixed rebuild schedule.
//
//   for each instance t:  c_t = context(instance);  usable_a = arm a holds a setup it can apply to A_t
//                         (arm, rebuild) = learner.choose(c_t, usable)      (a fixed schedule overrides
//                         rebuild) omega_t = omega_policy.choose(c_t)               (arms that relax only)
//                         setup:  arm.prepare(A_t, rebuild, omega_t)        timed by the clock
//                         solve:  x = solver.solve(b_t, x0)                  timed by the clock
//                         failed? re-solve with the fallback arm (rebuilt); its time is charged too
//                         abandoned (an exploratory play past its patience, sequence/patience_watch.hpp)?
//                         finish with the displaced arm from the abandoned iterate; charged too
//                         learner.observe(setup, solve, iterations);  omega_policy.observe(iterations)
//
// Cost of an instance: setup seconds (including copying the matrix into the arm's format) plus solve seconds,
// and the fallback's when the chosen arm failed (the penalty). File reading is not timed. The learner's own
// time is recorded apart. The clock is injected (tests price work deterministically); by default it is
// std::chrono::steady_clock. Not converging is never an exception: an instance that no arm solved is
// counted in not_converged.
//
// Checkpoints hold the source, learner, omega policy and warm-start state, and the --cost model prices (a
// resumed run is priced as the run it continues); kept setups are not saved (they are rebuilt at their next
// use after a resume).
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/bandit/portfolio_learner.hpp"
#include "adasolve/sequence/arm_prices.hpp"
#include "adasolve/sequence/sequence_runner.hpp"
#include "adasolve/sequence/solver_arm.hpp"

namespace adasolve::sequence {

/// When to rebuild an arm's setup: learned (auto), at every instance, every K instances, or once.
struct RebuildRule {
  enum class Kind { automatic, every, once };
  Kind kind = Kind::automatic;
  int period = 1;  ///< every: rebuild when the setup has served `period` instances
  /// "auto" | "every" | "every:K" (K >= 1) | "once"; UsageError otherwise.
  static RebuildRule parse(const std::string& text);
  std::string to_string() const;
};

struct PortfolioRecord {
  InstanceRecord instance;  ///< context, omega (NaN unless the arm relaxes), iterations, residual, ...
  std::string arm;          ///< the arm chosen
  bool rebuilt = false;     ///< its setup was built from this instance's matrix
  double setup_seconds = 0.0;
  double solve_seconds = 0.0;    ///< including the fallback's setup and solve when the arm failed
  double learner_seconds = 0.0;  ///< the learner's and the omega policy's own time (the latter is charged
                                 ///< to the relaxing arm in what the learner observes)
  std::string
      fallback;  ///< the arm that re-solved a failed instance or finished an abandoned play ("": none)
  bool abandoned =
      false;  ///< the arm's solve was abandoned (its patience ran out) and `fallback` finished it
  double total_seconds() const { return setup_seconds + solve_seconds + learner_seconds; }
};

nlohmann::json to_json(const PortfolioRecord& record);
/// Inverse of to_json (nlohmann::json exceptions on missing or mistyped members).
PortfolioRecord portfolio_record_from_json(const nlohmann::json& json);

struct PortfolioRunnerSettings {
  ContextChoice context;
  bool warm_start = false;
  RebuildRule rebuild;
  std::size_t fallback_arm = 0;  ///< re-solves an instance the chosen arm failed (the most robust arm)
  /// Makes a measured cost the same on every MPI rank (max over ranks) before the learner sees it; none
  /// on one process.
  std::function<double(double)> agree;
  /// --cost model: when not empty (one price per arm, in the arms' order), an instance's setup and solve
  /// seconds are priced from its rebuild and iterations (sequence/arm_prices.hpp) instead of measured, and
  /// the learner's own time is not counted: the choices then depend on the iterations only.
  std::vector<ArmPrice> prices;
};

class PortfolioRunner {
 public:
  using Clock = std::function<double()>;  ///< seconds, monotonic
  using Observer = std::function<void(const PortfolioRecord&)>;

  /// source, learner and omega_policy (may be null: arms that relax then use omega 1) outlive the runner.
  /// learner.arms() must equal arms.size().
  PortfolioRunner(InstanceSource& source, std::vector<std::unique_ptr<SolverArm>> arms,
                  bandit::PortfolioLearner& learner, bandit::OmegaPolicy* omega_policy,
                  PortfolioRunnerSettings settings, Clock clock = {});

  PortfolioRecord step();
  std::size_t run(const Observer& observer, const std::function<bool()>& stop = {});
  bool done() const { return source_.done(); }
  const ContextReader& context() const { return context_; }
  std::vector<std::string> arm_names() const;

  nlohmann::json checkpoint() const;
  void resume(const nlohmann::json& state);

 private:
  bool rebuild_by_rule(std::size_t arm, std::size_t instance, bool learner_says, bool usable) const;

  InstanceSource& source_;
  std::vector<std::unique_ptr<SolverArm>> arms_;
  bandit::PortfolioLearner& learner_;
  bandit::OmegaPolicy* omega_policy_;
  PortfolioRunnerSettings settings_;
  Clock clock_;
  ContextReader context_;
  std::vector<double> previous_solution_;
  std::vector<long long> built_at_;  ///< per arm: instance of its last rebuild (-1: none)
  std::vector<double> last_omega_;   ///< per arm that relaxes: its last omega (a continuation's omega)
};

}  // namespace adasolve::sequence
