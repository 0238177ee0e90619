// The 2x2x2 grid coarsening, its Galerkin operator, and the two-level / multigrid direction generators with
// classical coarse generators (the network versions are tested in torch/training_test.cpp).
#include "adasolve/dcdm/two_level_direction.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "adasolve/core/error.hpp"
#include "adasolve/dcdm/dcdm_solver.hpp"
#include "adasolve/dcdm/direction_generator.hpp"
#include "adasolve/dcdm/problems.hpp"
#include "adasolve/dcdm/training_data.hpp"
#include "adasolve/pde/obstacles.hpp"
#include "adasolve/pde/poisson.hpp"

using namespace adasolve;
using namespace adasolve::dcdm;

namespace {

int iterations_to(std::unique_ptr<DirectionGenerator> generator, const CsrMatrix& a, double rtol) {
  StoppingCriteria stop;
  stop.rtol = rtol;
  stop.max_iters = 500;
  DcdmSolver solver(std::move(generator), {}, stop);
  solver.setup(std::make_shared<const CsrMatrix>(a));
  const auto b = gaussian_rhs(a.rows(), 5);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport report = solver.solve(b, x);
  REQUIRE(report.converged());
  return report.iterations;
}

}  // namespace

TEST_CASE("the Galerkin operator of the aggregated cube Poisson matrix is 4x the coarse cube's",
          "[dcdm][grid]") {
  const GridMap fine{{8, 8, 8}, {}};
  const GridCoarsening coarsening = GridCoarsening::of(fine);
  CHECK(coarsening.coarse.shape == pde::GridShape{4, 4, 4});
  CHECK(coarsening.coarse.cell_of_unknown.empty());  // every coarse cell is an unknown
  // Fine cell (5, 2, 7) lies in coarse cell (2, 1, 3).
  CHECK(coarsening.coarse_of_fine[static_cast<std::size_t>(fine.shape.cell(5, 2, 7))] ==
        coarsening.coarse.shape.cell(2, 1, 3));
  // 8 diagonals of 6 minus 24 couplings inside the aggregate = 24 = 4 * 6; 4 couplings of -1 per face.
  const CsrMatrix galerkin = coarsening.galerkin(pde::poisson_3d({8, 8, 8}).matrix);
  const CsrMatrix coarse = pde::poisson_3d({4, 4, 4}).matrix;
  REQUIRE(galerkin.rows() == coarse.rows());
  REQUIRE(galerkin.nnz() == coarse.nnz());
  for (Index i = 0; i < coarse.rows(); ++i) {
    for (Index p = coarse.row_offsets()[i]; p < coarse.row_offsets()[i + 1]; ++p) {
      CHECK(galerkin.at(i, coarse.column_indices()[p]) == 4.0 * coarse.values()[p]);
    }
  }
}

TEST_CASE("coarsening a domain with obstacles keeps exactly the occupied aggregates", "[dcdm][grid]") {
  const pde::GridShape shape{16, 16, 16};
  const pde::SolidMask mask = pde::sphere_mask(shape, 0.3);
  const pde::GridProblem problem = pde::poisson_3d(shape, &mask);
  const GridMap fine = grid_map_of(problem);
  const GridCoarsening coarsening = GridCoarsening::of(fine);
  const auto& coarse = coarsening.coarse;
  REQUIRE_FALSE(coarse.cell_of_unknown.empty());
  coarse.validate();
  // P^T 1 counts the fine unknowns in each aggregate: 1..8, never 0, and they add up.
  std::vector<double> ones(static_cast<std::size_t>(fine.unknowns()), 1.0);
  std::vector<double> counts(static_cast<std::size_t>(coarse.unknowns()));
  coarsening.restrict_sum(ones, counts);
  double total = 0.0;
  for (double c : counts) {
    CHECK(c >= 1.0);
    CHECK(c <= 8.0);
    total += c;
  }
  CHECK(total == static_cast<double>(fine.unknowns()));
  // Each coarse unknown's cell contains the cells of its fine unknowns.
  for (std::size_t u = 0; u < coarsening.coarse_of_fine.size(); ++u) {
    const Index cell = fine.cell_of_unknown[u];
    const Index i = cell % 16, j = (cell / 16) % 16, k = cell / 256;
    CHECK(coarse.cell_of_unknown[static_cast<std::size_t>(coarsening.coarse_of_fine[u])] ==
          coarse.shape.cell(i / 2, j / 2, k / 2));
  }
  const CsrMatrix galerkin = coarsening.galerkin(problem.matrix);
  CHECK(galerkin.rows() == coarse.unknowns());
  CHECK(galerkin.is_numerically_symmetric(0.0));
  // P^T A P 1 = P^T A 1: the Galerkin row sums are the aggregated fine row sums.
  std::vector<double> a_ones(ones.size()), expected(counts.size()), coarse_ones(counts.size(), 1.0),
      got(counts.size());
  problem.matrix.multiply(ones, a_ones);
  coarsening.restrict_sum(a_ones, expected);
  galerkin.multiply(coarse_ones, got);
  for (std::size_t c = 0; c < got.size(); ++c) {
    CHECK(got[c] == Approx(expected[c]).margin(1e-12));
  }
}

