// PortfolioRunner: the per-instance protocol of the header, with the rebuild schedule and the fallback.
#include "adasolve/sequence/portfolio_runner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "adasolve/sequence/patience_watch.hpp"

namespace adasolve::sequence {

RebuildRule RebuildRule::parse(const std::string& text) {
  RebuildRule rule;
  if (text == "auto") {
    return rule;
  }
  if (text == "once") {
    rule.kind = Kind::once;
    return rule;
  }
  rule.kind = Kind::every;
  if (text == "every") {
    return rule;
  }
  const std::string prefix = "every:";
  if (text.rfind(prefix, 0) == 0) {
    const std::string digits = text.substr(prefix.size());
    if (!digits.empty() && digits.size() <= 9 &&
        digits.find_first_not_of("0123456789") == std::string::npos) {
      rule.period = std::stoi(digits);
      if (rule.period >= 1) {
        return rule;
      }
    }
  }
  throw UsageError("rebuild must be auto, every, once or every:K with K >= 1, got '" + text + "'");
}

std::string RebuildRule::to_string() const {
  switch (kind) {
    case Kind::automatic:
      return "auto";
    case Kind::once:
      return "once";
    case Kind::every:
      return period == 1 ? "every" : "every:" + std::to_string(period);
  }
  return "auto";
}

nlohmann::json to_json(const PortfolioRecord& r) {
  nlohmann::json j = to_json(r.instance);
  j["arm"] = r.arm;
  j["rebuilt"] = r.rebuilt;
  j["setup_seconds"] = r.setup_seconds;
  j["solve_seconds"] = r.solve_seconds;
  j["learner_seconds"] = r.learner_seconds;
  j["fallback"] = r.fallback.empty() ? nlohmann::json() : nlohmann::json(r.fallback);
  j["abandoned"] = r.abandoned;
  return j;
}

PortfolioRecord portfolio_record_from_json(const nlohmann::json& j) {
  PortfolioRecord r;
  r.instance = record_from_json(j);
  r.arm = j.at("arm").get<std::string>();
  r.rebuilt = j.at("rebuilt").get<bool>();
  r.setup_seconds = j.at("setup_seconds").get<double>();
  r.solve_seconds = j.at("solve_seconds").get<double>();
  r.learner_seconds = j.at("learner_seconds").get<double>();
  r.fallback = j.at("fallback").is_null() ? std::string() : j.at("fallback").get<std::string>();
  r.abandoned = j.value("abandoned", false);
  return r;
}

PortfolioRunner::PortfolioRunner(InstanceSource& source, std::vector<std::unique_ptr<SolverArm>> arms,
                                 bandit::PortfolioLearner& learner, bandit::OmegaPolicy* omega_policy,
                                 PortfolioRunnerSettings settings, Clock clock)
    : source_(source),
      arms_(std::move(arms)),
      learner_(learner),
      omega_policy_(omega_policy),
      settings_(std::move(settings)),
      clock_(std::move(clock)),
      context_(settings_.context, source),
      built_at_(arms_.size(), -1),
      last_omega_(arms_.size(), 1.0) {
  if (arms_.empty() || learner_.arms() != arms_.size()) {
    throw UsageError("PortfolioRunner: " + std::to_string(arms_.size()) + " arms for a learner of " +
                     std::to_string(learner_.arms()));
  }
  if (!settings_.prices.empty() && settings_.prices.size() != arms_.size()) {
    throw UsageError("PortfolioRunner: " + std::to_string(settings_.prices.size()) + " prices for " +
                     std::to_string(arms_.size()) + " arms");
  }
  if (settings_.fallback_arm >= arms_.size()) {
    throw UsageError("PortfolioRunner: no fallback arm " + std::to_string(settings_.fallback_arm));
  }
  if (!clock_) {
    clock_ = [] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    };
  }
}

std::vector<std::string> PortfolioRunner::arm_names() const {
  std::vector<std::string> names;
  for (const auto& arm : arms_) {
    names.push_back(arm->name());
  }
  return names;
}

bool PortfolioRunner::rebuild_by_rule(std::size_t arm, std::size_t instance, bool learner_says,
                                      bool usable) const {
  if (!usable) {
    return true;
  }
  switch (settings_.rebuild.kind) {
    case RebuildRule::Kind::automatic:
      return learner_says;
    case RebuildRule::Kind::once:
      return false;
    case RebuildRule::Kind::every: {
      const auto served = static_cast<long long>(instance) - built_at_[arm];
      return served >= settings_.rebuild.period;
    }
  }
  return true;
}

