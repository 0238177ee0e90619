// PortfolioRunner with real native arms on a real sequence, its time priced by an injected clock: each arm
// advances a virtual clock by its setup cost when it builds and by its price per iteration as it iterates,
// so costs are deterministic and the choices reproducible.
#include "adasolve/sequence/portfolio_runner.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "adasolve/core/error.hpp"
#include "adasolve/sequence/arm_prices.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "adasolve/sequence/portfolio_oracle.hpp"

using namespace adasolve;
using namespace adasolve::bandit;
using namespace adasolve::sequence;

namespace {

/// A real arm whose work advances `now`: `setup` seconds per build, `price` seconds per iteration.
class PricedArm final : public SolverArm {
 public:
  PricedArm(std::unique_ptr<SolverArm> inner, double& now, double setup, double price)
      : inner_(std::move(inner)), now_(now), setup_(setup), price_(price) {}
  std::string name() const override { return inner_->name(); }
  std::string unsuitable(const CsrMatrix& a) const override { return inner_->unsuitable(a); }
  bool can_reuse(const CsrMatrix& a) const override { return inner_->can_reuse(a); }
  bool keeps_setups() const override { return inner_->keeps_setups(); }
  bool relaxes() const override { return inner_->relaxes(); }
  LinearSolver& prepare(std::shared_ptr<const CsrMatrix> a, bool rebuild, double omega) override {
    if (rebuild || !inner_->can_reuse(*a)) {
      now_ += setup_;
      ++builds;
    }
    LinearSolver& solver = inner_->prepare(std::move(a), rebuild, omega);
    if (!monitored_) {
      solver.add_monitor([this](const IterationEvent& e) { now_ += e.iteration > 0 ? price_ : 0.0; });
      monitored_ = true;
    }
    return solver;
  }
  int builds = 0;

 private:
  std::unique_ptr<SolverArm> inner_;
  double& now_;
  double setup_;
  double price_;
  bool monitored_ = false;
};

/// The E2 heat equation on a 20 x 20 grid: SPD, its matrices drift with kappa (the context, in [0, 10]).
std::unique_ptr<InstanceSource> heat(int steps) {
  HeatSequenceSettings s;
  s.nx = 20;
  s.steps = steps;
  return make_heat_sequence(s);
}

struct Run {
  std::vector<PortfolioRecord> records;
  std::map<std::string, int> arm_counts;
  double total = 0.0;
};

/// Runs `count` heat steps with ssor-pcg (arm 0) and ic0-pcg (arm 1) priced as given.
Run run_heat(std::size_t count, double ssor_price, double ic0_price, const std::string& rebuild,
             std::size_t stop_after = 0, nlohmann::json* saved = nullptr,
             const nlohmann::json* resume = nullptr) {
  double now = 0.0;
  StoppingCriteria stop;
  std::vector<std::unique_ptr<SolverArm>> arms;
  arms.push_back(std::make_unique<PricedArm>(make_ssor_pcg_arm(stop), now, 1e-4, ssor_price));
  arms.push_back(std::make_unique<PricedArm>(make_ic0_pcg_arm(stop), now, 5e-3, ic0_price));
  auto source = heat(static_cast<int>(count));
  PortfolioLearner learner(arms.size(), {0.0, 10.0}, PortfolioSettings{}, count);
  PortfolioRunnerSettings settings;
  settings.rebuild = RebuildRule::parse(rebuild);
  settings.fallback_arm = 1;
  PortfolioRunner runner(*source, std::move(arms), learner, nullptr, settings, [&now] { return now; });
  if (resume != nullptr) {
    runner.resume(*resume);
  }
  Run out;
  runner.run(
      [&](const PortfolioRecord& r) {
        out.records.push_back(r);
        ++out.arm_counts[r.arm];
        out.total += r.total_seconds();
      },
      [&] { return stop_after > 0 && out.records.size() >= stop_after; });
  if (saved != nullptr) {
    *saved = runner.checkpoint();
  }
  return out;
}

}  // namespace

TEST_CASE("portfolio runner: picks the arm that is cheaper in seconds, whichever it is",
          "[sequence][portfolio]") {
  // SSOR-PCG (omega 1 here) takes more iterations than IC(0)-PCG on the heat steps; per iteration it is
  // priced 1 ms against 0.5 ms (IC(0) cheaper overall) or 1 ms against 20 ms (SSOR cheaper overall).
  const Run ic0_cheaper = run_heat(60, 1e-3, 0.5e-3, "auto");
  const Run ssor_cheaper = run_heat(60, 1e-3, 20e-3, "auto");
  CHECK(ic0_cheaper.arm_counts.at("ic0-pcg") >= 50);
  CHECK(ssor_cheaper.arm_counts.at("ssor-pcg") >= 50);
  for (const Run* run : {&ic0_cheaper, &ssor_cheaper}) {
    for (const auto& r : run->records) {
      CHECK(r.instance.converged());
      CHECK(r.fallback.empty() != r.abandoned);  // no failures; an abandoned play is finished by another arm
      CHECK(r.total_seconds() > 0.0);
      CHECK((r.arm == "ssor-pcg") == std::isfinite(r.instance.omega));  // omega only where it applies
    }
  }
}

