#include "adasolve/sequence/sequence_runner.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/linear/pcg.hpp"
#include "adasolve/sequence/oracle.hpp"
#include "adasolve/sequence/sequence_summary.hpp"
#include "sequence_doubles.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::linear;
using namespace adasolve::sequence;
using adasolve::test::DiagonalSequence;
using adasolve::test::OmegaCostSolver;
using adasolve::test::RandomGridPolicy;

namespace {

SolverFactory omega_cost_solvers(StoppingCriteria stop = {}) {
  return [stop](double omega) { return std::make_unique<OmegaCostSolver>(omega, stop); };
}

std::vector<InstanceRecord> run_all(SequenceRunner& runner) {
  std::vector<InstanceRecord> records;
  runner.run([&](const InstanceRecord& r) { records.push_back(r); });
  return records;
}

const std::vector<double> kDiagonals{1.0, 1.5, 1.9, 1.2, 1.5, 1.0, 1.7, 1.3};

}  // namespace

TEST_CASE("CG on the Poisson sequence: one converged record per instance", "[sequence]") {
  auto source = make_poisson_sequence({12, 5, 7});
  SequenceRunner runner(*source, [](double) { return make_cg(); }, nullptr, {});
  const auto records = run_all(runner);
  REQUIRE(records.size() == 5);
  for (std::size_t i = 0; i < records.size(); ++i) {
    CHECK(records[i].index == i);
    CHECK(records[i].converged());
    CHECK(records[i].residual <= 1e-8);
    CHECK(records[i].iterations > 5);
    CHECK(records[i].cost == records[i].iterations);
    CHECK(std::isnan(records[i].omega));
  }
  CHECK(runner.done());
}

TEST_CASE("The policy sees the chosen context and learns from each cost", "[sequence]") {
  DiagonalSequence source(kDiagonals);
  RandomGridPolicy policy(3);
  SECTION("source context is the first name") {
    SequenceRunner runner(source, omega_cost_solvers(), &policy, {});
    CHECK(runner.context().name() == "d");
    const auto records = run_all(runner);
    REQUIRE(policy.costs.size() == kDiagonals.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
      CHECK(records[i].context == kDiagonals[i]);
      CHECK(records[i].iterations == 1 + std::lround(100 * std::abs(records[i].omega - kDiagonals[i])));
      CHECK(policy.costs[i] == records[i].cost);
    }
    CHECK(policy.contexts == std::vector<double>{kDiagonals.back()});
    // The source received each solution: x = b / d.
    CHECK(source.advanced == std::vector<double>(4, 1.0 / kDiagonals.back()));
  }
  SECTION("a named context") {
    SequenceRunner runner(source, omega_cost_solvers(), &policy, {ContextChoice::parse("twice"), false});
    const auto records = run_all(runner);
    CHECK(records[1].context == 3.0);
  }
  SECTION("automatic context is the diagonal excess, 1 for a diagonal matrix") {
    SequenceRunner runner(source, omega_cost_solvers(), &policy, {ContextChoice::parse("auto"), false});
    CHECK(runner.context().name() == kAutoContextName);
    CHECK(run_all(runner)[0].context == 1.0);
  }
  SECTION("an unknown context name is a usage error naming the available ones") {
    CHECK_THROWS_WITH(
        SequenceRunner(source, omega_cost_solvers(), &policy, {ContextChoice::parse("kappa"), false}),
        Catch::Contains("'kappa'") && Catch::Contains("d, twice"));
  }
}

TEST_CASE("An instance without the named context value names its origin", "[sequence]") {
  class MissingValue final : public sequence::InstanceSource {
   public:
    std::string description() const override { return "x"; }
    std::vector<std::string> context_names() const override { return {"kappa"}; }
    std::optional<std::size_t> size() const override { return 1; }
    std::size_t position() const override { return 0; }
    bool done() const override { return false; }
    Instance next() override {
      Instance i;
      i.origin = "seq.txt:4";
      i.matrix = std::make_shared<const CsrMatrix>(CsrMatrix::identity(2));
      i.rhs = {1, 1};
      i.context = {{"c", 1.0}};
      return i;
    }
    nlohmann::json state() const override { return {}; }
    void restore(const nlohmann::json&) override {}
  } source;
  SequenceRunner runner(source, [](double) { return make_cg(); }, nullptr,
                        {ContextChoice::parse("kappa"), false});
  CHECK_THROWS_AS(runner.step(), InputError);
  CHECK_THROWS_WITH(runner.step(), Catch::StartsWith("seq.txt:4: no context value 'kappa'"));
}

