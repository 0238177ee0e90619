#include "adasolve/pde/obstacles.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/pde/poisson.hpp"

using namespace adasolve;
using namespace adasolve::backend;
using namespace adasolve::pde;

namespace {

bool boundary_is_fluid(const SolidMask& m) {
  const GridShape& g = m.shape;
  for (Index k = 0; k < g.nz; ++k) {
    for (Index j = 0; j < g.ny; ++j) {
      for (Index i = 0; i < g.nx; ++i) {
        const bool boundary = i == 0 || j == 0 || k == 0 || i == g.nx - 1 || j == g.ny - 1 || k == g.nz - 1;
        if (boundary && m.is_solid(g.cell(i, j, k))) {
          return false;
        }
      }
    }
  }
  return true;
}

}  // namespace

TEST_CASE("sphere mask: centre solid, corners fluid, volume close to 4/3 pi r^3", "[pde][obstacles]") {
  const GridShape g{32, 32, 32};
  const SolidMask m = sphere_mask(g, 0.25);
  CHECK(m.is_solid(g.cell(16, 16, 16)));
  CHECK_FALSE(m.is_solid(g.cell(0, 0, 0)));
  CHECK(boundary_is_fluid(m));
  const double expected = 4.0 / 3.0 * std::numbers::pi * std::pow(0.25 * 32, 3);
  CHECK(std::abs(m.solid_cells() - expected) < 0.05 * expected);
  CHECK(m.name == "sphere");
  CHECK_THROWS_AS(sphere_mask(g, 0.0), UsageError);
  CHECK_THROWS_AS(sphere_mask(g, 0.6), UsageError);
}

TEST_CASE("boxes mask: seeded, away from the box boundary, accepted by poisson_3d (SPD)",
          "[pde][obstacles]") {
  const GridShape g{12, 12, 12};
  const SolidMask a = boxes_mask(g, 4, 7);
  const SolidMask b = boxes_mask(g, 4, 7);
  const SolidMask c = boxes_mask(g, 4, 8);
  CHECK(a.solid == b.solid);
  CHECK(a.solid != c.solid);
  CHECK(a.solid_cells() > 0);
  CHECK(boundary_is_fluid(a));
  const GridProblem p = poisson_3d(g, &a);
  CHECK(p.matrix.rows() == g.cells() - a.solid_cells());
  CHECK(p.matrix.is_numerically_symmetric());
  CHECK_NOTHROW(CholmodFactor(p.matrix));
  CHECK(p.name == "poisson3d-12-boxes-seed7");
  CHECK_THROWS_AS(boxes_mask({2, 8, 8}, 4, 1), UsageError);
}

TEST_CASE("blob mask: seeded, non-empty, no enclosed fluid for many seeds", "[pde][obstacles]") {
  const GridShape g{16, 16, 16};
  CHECK(blob_mask(g, 3).solid == blob_mask(g, 3).solid);
  CHECK(blob_mask(g, 3).solid != blob_mask(g, 4).solid);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const SolidMask m = blob_mask(g, seed);
    INFO("seed " << seed);
    CHECK(m.solid_cells() > 0);
    CHECK(m.solid_cells() < g.cells() / 2);
    CHECK_NOTHROW(poisson_3d(g, &m));
  }
  const SolidMask m = blob_mask(g, 1);
  const GridProblem p = poisson_3d(g, &m);
  CHECK_NOTHROW(CholmodFactor(p.matrix));
}

TEST_CASE("2D obstacles work on 2D grids", "[pde][obstacles]") {
  const GridShape g{20, 20, 1};
  for (const char* name : {"sphere", "boxes", "blob"}) {
    const SolidMask m = named_mask(name, g, 2);
    INFO(name);
    CHECK(m.solid_cells() > 0);
    const GridProblem p = poisson_2d(g, &m);
    CHECK_NOTHROW(CholmodFactor(p.matrix));
  }
}

TEST_CASE("named_mask knows none, cube, sphere, boxes, blob", "[pde][obstacles]") {
  const GridShape g{8, 8, 8};
  CHECK(named_mask("none", g).solid_cells() == 0);
  CHECK(named_mask("cube", g).solid_cells() == 0);
  CHECK(named_mask("sphere", g).solid == sphere_mask(g).solid);
  CHECK(named_mask("boxes", g, 5).solid == boxes_mask(g, 4, 5).solid);
  CHECK(named_mask("blob", g, 5).solid == blob_mask(g, 5).solid);
  CHECK_THROWS_AS(named_mask("bunny", g), InputError);
}
