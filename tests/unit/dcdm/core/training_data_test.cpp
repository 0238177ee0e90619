// Lanczos / Ritz data for DCDM training, the cube matrix, grid maps, the two-level generator.
#include "adasolve/dcdm/training_data.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "adasolve/dcdm/dcdm_solver.hpp"
#include "adasolve/dcdm/grid_map.hpp"
#include "adasolve/dcdm/problems.hpp"
#include "adasolve/pde/obstacles.hpp"
#include "adasolve/pde/poisson.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::dcdm;

TEST_CASE("the training matrix is the 7-point cube Laplacian with Dirichlet ghosts, in C order",
          "[dcdm][data]") {
  const Index n = 5;
  const CsrMatrix a = pde::poisson_3d({n, n, n}).matrix;
  REQUIRE(a.rows() == n * n * n);
  CHECK(a.nnz() == 7 * n * n * n - 6 * n * n);  // every cell but the faces' missing neighbours
  auto id = [n](Index i, Index j, Index k) { return (k * n + j) * n + i; };
  for (Index k = 0; k < n; ++k) {
    for (Index j = 0; j < n; ++j) {
      for (Index i = 0; i < n; ++i) {
        const Index c = id(i, j, k);
        CHECK(a.at(c, c) == 6.0);
        CHECK(a.at(c, id((i + 1) % n, j, k)) == (i + 1 < n ? -1.0 : 0.0));
        CHECK(a.at(c, id(i, j, (k + 1) % n)) == (k + 1 < n ? -1.0 : 0.0));
      }
    }
  }
}

TEST_CASE("a complete Lanczos run gives the exact spectrum of the cube matrix", "[dcdm][data]") {
  const Index n = 5;
  const CsrMatrix a = pde::poisson_3d({n, n, n}).matrix;
  const RitzBasis basis = lanczos_ritz(a, a.rows(), 4);
  // (Float32 basis storage: agreement to ~1e-7.) Eigenvalues of the Dirichlet cube: sum over 3 axes of 2 - 2
  // cos(pi k / (n + 1)), k = 1..n.
  const double lowest = 3.0 * (2.0 - 2.0 * std::cos(M_PI / (n + 1)));
  const double highest = 3.0 * (2.0 - 2.0 * std::cos(M_PI * n / (n + 1)));
  REQUIRE(basis.count > 0);
  CHECK(basis.values.front() == Approx(lowest).epsilon(1e-6));
  CHECK(basis.values.back() == Approx(highest).epsilon(1e-6));
  CHECK(basis.max_orthogonality_loss < 1e-4);
  // The lowest Ritz vector is an eigenvector: ||A y - theta y|| small.
  std::vector<double> y(basis.vectors.begin(), basis.vectors.begin() + a.rows()), ay(y.size());
  a.multiply(y, ay);
  vec::axpy(-basis.values.front(), y, ay);
  CHECK(vec::norm2(ay) < 1e-4);
}

TEST_CASE("synthesised right-hand sides have unit norm and are reproducible from the seed", "[dcdm][data]") {
  const CsrMatrix a = pde::poisson_3d({6, 6, 6}).matrix;
  const RitzBasis basis = lanczos_ritz(a, 40, 1);
  const auto first = synthesize_rhs(basis, 5, {}, 9);
  const auto again = synthesize_rhs(basis, 5, {}, 9);
  const auto other = synthesize_rhs(basis, 5, {}, 10);
  CHECK(first == again);
  CHECK(first != other);
  for (int s = 0; s < 5; ++s) {
    double norm = 0;
    for (Index i = 0; i < a.rows(); ++i) {
      norm += static_cast<double>(first[s * a.rows() + i]) * first[s * a.rows() + i];
    }
    CHECK(std::sqrt(norm) == Approx(1.0).epsilon(1e-5));
  }
}

TEST_CASE("grid maps scatter and gather through solid cells and check the matrix", "[dcdm][grid]") {
  const pde::GridShape shape{8, 8, 8};
  const pde::SolidMask mask = pde::sphere_mask(shape);
  const pde::GridProblem problem = pde::poisson_3d(shape, &mask);
  const GridMap map = grid_map_of(problem);
  CHECK(map.unknowns() == problem.matrix.rows());
  map.check_matches(problem.matrix);
  CHECK_THROWS_WITH(map.check_matches(pde::poisson_3d({4, 4, 4}).matrix),
                    Catch::Contains("but the matrix has 64 rows"));
  const auto x = gaussian_rhs(map.unknowns(), 3);
  std::vector<float> full(static_cast<std::size_t>(shape.cells()), 7.0F);
  map.scatter(x, full);
  std::vector<double> back(x.size());
  map.gather(full, back);
  CHECK(test::relative_difference(back, x) < 1e-6);
  for (Index c = 0; c < shape.cells(); ++c) {
    if (mask.is_solid(c)) {
      CHECK(full[static_cast<std::size_t>(c)] == 0.0F);
    }
  }
}

TEST_CASE("a matrix with empty rows on a grid loses them as non-fluid cells", "[dcdm][grid]") {
  // 2 x 2 x 2 grid, cells 3 and 5 empty (the authors' zero rows and columns).
  std::vector<Triplet> t;
  for (Index i = 0; i < 8; ++i) {
    if (i != 3 && i != 5) {
      t.push_back({i, i, 2.0});
    }
  }
  t.push_back({0, 1, -1.0});
  t.push_back({1, 0, -1.0});
  const CsrMatrix a = CsrMatrix::from_triplets(8, 8, t);
  const GriddedSystem system = grid_system_from_matrix(a, {2, 2, 2});
  CHECK(system.matrix.rows() == 6);
  CHECK(system.map.cell_of_unknown == std::vector<Index>{0, 1, 2, 4, 6, 7});
  CHECK(system.matrix.at(0, 1) == -1.0);
  CHECK_THROWS_AS(grid_system_from_matrix(a, {2, 2, 3}), InputError);
  CHECK(parse_grid_shape("16").nz == 16);
  CHECK(parse_grid_shape("4,6,8").ny == 6);
  CHECK_THROWS_AS(parse_grid_shape("4,x,8"), InputError);
  CHECK_THROWS_AS(parse_grid_shape("4,6"), InputError);
}
