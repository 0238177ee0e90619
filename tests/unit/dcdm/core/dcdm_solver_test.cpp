// The DCDM loop with classical direction generators: CG equivalence (the oracle of spec section 9.2),
// flexible PCG behaviour, settings validation and failure reporting.
#include "adasolve/dcdm/dcdm_solver.hpp"

#include <catch2/catch.hpp>

#include "adasolve/core/error.hpp"
#include "adasolve/linear/ic0_preconditioner.hpp"
#include "adasolve/linear/pcg.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::linear;

namespace {

std::vector<double> iterate_after(LinearSolver& solver, const std::vector<double>& b, int iterations) {
  StoppingCriteria stop;
  stop.rtol = 1e-15;
  stop.max_iters = iterations;
  solver.set_criteria(stop);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport report = solver.solve(b, x);
  REQUIRE(report.iterations == iterations);
  return x;
}

/// Tridiagonal 1D Laplacian (2, -1): IC(0) of it is its exact Cholesky factor.
CsrMatrix laplacian_1d(Index n) {
  std::vector<Triplet> t;
  for (Index i = 0; i < n; ++i) {
    t.push_back({i, i, 2.0});
    if (i > 0) {
      t.push_back({i, i - 1, -1.0});
    }
    if (i + 1 < n) {
      t.push_back({i, i + 1, -1.0});
    }
  }
  return CsrMatrix::from_triplets(n, n, t);
}

}  // namespace

TEST_CASE("dcdm with the identity generator reproduces CG's iterates", "[dcdm]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(20, 0.01));
  const auto b = test::gaussian_vector(a->rows(), 11);
  const int kept = GENERATE(1, 2, 3);
  auto cg = make_cg();
  cg->setup(a);
  dcdm::DcdmSettings settings;
  settings.kept_directions = kept;
  dcdm::DcdmSolver dcdm_solver(dcdm::make_identity_direction(), settings);
  dcdm_solver.setup(a);
  for (int it = 1; it <= 20; ++it) {
    const auto x_cg = iterate_after(*cg, b, it);
    const auto x_dcdm = iterate_after(dcdm_solver, b, it);
    INFO("kept directions " << kept << ", iteration " << it);
    CHECK(test::relative_difference(x_dcdm, x_cg) < 1e-10);
  }
}

TEST_CASE("dcdm with a recurrence residual between true residuals still ends on a true residual", "[dcdm]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(16));
  const auto b = test::gaussian_vector(a->rows(), 3);
  dcdm::DcdmSettings settings;
  settings.residual_period = 5;
  StoppingCriteria stop;
  stop.rtol = 1e-8;
  dcdm::DcdmSolver solver(dcdm::make_identity_direction(), settings, stop);
  solver.setup(a);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport report = solver.solve(b, x);
  REQUIRE(report.converged());
  CHECK(report.final_residual <= report.threshold);
  CHECK(report.parameters.at("residual_period") == 5);
}

TEST_CASE("dcdm with jacobi and ic0 generators is a flexible PCG", "[dcdm]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(24));
  const auto b = test::gaussian_vector(a->rows(), 5);
  StoppingCriteria stop;
  stop.rtol = 1e-8;
  auto iterations = [&](std::unique_ptr<dcdm::DirectionGenerator> generator) {
    dcdm::DcdmSolver solver(std::move(generator), {}, stop);
    solver.setup(a);
    std::vector<double> x(b.size(), 0.0);
    const SolveReport report = solver.solve(b, x);
    REQUIRE(report.converged());
    return report.iterations;
  };
  const int identity = iterations(dcdm::make_identity_direction());
  const int ic0 = iterations(dcdm::make_ic0_direction());
  // The same preconditioner inside standard PCG.
  PcgSolver ic0_pcg(make_ic0_preconditioner(), stop);
  ic0_pcg.setup(a);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport pcg_report = ic0_pcg.solve(b, x);
  CHECK(ic0 < identity);
  CHECK(std::abs(ic0 - pcg_report.iterations) <= 1);
  CHECK(iterations(dcdm::make_jacobi_direction()) > 0);
}

TEST_CASE("ic0 of a tridiagonal matrix is its exact Cholesky factor", "[dcdm][ic0]") {
  auto a = std::make_shared<const CsrMatrix>(laplacian_1d(50));
  const auto b = test::gaussian_vector(50, 2);
  StoppingCriteria stop;
  stop.rtol = 1e-12;
  dcdm::DcdmSolver solver(dcdm::make_ic0_direction(), {}, stop);
  solver.setup(a);
  std::vector<double> x(50, 0.0);
  const SolveReport report = solver.solve(b, x);
  CHECK(report.converged());
  CHECK(report.iterations == 1);
}

TEST_CASE("ic0 rejects a matrix with a nonpositive pivot", "[dcdm][ic0]") {
  const std::vector<Triplet> t{{0, 0, 1.0}, {0, 1, 2.0}, {1, 0, 2.0}, {1, 1, 1.0}};
  const CsrMatrix a = CsrMatrix::from_triplets(2, 2, t);
  auto generator = dcdm::make_ic0_direction();
  CHECK_THROWS_AS(generator->setup(a), InputError);
}

TEST_CASE("dcdm reports an indefinite matrix instead of iterating on it", "[dcdm]") {
  const std::vector<Triplet> t{{0, 0, 1.0}, {1, 1, -1.0}, {2, 2, 2.0}};
  auto a = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(3, 3, t));
  dcdm::DcdmSolver solver(dcdm::make_identity_direction());
  solver.setup(a);
  const std::vector<double> b{0.1, 1.0, 0.1};
  std::vector<double> x(3, 0.0);
  const SolveReport report = solver.solve(b, x);
  CHECK(report.reason == StopReason::indefinite);
}

TEST_CASE("dcdm settings are validated with the setting's name", "[dcdm]") {
  dcdm::DcdmSettings settings;
  settings.kept_directions = 0;
  CHECK_THROWS_WITH(settings.validate(), Catch::Contains("dcdm.k must be >= 1"));
  settings.kept_directions = 2;
  settings.residual_period = 0;
  CHECK_THROWS_WITH(settings.validate(), Catch::Contains("dcdm.residual_period"));
}