PortfolioRecord PortfolioRunner::step() {
  if (source_.done()) {
    throw UsageError("PortfolioRunner::step: the sequence is exhausted");
  }
  Instance instance = source_.next();
  const auto n = static_cast<std::size_t>(instance.matrix->rows());
  if (instance.rhs.size() != n) {
    const std::string where = instance.origin.empty() ? instance.name : instance.origin;
    throw InputError(where + ": right-hand side has " + std::to_string(instance.rhs.size()) +
                     " entries, the matrix has " + std::to_string(n) + " rows");
  }
  PortfolioRecord record;
  InstanceRecord& r = record.instance;
  r.index = instance.index;
  r.name = instance.name;
  r.context = context_.read(instance);
  r.omega = std::numeric_limits<double>::quiet_NaN();

  // The learner's turn (timed apart from the instance's cost).
  double learner_start = clock_();
  auto usable = std::make_unique<bool[]>(arms_.size());
  for (std::size_t a = 0; a < arms_.size(); ++a) {
    // Only a setup this runner built counts (not one left by a calibration or lost with a resume).
    usable[a] = built_at_[a] >= 0 && arms_[a]->can_reuse(*instance.matrix);
  }
  const bandit::PortfolioChoice choice =
      learner_.choose(r.context, std::span<const bool>(usable.get(), arms_.size()));
  SolverArm& arm = *arms_[choice.arm];
  const bool rebuild = rebuild_by_rule(choice.arm, instance.index, choice.rebuild, usable[choice.arm]);
  const double omega_start = clock_();
  if (arm.relaxes()) {
    r.omega = 1.0;
    if (omega_policy_ != nullptr) {
      const double c = r.context;
      omega_policy_->inspect(*instance.matrix);
      r.omega = omega_policy_->choose(std::span<const double>(&c, 1));
      r.choice_matvecs = omega_policy_->choice_overhead();
    }
  }
  // The omega policy's time is part of what the relaxing arm costs: the learner is charged it.
  double omega_seconds = clock_() - omega_start;
  record.learner_seconds = omega_start - learner_start;

  std::vector<double> x(n, 0.0);
  if (settings_.warm_start && previous_solution_.size() == n) {
    x = previous_solution_;
  }
  const std::vector<double> x0 = x;
  // An exploratory play may be abandoned (PortfolioChoice::patience). Not on several ranks: a measured
  // clock differs between them and every rank must stop the collective solve at the same iteration.
  const bool patient = std::isfinite(choice.patience) && choice.displaced < arms_.size() &&
                       choice.displaced != choice.arm && !settings_.agree;
  double start = clock_();
  double prepared = start;
  SolveReport report;
  int max_iters = 0;
  PatienceWatch watch;
  Baseline baseline = Baseline::rhs_norm;
  try {
    LinearSolver& solver = arm.prepare(instance.matrix, rebuild, r.omega);
    max_iters = solver.criteria().max_iters;
    baseline = solver.criteria().baseline;
    prepared = clock_();
    // The patience refers to `watch`, a local: it leaves the solver with this scope, even on a throw.
    struct PatienceScope {
      LinearSolver& solver;
      ~PatienceScope() { solver.set_patience({}); }
    } scope{solver};
    if (patient) {
      // Seconds the solve has cost after k iterations: measured, or priced under --cost model.
      const ArmPrice* price = settings_.prices.empty() ? nullptr : &settings_.prices[choice.arm];
      watch = PatienceWatch(choice.patience, max_iters, choice.first_play);
      solver.set_patience([this, &watch, price, prepared](const IterationEvent& e, double threshold) {
        const double spent = price != nullptr ? price->solve(e.iteration) : clock_() - prepared;
        return watch.keep_going(e.iteration, e.residual_norm, threshold, spent);
      });
    }
    report = solver.solve(instance.rhs, x);
  } catch (const InputError&) {
    // The arm cannot serve this matrix (an IC(0) pivot that is not positive, a zero diagonal): a failure
    // like any other, rescued by the fallback below.
    report = SolveReport{};
    report.reason = StopReason::breakdown;
    prepared = std::max(prepared, start);
  }
  const double solved = clock_();
  const bool abandoned = watch.abandoned() && !report.converged();
  if (rebuild) {
    built_at_[choice.arm] = static_cast<long long>(instance.index);
  }
  if (arm.relaxes()) {
    last_omega_[choice.arm] = r.omega;
  }
  record.arm = arm.name();
  record.rebuilt = rebuild;
  record.abandoned = abandoned;
  record.setup_seconds = prepared - start;
  record.solve_seconds = solved - prepared;
  const int iterations = report.iterations;
  if (!settings_.prices.empty()) {
    const ArmPrice& price = settings_.prices[choice.arm];
    record.setup_seconds = price.setup(rebuild);
    record.solve_seconds = price.solve(iterations);
  }
  // The chosen arm's own attempt, as the learner sees it (the rescue is reported apart).
  double attempt_setup = record.setup_seconds;
  double attempt_solve = record.solve_seconds;

  // A failed attempt is re-solved by the fallback arm, rebuilt, from the initial guess: the penalty, its
  // time is added. An abandoned one is finished by the arm it displaced, with its kept setup where it has
  // one, from the abandoned iterate (x is a valid iterate with a smaller residual; with a baseline of
  // ||r0|| only when x0 = 0, so that the threshold stays the one of the whole solve).
  std::optional<bandit::PortfolioRescue> rescue;
  const std::size_t rescuer_index = abandoned ? choice.displaced : settings_.fallback_arm;
  if (!report.converged() && rescuer_index != choice.arm) {
    SolverArm& rescuer_arm = *arms_[rescuer_index];
    const bool continued = abandoned && vec::all_finite(x) &&
                           (baseline == Baseline::rhs_norm ||
                            std::all_of(x0.begin(), x0.end(), [](double v) { return v == 0.0; }));
    if (!continued) {
      x = x0;
    }
    const bool rescue_rebuild =
        abandoned ? rebuild_by_rule(rescuer_index, instance.index, false, usable[rescuer_index]) : true;
    start = clock_();
    LinearSolver& rescuer = rescuer_arm.prepare(instance.matrix, rescue_rebuild,
                                                rescuer_arm.relaxes() ? last_omega_[rescuer_index] : 1.0);
    const double rescue_prepared = clock_();
    report = rescuer.solve(instance.rhs, x);
    rescue = bandit::PortfolioRescue{rescuer_index,     rescue_prepared - start, clock_() - rescue_prepared,
                                     report.iterations, rescue_rebuild,          continued};
    if (!settings_.prices.empty()) {
      const ArmPrice& price = settings_.prices[rescuer_index];
      rescue->setup_seconds = price.setup(rescue_rebuild);
      rescue->solve_seconds = price.solve(report.iterations);
    }
    record.solve_seconds += rescue->setup_seconds + rescue->solve_seconds;
    if (rescue_rebuild) {
      built_at_[rescuer_index] = static_cast<long long>(instance.index);
    }
    record.fallback = rescuer_arm.name();
  }
  // Iterations: the arm's, or the rescue's after a failure (the failed attempt is priced as max_iters in
  // r.cost), or both for an abandoned play (its work and the continuation's).
  r.iterations = record.fallback.empty() ? iterations
                 : abandoned             ? iterations + report.iterations
                                         : report.iterations;
  r.reason = report.reason;
  r.residual = report.relative_residual();
  r.cost = record.fallback.empty() ? instance_cost(report, max_iters)
           : abandoned             ? static_cast<double>(r.iterations)
                                   : static_cast<double>(max_iters);
  if (settings_.agree) {
    // Distributed runs: every rank's learner must see the same costs (the slowest rank's).
    record.setup_seconds = settings_.agree(record.setup_seconds);
    record.solve_seconds = settings_.agree(record.solve_seconds);
    attempt_setup = settings_.agree(attempt_setup);
    attempt_solve = settings_.agree(attempt_solve);
    if (rescue) {
      rescue->setup_seconds = settings_.agree(rescue->setup_seconds);
      rescue->solve_seconds = settings_.agree(rescue->solve_seconds);
    }
  }
  r.seconds = record.setup_seconds + record.solve_seconds;

  const double observe_start = clock_();
  if (arm.relaxes() && omega_policy_ != nullptr) {
    // The omega policy learns from the arm's own iterations (the cap when it failed).
    omega_policy_->observe(record.fallback.empty() ? r.cost
                           : abandoned             ? static_cast<double>(watch.projected())
                                                   : static_cast<double>(max_iters));
  }
  omega_seconds += clock_() - observe_start;
  if (!settings_.prices.empty()) {
    omega_seconds = 0.0;  // modelled costs: iterations only
  } else if (settings_.agree) {
    omega_seconds = settings_.agree(omega_seconds);
  }
  learner_start = clock_();
  learner_.observe(
      {attempt_setup, attempt_solve + omega_seconds, iterations, rescue, abandoned ? watch.projected() : 0});
  record.learner_seconds += omega_seconds + (clock_() - learner_start);
  if (!settings_.prices.empty()) {
    record.learner_seconds = 0.0;
  }

  source_.advance(x);
  previous_solution_ = std::move(x);
  return record;
}

