#include "adasolve/pde/poisson.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/pde/obstacles.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::backend;
using namespace adasolve::pde;

namespace {

/// A solid mask with the given cells solid.
SolidMask mask_with(GridShape shape, std::initializer_list<Index> solid_cells) {
  SolidMask mask{shape, std::vector<unsigned char>(static_cast<std::size_t>(shape.cells()), 0), "test"};
  for (Index c : solid_cells) {
    mask.solid[static_cast<std::size_t>(c)] = 1;
  }
  return mask;
}

}  // namespace

TEST_CASE("poisson_2d on a square grid is the 5-point Laplacian", "[pde][poisson]") {
  const GridProblem p = poisson_2d({7, 7, 1});
  const CsrMatrix expected = test::laplacian_2d(7);
  REQUIRE(p.matrix.rows() == 49);
  REQUIRE(p.matrix.nnz() == expected.nnz());
  for (Index i = 0; i < 49; ++i) {
    for (Index j = 0; j < 49; ++j) {
      CHECK(p.matrix.at(i, j) == expected.at(i, j));
    }
  }
  CHECK(p.name == "poisson2d-7");
}

TEST_CASE("poisson_2d on a rectangle: documented size, symmetric, SPD", "[pde][poisson]") {
  const GridProblem p = poisson_2d({5, 3, 1});
  CHECK(p.matrix.rows() == 15);
  // 15 diagonals + 2 * (4 * 3 horizontal + 5 * 2 vertical interior faces)
  CHECK(p.matrix.nnz() == 15 + 2 * (12 + 10));
  CHECK(p.matrix.is_numerically_symmetric());
  const auto diagonal = p.matrix.diagonal();
  CHECK(std::all_of(diagonal.begin(), diagonal.end(), [](double d) { return d == 4.0; }));
  CHECK_NOTHROW(CholmodFactor(p.matrix));
  CHECK_THROWS_AS(poisson_2d({5, 3, 2}), UsageError);
  CHECK_THROWS_AS(poisson_2d({0, 3, 1}), UsageError);
}

TEST_CASE("poisson_3d: documented size, 7-point stencil, symmetric, SPD", "[pde][poisson]") {
  const Index n = 6;
  const GridProblem p = poisson_3d({n, n, n});
  CHECK(p.matrix.rows() == n * n * n);
  CHECK(p.matrix.nnz() == n * n * n + 2 * 3 * n * n * (n - 1));
  CHECK(p.matrix.is_numerically_symmetric());
  const auto diagonal = p.matrix.diagonal();
  CHECK(std::all_of(diagonal.begin(), diagonal.end(), [](double d) { return d == 6.0; }));
  const GridShape g{n, n, n};
  const Index c = g.cell(2, 3, 4);
  CHECK(p.matrix.at(c, g.cell(1, 3, 4)) == -1.0);
  CHECK(p.matrix.at(c, g.cell(2, 4, 4)) == -1.0);
  CHECK(p.matrix.at(c, g.cell(2, 3, 5)) == -1.0);
  CHECK(p.matrix.at(c, g.cell(3, 4, 4)) == 0.0);
  CHECK_NOTHROW(CholmodFactor(p.matrix));
  CHECK(p.name == "poisson3d-6");
}