TEST_CASE(
    "portfolio runner: a first play dear for its iterations is abandoned and finished by the arm it "
    "displaced, from its iterate",
    "[sequence][portfolio][patience]") {
  // IC(0)-PCG at 20 ms per iteration against SSOR-PCG at 1 ms: its first play (instance 1) would cost its
  // whole solve; with patience it costs at most one SSOR instance before SSOR-PCG takes over from where it
  // stopped, and IC(0) is not played again.
  const Run run = run_heat(60, 1e-3, 20e-3, "auto");
  REQUIRE(run.records.size() == 60);
  const PortfolioRecord& ssor = run.records[0];
  const PortfolioRecord& explored = run.records[1];
  CHECK(ssor.arm == "ssor-pcg");
  CHECK(explored.arm == "ic0-pcg");
  CHECK(explored.abandoned);
  CHECK(explored.fallback == "ssor-pcg");
  CHECK(explored.instance.converged());
  // A whole IC(0) solve of such a step takes about 20 iterations (0.4 s); abandoned, the attempt costs at
  // most one SSOR instance plus an iteration, and the continuation less than a fresh SSOR solve.
  CHECK(explored.total_seconds() < 2.2 * ssor.total_seconds() + 5e-3 + 20e-3);
  CHECK(run.arm_counts.at("ic0-pcg") == 1);
  int abandoned = 0;
  for (const auto& r : run.records) {
    abandoned += r.abandoned ? 1 : 0;
  }
  CHECK(abandoned == 1);

  // Where IC(0) is the cheaper arm its first play is not abandoned, and it is the arm played.
  const Run kept = run_heat(60, 1e-3, 0.5e-3, "auto");
  CHECK_FALSE(kept.records[1].abandoned);
  CHECK(kept.records[1].fallback.empty());
}

TEST_CASE("portfolio runner: fixed rebuild schedules", "[sequence][portfolio]") {
  for (const auto& [rule, builds] :
       std::vector<std::pair<std::string, int>>{{"once", 1}, {"every", 20}, {"every:5", 4}}) {
    INFO(rule);
    double now = 0.0;
    auto arm = std::make_unique<PricedArm>(make_ic0_pcg_arm({}), now, 1e-3, 1e-3);
    PricedArm* priced = arm.get();
    std::vector<std::unique_ptr<SolverArm>> arms;
    arms.push_back(std::move(arm));
    auto source = heat(20);
    PortfolioLearner learner(1, {0.0, 10.0}, PortfolioSettings{}, 20);
    PortfolioRunnerSettings settings;
    settings.rebuild = RebuildRule::parse(rule);
    PortfolioRunner runner(*source, std::move(arms), learner, nullptr, settings, [&now] { return now; });
    int rebuilt = 0;
    runner.run([&](const PortfolioRecord& r) {
      rebuilt += r.rebuilt ? 1 : 0;
      CHECK(r.instance.converged());
    });
    CHECK(rebuilt == builds);
    CHECK(priced->builds == builds);
  }
  CHECK(RebuildRule::parse("every:3").to_string() == "every:3");
  CHECK_THROWS_WITH(RebuildRule::parse("every:0"),
                    "rebuild must be auto, every, once or every:K with K >= 1, got 'every:0'");
  CHECK_THROWS_AS(RebuildRule::parse("sometimes"), UsageError);
}

TEST_CASE("portfolio runner: a failed solve is charged and re-solved by the fallback arm",
          "[sequence][portfolio]") {
  double now = 0.0;
  StoppingCriteria starved;
  starved.max_iters = 2;  // SSOR-PCG cannot converge in 2 iterations on a 2D Poisson system
  std::vector<std::unique_ptr<SolverArm>> arms;
  arms.push_back(std::make_unique<PricedArm>(make_ssor_pcg_arm(starved), now, 1e-4, 1e-3));
  arms.push_back(std::make_unique<PricedArm>(make_ic0_pcg_arm({}), now, 1e-3, 1e-3));
  PoissonSequenceSettings poisson;
  poisson.m = 16;
  poisson.count = 3;
  auto source = make_poisson_sequence(poisson);
  PortfolioLearner learner(arms.size(), {0.0, 10.0}, PortfolioSettings{}, 3);
  PortfolioRunnerSettings settings;
  settings.fallback_arm = 1;
  PortfolioRunner runner(*source, std::move(arms), learner, nullptr, settings, [&now] { return now; });
  const PortfolioRecord first = runner.step();  // every arm once, in order: ssor-pcg first
  CHECK(first.arm == "ssor-pcg");
  CHECK(first.fallback == "ic0-pcg");
  CHECK(first.instance.converged());
  CHECK(first.instance.cost == 2.0);         // the failed arm's cap, for the omega policy
  CHECK(first.solve_seconds > 2e-3 + 1e-3);  // the failed attempt plus the fallback's build and solve
}