TEST_CASE("diagonal_excess of a shifted Laplacian is 1 - (mean off-diagonal mass) / (4 + c)", "[sequence]") {
  // 10 x 10 grid: 360 off-diagonal entries of -1 over 100 rows (3.6 per row), diagonal 4 + c.
  for (double c : {-0.15, 0.0, 0.45}) {
    CHECK(diagonal_excess(test::laplacian_2d(10, c)) == Approx(1.0 - 3.6 / (4.0 + c)).epsilon(1e-12));
  }
  CHECK(diagonal_excess(test::laplacian_2d(10, 0.0)) < diagonal_excess(test::laplacian_2d(10, 0.3)));
}

TEST_CASE("Non-convergence is a record with its reason and the capped cost, never an exception",
          "[sequence]") {
  DiagonalSequence source({1.0, 1.9});
  StoppingCriteria stop;
  stop.max_iters = 20;
  // omega = 1.0: instance 0 takes 1 iteration, instance 1 needs 91 > 20.
  auto fixed = [stop](double) { return std::make_unique<OmegaCostSolver>(1.0, stop); };
  SequenceRunner runner(source, fixed, nullptr, {});
  const auto records = run_all(runner);
  REQUIRE(records.size() == 2);
  CHECK(records[0].converged());
  CHECK(records[0].cost == 1);
  CHECK_FALSE(records[1].converged());
  CHECK(records[1].reason == StopReason::max_iterations);
  CHECK(records[1].iterations == 20);
  CHECK(records[1].cost == 20);
  const auto summary = summarize(records);
  CHECK(summary.not_converged == 1);
  CHECK(summary.total_cost == 21);
}

TEST_CASE("Warm start begins at the previous solution", "[sequence]") {
  // The same system twice: warm-started, the second solve starts at the solution (0 iterations).
  for (bool warm : {false, true}) {
    auto source = make_poisson_sequence({8, 2, 1});
    class Repeat final : public InstanceSource {
     public:
      explicit Repeat(std::unique_ptr<InstanceSource> inner) : first_(inner->next()) {}
      std::string description() const override { return "repeat"; }
      std::vector<std::string> context_names() const override { return {}; }
      std::optional<std::size_t> size() const override { return 2; }
      std::size_t position() const override { return n_; }
      bool done() const override { return n_ >= 2; }
      Instance next() override {
        Instance i = first_;
        i.index = n_++;
        return i;
      }
      nlohmann::json state() const override { return {}; }
      void restore(const nlohmann::json&) override {}

     private:
      Instance first_;
      std::size_t n_ = 0;
    } repeat(std::move(source));
    SequenceRunner runner(repeat, [](double) { return make_cg(); }, nullptr, {ContextChoice{}, warm});
    const auto records = run_all(runner);
    CHECK(records[0].iterations > 5);
    if (warm) {
      CHECK(records[1].iterations == 0);
    } else {
      CHECK(records[1].iterations == records[0].iterations);
    }
  }
}