std::size_t PortfolioRunner::run(const Observer& observer, const std::function<bool()>& stop) {
  std::size_t solved = 0;
  while (!source_.done() && !(stop && stop())) {
    const PortfolioRecord record = step();
    ++solved;
    if (observer) {
      observer(record);
    }
  }
  return solved;
}

nlohmann::json PortfolioRunner::checkpoint() const {
  return {{"position", source_.position()},
          {"source", source_.state()},
          {"learner", learner_.state()},
          {"omega_policy", omega_policy_ != nullptr ? omega_policy_->state() : nlohmann::json()},
          {"previous_solution", settings_.warm_start ? previous_solution_ : std::vector<double>{}},
          {"last_omega", last_omega_},
          {"prices", [this] {
             nlohmann::json list = nlohmann::json::array();
             for (const auto& p : settings_.prices) {
               list.push_back(to_json(p));
             }
             return list;
           }()}};
}

void PortfolioRunner::resume(const nlohmann::json& state) {
  try {
    source_.restore(state.at("source"));
    learner_.restore(state.at("learner"));
    if (omega_policy_ != nullptr) {
      omega_policy_->restore(state.at("omega_policy"));
    }
    previous_solution_ = state.at("previous_solution").get<std::vector<double>>();
    if (state.contains("last_omega")) {
      auto omegas = state.at("last_omega").get<std::vector<double>>();
      if (omegas.size() != arms_.size() ||
          !std::all_of(omegas.begin(), omegas.end(), [](double w) { return w > 0.0 && w < 2.0; })) {
        throw InputError("checkpoint: last_omega must hold one omega in (0, 2) for each of the " +
                         std::to_string(arms_.size()) + " arms");
      }
      last_omega_ = std::move(omegas);
    }
    const auto& prices = state.at("prices");
    if (prices.size() != settings_.prices.size()) {
      throw InputError("checkpoint: " + std::to_string(prices.size()) + " arm prices for a run with " +
                       std::to_string(settings_.prices.size()));
    }
    for (std::size_t a = 0; a < prices.size(); ++a) {
      ArmPrice& p = settings_.prices[a];
      if (prices[a].at("arm").get<std::string>() != p.arm) {
        throw InputError("checkpoint: priced arm " + prices[a].at("arm").dump() + " where this run has " +
                         p.arm);
      }
      p.setup_seconds = prices[a].at("setup_seconds").get<double>();
      p.reuse_seconds = prices[a].at("reuse_seconds").get<double>();
      p.seconds_per_iteration = prices[a].at("seconds_per_iteration").get<double>();
      if (!(p.setup_seconds >= 0.0 && p.reuse_seconds >= 0.0 && p.seconds_per_iteration >= 0.0) ||
          !std::isfinite(p.setup_seconds + p.reuse_seconds + p.seconds_per_iteration)) {
        throw InputError("checkpoint: a negative or non-finite price for arm " + p.arm);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw InputError(std::string("checkpoint: malformed portfolio state: ") + e.what());
  }
  if (source_.position() != state.at("position").get<std::size_t>()) {
    throw InputError("checkpoint: the sequence could not be positioned at instance " +
                     state.at("position").dump());
  }
  // Kept setups are not saved: every arm is rebuilt at its next use.
  std::fill(built_at_.begin(), built_at_.end(), -1);
}

}  // namespace adasolve::sequence
