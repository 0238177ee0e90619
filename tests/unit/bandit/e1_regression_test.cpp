// E1 regression (methods/relax.md 7.1, high variance, T = 2000): the learners must cut SOR's total cost
// well below Gauss-Seidel's. At T = 5000 the reference implementation reaches 19.5% (Tsallis-INF) and
// 11.0% (ChebCB) of omega = 1. A learner that does not learn already gets far: omega drawn uniformly from
// the grid reaches about 46% of Gauss-Seidel here. So the learners are held (a) below 60% of that
// uniform-random total, measured in the same run, and (b) to this build's reference totals (the run is
// seeded and deterministic) within 5%, which a learner that stops learning cannot meet.
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <random>

#include "adasolve/bandit/policy_settings.hpp"
#include "adasolve/linear/sor.hpp"
#include "adasolve/pde/shifted_laplacian.hpp"

using namespace adasolve;
using namespace adasolve::bandit;
using namespace adasolve::linear;

namespace {

/// The non-learner: omega uniformly from the policies' grid, whatever the costs (seeded).
class UniformRandomOmega final : public OmegaPolicy {
 public:
  std::string name() const override { return "uniform-random"; }
  double choose(std::span<const double>) override {
    return grid_[std::uniform_int_distribution<std::size_t>(0, grid_.size() - 1)(rng_)];
  }
  void observe(double) override {}
  nlohmann::json state() const override { return {}; }
  void restore(const nlohmann::json&) override {}

 private:
  std::vector<double> grid_ = OmegaGrid{}.values();
  std::mt19937_64 rng_{17};
};

}  // namespace

// Totals of the seeded run below as this implementation produces them (recorded 2026-12-07).
constexpr double kReferenceTsallisInf = 265011;
constexpr double kReferenceChebCb = 143147;

TEST_CASE(
    "E1 high variance, T = 2000: ChebCB and Tsallis-INF learn (below half of Gauss-Seidel, below 60% of "
    "uniform random, at their reference totals)",
    "[relax][e1]") {
  const int instances = 2000;
  const std::vector<std::string> methods{"omega=1", "uniform-random", "tsallis-inf", "chebcb",
                                         "zoom-descent"};
  std::map<std::string, std::unique_ptr<OmegaPolicy>> policies;
  std::map<std::string, double> totals;
  for (const auto& name : methods) {
    if (name == "uniform-random") {
      policies[name] = std::make_unique<UniformRandomOmega>();
      totals[name] = 0.0;
      continue;
    }
    OmegaPolicySettings s;
    s.policy = name == "omega=1" ? "fixed" : name;
    s.omega = 1.0;
    s.seed = 17;
    policies[name] = make_omega_policy(s);
    totals[name] = 0.0;
  }
  pde::ShiftedLaplacianSettings gen;
  gen.seed = 5;
  pde::ShiftedLaplacianGenerator generator(gen);
  SorSolver sor;
  std::vector<double> x;
  for (int t = 0; t < instances; ++t) {
    pde::ShiftedInstance instance = generator.next();
    sor.setup(std::make_shared<const CsrMatrix>(std::move(instance.matrix)));
    for (const auto& name : methods) {
      OmegaPolicy& policy = *policies[name];
      sor.set_omega(policy.choose(std::vector<double>{instance.shift}));
      x.assign(instance.rhs.size(), 0.0);
      const SolveReport report = sor.solve(instance.rhs, x);
      REQUIRE(report.converged());
      policy.observe(report.iterations);
      totals[name] += report.iterations;
    }
  }
  INFO("omega=1 " << totals["omega=1"] << ", uniform-random " << totals["uniform-random"] << ", tsallis-inf "
                  << totals["tsallis-inf"] << ", chebcb " << totals["chebcb"] << ", zoom-descent "
                  << totals["zoom-descent"]);
  CHECK(totals["omega=1"] / instances == Approx(616).epsilon(0.1));  // spec 9.2: GS ~ 616 per instance
  CHECK(totals["tsallis-inf"] < 0.5 * totals["omega=1"]);
  CHECK(totals["chebcb"] < 0.5 * totals["omega=1"]);
  // (a) Learning, not luck: well below the uniform-random total of the same instances.
  CHECK(totals["tsallis-inf"] < 0.6 * totals["uniform-random"]);
  CHECK(totals["chebcb"] < 0.6 * totals["uniform-random"]);
  CHECK(totals["zoom-descent"] < totals["chebcb"]);
  // (b) Reference totals of this seeded run (T = 2000, generator seed 5, policy seed 17), within 5%.
  CHECK(totals["tsallis-inf"] == Approx(kReferenceTsallisInf).epsilon(0.05));
  CHECK(totals["chebcb"] == Approx(kReferenceChebCb).epsilon(0.05));
}