TEST_CASE("portfolio runner: a resumed run makes the same choices", "[sequence][portfolio]") {
  const Run whole = run_heat(40, 1e-3, 3e-3, "auto");
  nlohmann::json saved;
  const Run first_part = run_heat(40, 1e-3, 3e-3, "auto", 15, &saved);
  REQUIRE(first_part.records.size() == 15);
  const nlohmann::json state = nlohmann::json::parse(saved.dump());
  const Run second_part = run_heat(40, 1e-3, 3e-3, "auto", 0, nullptr, &state);
  REQUIRE(second_part.records.size() == 25);
  for (std::size_t i = 0; i < 25; ++i) {
    CHECK(second_part.records[i].arm == whole.records[15 + i].arm);
    CHECK(second_part.records[i].instance.iterations == whole.records[15 + i].instance.iterations);
  }
}

TEST_CASE("portfolio runner: --cost model prices each instance from its rebuild and iterations",
          "[sequence][portfolio]") {
  // Calibration on the first heat system with the virtual clock: the prices are the PricedArm's own.
  double now = 0.0;
  std::vector<std::unique_ptr<SolverArm>> arms;
  arms.push_back(std::make_unique<PricedArm>(make_ssor_pcg_arm({}), now, 1e-4, 1e-3));
  arms.push_back(std::make_unique<PricedArm>(make_ic0_pcg_arm({}), now, 5e-3, 2e-3));
  auto probe = heat(30);
  const Instance first = probe->next();
  PriceCalibration calibration;
  calibration.clock = [&now] { return now; };
  const auto prices = calibrate_prices(arms, first, calibration);
  REQUIRE(prices.size() == 2);
  CHECK(prices[0].arm == "ssor-pcg");
  CHECK(prices[0].setup_seconds == Approx(1e-4));
  CHECK(prices[0].reuse_seconds == Approx(1e-4));  // it always rebuilds
  CHECK(prices[0].seconds_per_iteration == Approx(1e-3));
  CHECK(prices[1].setup_seconds == Approx(5e-3));
  CHECK(prices[1].reuse_seconds == Approx(0.0));
  CHECK(prices[1].seconds_per_iteration == Approx(2e-3));
  CHECK(to_json(prices[1]).at("seconds_per_iteration").get<double>() == Approx(2e-3));

  // The run: the arms still hold the calibration's setups, which must not pass for the run's own.
  auto source = heat(30);
  PortfolioSettings try_every_arm;  // so that IC(0) is played too, whatever its first play costs
  try_every_arm.exploration_budget = INFINITY;
  PortfolioLearner learner(arms.size(), {0.0, 10.0}, try_every_arm, 30);
  PortfolioRunnerSettings settings;
  settings.prices = prices;
  settings.rebuild = RebuildRule::parse("once");
  settings.fallback_arm = 1;
  now = 100.0;  // a clock that moves must not matter any more
  PortfolioRunner runner(*source, std::move(arms), learner, nullptr, settings, [&now] { return now += 0.5; });
  std::map<std::string, int> built;
  runner.run([&](const PortfolioRecord& r) {
    const ArmPrice& price = r.arm == "ssor-pcg" ? prices[0] : prices[1];
    CHECK(r.setup_seconds == Approx(price.setup(r.rebuilt)));
    CHECK(r.solve_seconds == Approx(price.solve(r.instance.iterations)));
    CHECK(r.learner_seconds == 0.0);
    if (r.arm == "ic0-pcg" && built[r.arm]++ == 0) {
      CHECK(r.rebuilt);  // its first use builds (and pays for) its setup
    }
  });
  CHECK(built.count("ic0-pcg") == 1);

  PortfolioRunnerSettings wrong = settings;
  wrong.prices.pop_back();
  auto again = heat(3);
  std::vector<std::unique_ptr<SolverArm>> two;
  two.push_back(make_ssor_pcg_arm({}));
  two.push_back(make_ic0_pcg_arm({}));
  PortfolioLearner learner2(2, {0.0, 10.0}, PortfolioSettings{}, 3);
  CHECK_THROWS_AS(PortfolioRunner(*again, std::move(two), learner2, nullptr, wrong), UsageError);
}

