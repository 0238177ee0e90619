#include "adasolve/sequence/sequence_runner.hpp"

#include <cmath>
#include <limits>

#include "adasolve/core/error.hpp"

namespace adasolve::sequence {

namespace {

StopReason parse_reason(const std::string& text) {
  for (StopReason r :
       {StopReason::converged_rtol, StopReason::converged_atol, StopReason::max_iterations,
        StopReason::breakdown, StopReason::indefinite, StopReason::nan_or_inf, StopReason::stagnation}) {
    if (to_string(r) == text) {
      return r;
    }
  }
  throw InputError("unknown stop reason '" + text + "' in a saved record");
}

// JSON has no NaN: a missing omega or context is written as null.
nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }
// A count held in a double (a cost is an iteration count or the cap) is written as a JSON integer.
long long whole(double v) { return std::llround(v); }
double number_or_nan(const nlohmann::json& j) {
  return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

nlohmann::json to_json(const InstanceRecord& r) {
  return {{"index", r.index},
          {"name", r.name},
          {"context", number_or_null(r.context)},
          {"omega", number_or_null(r.omega)},
          {"iterations", r.iterations},
          {"cost", whole(r.cost)},
          {"residual", number_or_null(r.residual)},
          {"seconds", r.seconds},
          {"choice_matvecs", whole(r.choice_matvecs)},
          {"reason", to_string(r.reason)},
          {"converged", r.converged()}};
}

InstanceRecord record_from_json(const nlohmann::json& j) {
  InstanceRecord r;
  r.index = j.at("index").get<std::size_t>();
  r.name = j.at("name").get<std::string>();
  r.context = number_or_nan(j.at("context"));
  r.omega = number_or_nan(j.at("omega"));
  r.iterations = j.at("iterations").get<int>();
  r.cost = j.at("cost").get<double>();
  r.residual = number_or_nan(j.at("residual"));
  r.seconds = j.at("seconds").get<double>();
  r.choice_matvecs = j.value("choice_matvecs", 0.0);
  r.reason = parse_reason(j.at("reason").get<std::string>());
  return r;
}

double instance_cost(const SolveReport& report, int max_iters) {
  return report.converged() ? static_cast<double>(report.iterations) : static_cast<double>(max_iters);
}

SequenceRunner::SequenceRunner(InstanceSource& source, SolverFactory make_solver, bandit::OmegaPolicy* policy,
                               RunnerSettings settings)
    : source_(source),
      make_solver_(std::move(make_solver)),
      policy_(policy),
      settings_(std::move(settings)),
      context_(settings_.context, source) {
  if (!make_solver_) {
    throw UsageError("SequenceRunner: no solver factory");
  }
}

InstanceRecord SequenceRunner::step() {
  if (source_.done()) {
    throw UsageError("SequenceRunner::step: the sequence is exhausted");
  }
  Instance instance = source_.next();
  InstanceRecord record;
  record.index = instance.index;
  record.name = instance.name;
  record.context = context_.read(instance);

  const double context_value = record.context;
  record.omega = std::numeric_limits<double>::quiet_NaN();
  if (policy_ != nullptr) {
    policy_->inspect(*instance.matrix);
    record.omega = policy_->choose(std::span<const double>(&context_value, 1));
    record.choice_matvecs = policy_->choice_overhead();
  }

  // One solver object for as long as omega does not change: its setup(A_t) then replaces the operator in
  // place, so a backend that can keep a preconditioner across operators does (PETSc's
  // -ksp_reuse_preconditioner), and otherwise it is rebuilt exactly as a new solver would be.
  const bool same_omega =
      solver_ && (solver_omega_ == record.omega || (std::isnan(solver_omega_) && std::isnan(record.omega)));
  if (!same_omega) {
    solver_ = make_solver_(record.omega);
    solver_omega_ = record.omega;
  }
  LinearSolver* solver = solver_.get();
  const std::string where = instance.origin.empty() ? instance.name : instance.origin;
  try {
    solver->setup(instance.matrix);
  } catch (const InputError& e) {
    // "sor: zero diagonal in row 1" must say which of a thousand instances: prefix where it came from.
    throw InputError(where + ": " + e.what());
  }
  const std::size_t n = static_cast<std::size_t>(instance.matrix->rows());
  if (instance.rhs.size() != n) {
    throw InputError(where + ": right-hand side has " + std::to_string(instance.rhs.size()) +
                     " entries, the matrix has " + std::to_string(n) + " rows");
  }
  // x0: the previous solution when warm-starting and the sizes agree, else 0.
  std::vector<double> x(n, 0.0);
  if (settings_.warm_start && previous_solution_.size() == n) {
    x = previous_solution_;
  }
  SolveReport report;
  try {
    report = solver->solve(instance.rhs, x);
  } catch (const InputError& e) {
    throw InputError(where + ": " + e.what());
  }

  record.iterations = report.iterations;
  record.reason = report.reason;
  record.residual = report.relative_residual();
  record.cost = instance_cost(report, solver->criteria().max_iters);
  record.seconds = report.setup_seconds + report.solve_seconds;
  if (policy_ != nullptr) {
    policy_->observe(record.cost);
  }
  source_.advance(x);
  previous_solution_ = std::move(x);
  return record;
}

std::size_t SequenceRunner::run(const Observer& observer, const StopPredicate& stop) {
  std::size_t solved = 0;
  while (!source_.done() && !(stop && stop())) {
    const InstanceRecord record = step();
    ++solved;
    if (observer) {
      observer(record);
    }
  }
  return solved;
}

nlohmann::json SequenceRunner::checkpoint() const {
  nlohmann::json state;
  state["position"] = source_.position();
  state["source"] = source_.state();
  state["policy"] = policy_ != nullptr ? policy_->state() : nlohmann::json();
  state["previous_solution"] = settings_.warm_start ? previous_solution_ : std::vector<double>{};
  return state;
}

void SequenceRunner::resume(const nlohmann::json& state) {
  try {
    source_.restore(state.at("source"));
    if (policy_ != nullptr) {
      policy_->restore(state.at("policy"));
    }
    previous_solution_ = state.at("previous_solution").get<std::vector<double>>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("checkpoint: malformed state: ") + e.what());
  }
  if (source_.position() != state.at("position").get<std::size_t>()) {
    throw InputError("checkpoint: the sequence could not be positioned at instance " +
                     state.at("position").dump());
  }
}

}  // namespace adasolve::sequence