TEST_CASE("Checkpoint and resume reproduce the uninterrupted run", "[sequence][checkpoint]") {
  auto run_uninterrupted = [] {
    DiagonalSequence source(kDiagonals);
    RandomGridPolicy policy(11);
    SequenceRunner runner(source, omega_cost_solvers(), &policy, {ContextChoice{}, true});
    return run_all(runner);
  };
  const auto reference = run_uninterrupted();

  nlohmann::json saved;
  std::vector<InstanceRecord> records;
  {
    DiagonalSequence source(kDiagonals);
    RandomGridPolicy policy(11);
    SequenceRunner runner(source, omega_cost_solvers(), &policy, {ContextChoice{}, true});
    runner.run([&](const InstanceRecord& r) { records.push_back(r); }, [&] { return records.size() == 3; });
    REQUIRE(records.size() == 3);
    // Through text, as the app stores it.
    saved = nlohmann::json::parse(runner.checkpoint().dump());
  }
  {
    DiagonalSequence source(kDiagonals);
    RandomGridPolicy policy(999);  // a different seed: the checkpoint must override it
    SequenceRunner runner(source, omega_cost_solvers(), &policy, {ContextChoice{}, true});
    runner.resume(saved);
    runner.run([&](const InstanceRecord& r) { records.push_back(r); });
  }
  REQUIRE(records.size() == reference.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    CHECK(records[i].index == reference[i].index);
    CHECK(records[i].omega == reference[i].omega);
    CHECK(records[i].iterations == reference[i].iterations);
    CHECK(records[i].residual == reference[i].residual);
  }
}

TEST_CASE("Records survive a JSON round trip, NaN omega included", "[sequence]") {
  InstanceRecord r;
  r.index = 7;
  r.name = "a,b";
  r.context = 0.1;
  r.omega = std::nan("");
  r.iterations = 12;
  r.cost = 12;
  r.residual = 3.3e-9;
  r.seconds = 0.5;
  r.reason = StopReason::breakdown;
  const auto back = record_from_json(nlohmann::json::parse(to_json(r).dump()));
  CHECK(back.index == 7);
  CHECK(back.name == "a,b");
  CHECK(std::isnan(back.omega));
  CHECK(back.residual == r.residual);
  CHECK(back.reason == StopReason::breakdown);
}

TEST_CASE("Summary means cover the first and last tenth", "[sequence]") {
  std::vector<InstanceRecord> records(25);
  for (std::size_t i = 0; i < records.size(); ++i) {
    records[i].iterations = static_cast<int>(100 - i);
    records[i].cost = records[i].iterations;
    records[i].reason = StopReason::converged_rtol;
  }
  const auto s = summarize(records);
  CHECK(s.tenth == 3);  // ceil(25 / 10)
  CHECK(s.mean_first_10pct == Approx(99.0));
  CHECK(s.mean_last_10pct == Approx(77.0));
  CHECK(s.total_iterations == 25 * 100 - 300);
}

TEST_CASE("Oracles: best fixed omega in hindsight and the per-instance grid optimum", "[sequence][oracle]") {
  const std::vector<double> diagonals{1.0, 1.5, 1.9};
  const std::vector<double> grid{1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9};
  auto make_source = [&] { return std::make_unique<DiagonalSequence>(diagonals); };
  const auto best = best_fixed_oracle(make_source, omega_cost_solvers(), grid, false);
  // Cost 1 + 100 |omega - d| summed over d = 1.0, 1.5, 1.9 is smallest at the median, omega = 1.5.
  REQUIRE(best.total.omega.has_value());
  CHECK(*best.total.omega == Approx(1.5));
  CHECK(best.total.total_cost == 51 + 1 + 41);
  CHECK(best.cumulative_cost == std::vector<double>{51, 52, 93});
  const auto per_instance = instance_grid_oracle(make_source, omega_cost_solvers(), grid, false);
  CHECK(per_instance.total.total_cost == 3);
}

TEST_CASE("Oracles stop early when asked, and say so", "[sequence][oracle]") {
  const std::vector<double> diagonals{1.0, 1.5, 1.9, 1.2};
  const std::vector<double> grid{1.0, 1.5};
  auto make_source = [&] { return std::make_unique<DiagonalSequence>(diagonals); };
  int polls = 0;
  auto stop_after_three = [&] { return ++polls > 3; };
  const auto per_instance =
      instance_grid_oracle(make_source, omega_cost_solvers(), grid, false, stop_after_three);
  CHECK_FALSE(per_instance.complete);
  CHECK(per_instance.cumulative_cost.size() == 3);
  polls = 0;
  CHECK_FALSE(best_fixed_oracle(make_source, omega_cost_solvers(), grid, false, stop_after_three).complete);
  CHECK(best_fixed_oracle(make_source, omega_cost_solvers(), grid, false).complete);
}
