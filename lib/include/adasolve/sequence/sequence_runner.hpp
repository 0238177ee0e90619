#pragma once
// SequenceRunner: the online protocol of methods/relax.md section 2 over an InstanceSource.
//
//   for each instance t:  c_t = context(instance)          (ContextReader: source, named or automatic)
//                         policy.inspect(A_t); omega_t = policy.choose(c_t)   (no policy: omega is NaN)
//                         solver = make_solver(omega_t) (kept while omega_t repeats); solver.setup(A_t)
//                         x0 = previous solution (warm start, when sizes agree) or 0
//                         report = solver.solve(b_t, x)
//                         policy.observe(cost_t);  source.advance(x)
//
// Cost fed back to the policy (and summed in the summary): the iteration count when the solve converged;
// otherwise the cap, stop.max_iters, whatever the reason (max_iterations, breakdown, indefinite, NaN). A
// failed solve therefore costs as much as the slowest possible one, so a learner is steered away from an
// omega that fails; the record keeps the true iteration count and the reason. Never an exception.
//
// The runner never prints: each finished instance is handed to an observer. It can stop between instances
// (a stop predicate, e.g. set by a signal handler) and be checkpointed: checkpoint() captures the source,
// policy (including its RNG) and warm-start state, and resume() on a runner built with the same settings
// continues with results identical to an uninterrupted run.
#include <cstddef>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/core/linear_solver.hpp"
#include "adasolve/core/stopping.hpp"
#include "adasolve/sequence/context.hpp"
#include "adasolve/sequence/instance_source.hpp"

namespace adasolve::sequence {

/// Builds the solver for one instance given omega (NaN when there is no policy).
using SolverFactory = std::function<std::unique_ptr<LinearSolver>(double omega)>;

/// What happened on one instance.
struct InstanceRecord {
  std::size_t index = 0;
  std::string name;
  double context = 0.0;   ///< the value the policy saw
  double omega = 0.0;     ///< NaN when the solver takes no omega
  int iterations = 0;     ///< as performed (may be below the cap on breakdown)
  double cost = 0.0;      ///< fed to the policy: iterations if converged, else stop.max_iters
  double residual = 0.0;  ///< final true relative residual ||b - A x|| / ||b||
  double seconds = 0.0;   ///< setup + solve wall-clock of this instance
  double choice_matvecs =
      0.0;  ///< extra work of the policy's choice (young's Lanczos steps), OmegaPolicy::choice_overhead
  StopReason reason = StopReason::max_iterations;
  bool converged() const { return is_converged(reason); }
};

nlohmann::json to_json(const InstanceRecord& record);
InstanceRecord record_from_json(const nlohmann::json& json);

struct RunnerSettings {
  ContextChoice context;
  bool warm_start = false;  ///< x0 = previous instance's solution (when the sizes agree), else x0 = 0
};

class SequenceRunner {
 public:
  /// source and policy (may be null) must outlive the runner.
  SequenceRunner(InstanceSource& source, SolverFactory make_solver, bandit::OmegaPolicy* policy,
                 RunnerSettings settings);

  using Observer = std::function<void(const InstanceRecord&)>;
  using StopPredicate = std::function<bool()>;

  /// Solves until the source is exhausted or `stop` returns true (checked before each instance).
  /// Returns the number of instances solved by this call.
  std::size_t run(const Observer& observer, const StopPredicate& stop = {});
  /// Solves exactly one instance (the source must not be done) and returns its record.
  InstanceRecord step();

  bool done() const { return source_.done(); }
  const ContextReader& context() const { return context_; }

  /// State to continue from (after the last finished instance) and its inverse.
  nlohmann::json checkpoint() const;
  void resume(const nlohmann::json& state);

 private:
  InstanceSource& source_;
  SolverFactory make_solver_;
  bandit::OmegaPolicy* policy_;
  RunnerSettings settings_;
  ContextReader context_;
  std::vector<double> previous_solution_;
  std::unique_ptr<LinearSolver> solver_;  ///< the last instance's solver, reused while omega repeats
  double solver_omega_ = 0.0;
};

/// The cost rule above, in one place.
double instance_cost(const SolveReport& report, int max_iters);

}  // namespace adasolve::sequence