TEST_CASE("solid cells are eliminated and their faces are no-flux", "[pde][poisson][mask]") {
  // 3 x 3 grid, centre cell (1, 1) solid.
  const GridShape g{3, 3, 1};
  const SolidMask mask = mask_with(g, {g.cell(1, 1)});
  const GridProblem p = poisson_2d(g, &mask);
  REQUIRE(p.matrix.rows() == 8);
  CHECK(p.unknown_of_cell[static_cast<std::size_t>(g.cell(1, 1))] == -1);
  CHECK(std::find(p.cell_of_unknown.begin(), p.cell_of_unknown.end(), g.cell(1, 1)) ==
        p.cell_of_unknown.end());
  // Cell (1, 0): fluid neighbours (0, 0) and (2, 0), Dirichlet face below, solid above -> diagonal 3.
  const Index u = p.unknown_of_cell[static_cast<std::size_t>(g.cell(1, 0))];
  CHECK(p.matrix.at(u, u) == 3.0);
  CHECK(p.matrix.at(u, p.unknown_of_cell[static_cast<std::size_t>(g.cell(0, 0))]) == -1.0);
  // Corner (0, 0): two fluid neighbours, two Dirichlet faces -> diagonal 4.
  const Index corner = p.unknown_of_cell[static_cast<std::size_t>(g.cell(0, 0))];
  CHECK(p.matrix.at(corner, corner) == 4.0);
  CHECK(p.matrix.nnz() == 8 + 2 * 8);  // the ring of 8 cells has 8 fluid-fluid faces
  CHECK(p.matrix.is_numerically_symmetric());
  CHECK_NOTHROW(CholmodFactor(p.matrix));
}

TEST_CASE("an enclosed fluid region is an InputError naming it", "[pde][poisson][mask]") {
  SECTION("2D: one fluid cell inside a ring of solid cells") {
    const GridShape g{5, 5, 1};
    SolidMask mask = mask_with(g, {});
    for (Index j = 1; j <= 3; ++j) {
      for (Index i = 1; i <= 3; ++i) {
        mask.solid[static_cast<std::size_t>(g.cell(i, j))] = (i == 2 && j == 2) ? 0 : 1;
      }
    }
    CHECK_THROWS_AS(poisson_2d(g, &mask), InputError);
    CHECK_THROWS_WITH(poisson_2d(g, &mask),
                      Catch::Matchers::Contains("fluid region of 1 cells around cell (2, 2) does not touch"));
  }
  SECTION("3D: a 2 x 2 x 2 pocket inside a hollow cube") {
    const GridShape g{8, 8, 8};
    SolidMask mask = mask_with(g, {});
    for (Index k = 2; k <= 5; ++k) {
      for (Index j = 2; j <= 5; ++j) {
        for (Index i = 2; i <= 5; ++i) {
          const bool inside = i >= 3 && i <= 4 && j >= 3 && j <= 4 && k >= 3 && k <= 4;
          mask.solid[static_cast<std::size_t>(g.cell(i, j, k))] = inside ? 0 : 1;
        }
      }
    }
    CHECK_THROWS_AS(poisson_3d(g, &mask), InputError);
    CHECK_THROWS_WITH(poisson_3d(g, &mask),
                      Catch::Matchers::Contains("fluid region of 8 cells around cell (3, 3, 3)"));
    // Open one face of the shell: the pocket now reaches the box boundary through it.
    mask.solid[static_cast<std::size_t>(g.cell(5, 3, 3))] = 0;
    CHECK_NOTHROW(poisson_3d(g, &mask));
  }
}

TEST_CASE("a mask for another grid is refused", "[pde][poisson][mask]") {
  const SolidMask mask = sphere_mask({8, 8, 8});
  CHECK_THROWS_AS(poisson_3d({8, 8, 9}, &mask), UsageError);
}

TEST_CASE("scatter and gather round trip, zeros in solid cells", "[pde][grid]") {
  const GridShape g{10, 10, 10};
  const SolidMask mask = sphere_mask(g, 0.3);
  const GridProblem p = poisson_3d(g, &mask);
  REQUIRE(p.matrix.rows() == g.cells() - mask.solid_cells());
  const auto x = test::gaussian_vector(static_cast<std::size_t>(p.matrix.rows()), 5);
  std::vector<double> full(static_cast<std::size_t>(g.cells()), 99.0);
  p.scatter(x, full);
  for (Index c = 0; c < g.cells(); ++c) {
    if (mask.is_solid(c)) {
      CHECK(full[static_cast<std::size_t>(c)] == 0.0);
    }
  }
  std::vector<double> back(x.size(), 0.0);
  p.gather(full, back);
  CHECK(back == x);
  std::vector<double> too_short(x.size() - 1);
  CHECK_THROWS_AS(p.gather(full, too_short), UsageError);
  CHECK_THROWS_AS(p.scatter(x, too_short), UsageError);
}