TEST_CASE("odd grids cannot be coarsened, and the V-cycle's levels stop at the coarsest size",
          "[dcdm][grid]") {
  CHECK_THROWS_AS(GridCoarsening::of(GridMap{{6, 5, 6}, {}}), InputError);
  CHECK_THROWS_WITH(GridCoarsening::of(GridMap{{6, 5, 6}, {}}), Catch::Contains("even grid dimensions"));
  using Shapes = std::vector<pde::GridShape>;
  CHECK(multigrid_levels({128, 128, 128}, 32) == Shapes{{128, 128, 128}, {64, 64, 64}, {32, 32, 32}});
  CHECK(multigrid_levels({96, 96, 64}, 32) == Shapes{{96, 96, 64}, {48, 48, 32}, {24, 24, 16}});
  CHECK(multigrid_levels({36, 36, 36}, 32) == Shapes{{36, 36, 36}, {18, 18, 18}});
  CHECK(multigrid_levels({32, 32, 32}, 32) == Shapes{{32, 32, 32}});
  CHECK(multigrid_levels({30, 60, 60}, 8) == Shapes{{30, 60, 60}});  // 30 is not a multiple of 4
}

TEST_CASE("a coarse-grid correction cuts the iterations of the IC(0) direction", "[dcdm][grid]") {
  const pde::GridShape shape{32, 32, 32};
  const pde::SolidMask mask = pde::boxes_mask(shape, 4, 3);
  const pde::GridProblem problem = pde::poisson_3d(shape, &mask);
  const GridMap map = grid_map_of(problem);
  const int smoother_only = iterations_to(make_ic0_direction(), problem.matrix, 1e-8);
  auto two_level = make_two_level_direction("two-level", map, make_ic0_direction(),
                                            [](const GridMap&) { return make_ic0_direction(); });
  CHECK(two_level->name() == "two-level");
  const int with_coarse = iterations_to(std::move(two_level), problem.matrix, 1e-8);
  CHECK(with_coarse < smoother_only / 2 + 1);
  // The setup checks the map against the matrix.
  auto mismatched = make_two_level_direction("two-level", GridMap{{8, 8, 8}, {}}, make_ic0_direction(),
                                             [](const GridMap&) { return make_ic0_direction(); });
  CHECK_THROWS_WITH(mismatched->setup(problem.matrix), Catch::Contains("but the matrix has"));
}

TEST_CASE("the cholmod direction solves its matrix exactly", "[dcdm][grid]") {
  const pde::GridShape shape{8, 8, 8};
  const pde::SolidMask mask = pde::sphere_mask(shape, 0.3);
  const CsrMatrix a = pde::poisson_3d(shape, &mask).matrix;
  auto exact = make_classical_direction("cholmod");
  CHECK(exact->name() == "cholmod");
  exact->setup(a);
  auto r = gaussian_rhs(a.rows(), 3);
  const double norm = std::sqrt(std::inner_product(r.begin(), r.end(), r.begin(), 0.0));
  for (auto& v : r) {
    v /= norm;
  }
  std::vector<double> d(r.size()), residual(r.size());
  exact->apply(r, d);
  a.residual(r, d, residual);
  CHECK(std::sqrt(std::inner_product(residual.begin(), residual.end(), residual.begin(), 0.0)) < 1e-12);
  // As the generator of the DCDM loop, an exact inverse converges in one iteration.
  CHECK(iterations_to(make_cholmod_direction(), a, 1e-10) == 1);
}

TEST_CASE("the multigrid coarsest solve: cholmod is exact on the coarsest grid, ic0 is not", "[dcdm][grid]") {
  const pde::GridShape shape{32, 32, 32};
  const pde::SolidMask mask = pde::boxes_mask(shape, 4, 3);
  const pde::GridProblem problem = pde::poisson_3d(shape, &mask);
  const GridMap map = grid_map_of(problem);
  const auto multigrid = [&](const std::string& coarse, Index coarsest) {
    return make_multigrid_direction(coarse, map, coarsest,
                                    [coarse](const GridMap&) { return make_classical_direction(coarse); });
  };
  CHECK(multigrid("cholmod", 8)->name() == "multigrid-ic0-cholmod");
  // A grid no wider than the coarsest is the coarsest solve itself: one exact step.
  auto whole = multigrid("cholmod", 32);
  CHECK(whole->name() == "cholmod");
  CHECK(iterations_to(std::move(whole), problem.matrix, 1e-10) == 1);
  // 32 -> 16 -> 8: the exact coarsest solve needs fewer iterations than one IC(0) application there, and
  // both far fewer than the IC(0) direction alone.
  const int exact = iterations_to(multigrid("cholmod", 8), problem.matrix, 1e-8);
  const int local = iterations_to(multigrid("ic0", 8), problem.matrix, 1e-8);
  const int smoother_only = iterations_to(make_ic0_direction(), problem.matrix, 1e-8);
  CHECK(exact < local);
  CHECK(local < smoother_only / 2);
  CHECK_THROWS_WITH(multigrid("cholmod", 1), Catch::Contains("must be >= 2"));
}

TEST_CASE("with an exact coarsest solve the V-cycle's iterations grow far slower than IC(0)'s",
          "[dcdm][grid]") {
  // Coarsest grid 8 for both: 16 -> 8 and 32 -> 16 -> 8 (one more level). Piecewise-constant prolongation
  // is not an optimal multigrid, so a few iterations are added per level; IC(0)-PCG's count doubles.
  const auto multigrid = [](int n) {
    const GridMap map{{n, n, n}, {}};
    return iterations_to(
        make_multigrid_direction("cholmod", map, 8, [](const GridMap&) { return make_cholmod_direction(); }),
        pde::poisson_3d({n, n, n}).matrix, 1e-8);
  };
  const auto ic0 = [](int n) {
    return iterations_to(make_ic0_direction(), pde::poisson_3d({n, n, n}).matrix, 1e-8);
  };
  const int multigrid_growth = multigrid(32) - multigrid(16);
  const int ic0_growth = ic0(32) - ic0(16);
  INFO("multigrid growth " << multigrid_growth << ", IC(0) growth " << ic0_growth);
  CHECK(multigrid_growth >= 0);
  CHECK(3 * multigrid_growth < ic0_growth);
}