TEST_CASE("portfolio oracle: every arm with every fixed schedule, and the cheapest in hindsight",
          "[sequence][portfolio]") {
  double now = 0.0;
  FixedScheduleReplay replay;
  replay.make_source = [] { return heat(40); };
  replay.arms = 2;
  // IC(0) is expensive to build (50 ms) and cheap to iterate: with its factor reused the sequence is
  // cheapest; rebuilt at every step it is the dearest way.
  replay.make_arm = [&now](std::size_t a) -> std::unique_ptr<SolverArm> {
    if (a == 0) {
      return std::make_unique<PricedArm>(make_ssor_pcg_arm({}), now, 1e-4, 1e-3);
    }
    return std::make_unique<PricedArm>(make_ic0_pcg_arm({}), now, 50e-3, 0.2e-3);
  };
  replay.settings.rebuild = RebuildRule::parse("auto");  // replaced by each schedule
  // The runner's clock is the virtual one: make_arm's PricedArms advance `now`.
  const auto results = [&] {
    // replay_fixed_schedules uses the steady clock unless prices are given: price from the virtual clock.
    PriceCalibration calibration;
    calibration.clock = [&now] { return now; };
    std::vector<std::unique_ptr<SolverArm>> arms;
    arms.push_back(replay.make_arm(0));
    arms.push_back(replay.make_arm(1));
    auto source = heat(1);
    replay.settings.prices = calibrate_prices(arms, source->next(), calibration);
    return replay_fixed_schedules(replay);
  }();
  // ssor-pcg rebuilds every time whatever the schedule: replayed once; ic0-pcg with all six schedules.
  REQUIRE(results.size() == 7);
  CHECK(results[0].arm == "ssor-pcg");
  CHECK(results[0].rebuild == "every");
  std::map<std::string, double> ic0;
  for (std::size_t i = 1; i < results.size(); ++i) {
    CHECK(results[i].arm == "ic0-pcg");
    CHECK(results[i].complete);
    CHECK(results[i].not_converged == 0);
    ic0[results[i].rebuild] = results[i].total_seconds;
  }
  CHECK(ic0.at("every") > ic0.at("every:2"));
  CHECK(ic0.at("every:2") > ic0.at("every:20"));
  // once pays one build (50 ms) where every pays 40; the reused factor costs iterations, not that much.
  CHECK(ic0.at("once") < ic0.at("every") - 30 * 50e-3);
  const auto best = cheapest(results);
  REQUIRE(best);
  for (const auto& r : results) {
    CHECK(best->total_seconds <= r.total_seconds);
  }
  CHECK(best->arm == "ic0-pcg");

  // An interrupted replay stops at once, its last result incomplete; cheapest() ignores it.
  int polls = 0;
  const auto cut = replay_fixed_schedules(replay, [&polls] { return ++polls > 50; });
  REQUIRE_FALSE(cut.empty());
  CHECK_FALSE(cut.back().complete);
  CHECK(cut.size() == 2);
}

TEST_CASE("portfolio runner: an arm that fails on the first system is not priced", "[sequence][portfolio]") {
  // [[1, 2], [2, 1]]: IC(0)'s second pivot is 1 - 4 < 0, so its setup throws; SSOR-PCG builds and runs.
  const std::vector<Triplet> entries{{0, 0, 1.0}, {0, 1, 2.0}, {1, 0, 2.0}, {1, 1, 1.0}};
  Instance first;
  first.name = "indefinite";
  first.matrix = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(2, 2, entries));
  first.rhs = {1.0, 1.0};
  std::vector<std::unique_ptr<SolverArm>> arms;
  arms.push_back(make_ssor_pcg_arm({}));
  arms.push_back(make_ic0_pcg_arm({}));
  const auto prices = calibrate_prices(arms, first);
  REQUIRE(prices.size() == 2);
  CHECK(prices[0].failure.empty());
  CHECK(prices[1].arm == "ic0-pcg");
  CHECK_THAT(prices[1].failure, Catch::Contains("nonpositive pivot"));
}

TEST_CASE("the fallback arm is BoomerAMG, else GAMG, else the first arm", "[sequence][portfolio]") {
  CHECK(sequence::fallback_arm({"ssor-pcg", "gamg", "ic0-pcg", "hypre"}) == 3);
  CHECK(sequence::fallback_arm({"ssor-pcg", "ic0-pcg", "gamg"}) == 2);
  CHECK(sequence::fallback_arm({"ssor", "icc", "gamg", "hypre"}) == 3);  // the plugin's kinds
  CHECK(sequence::fallback_arm({"ic0-pcg", "ssor-pcg"}) == 0);
}
