// The row-block assembly of E2 (heat_rows.hpp) against HeatSimulation, the whole-matrix definition.
#include "adasolve/pde/heat_rows.hpp"

#include <catch2/catch.hpp>

#include "adasolve/core/vector_ops.hpp"

using namespace adasolve;
using namespace adasolve::pde;

TEST_CASE("heat rows: row blocks reproduce HeatSimulation's matrix and right-hand side", "[pde][heat]") {
  HeatSettings settings;
  settings.nx = 9;  // m = 8, n = 64
  settings.steps = 3;
  settings.t0 = 0.6;  // strong phase: s is large
  HeatSimulation sim(settings);
  const auto u0 = heat_initial_rows(settings, 0, sim.unknowns());
  CHECK(u0 == sim.state());
  // Advance once so that u is no longer the initial bump.
  sim.advance(std::vector<double>(sim.state().rbegin(), sim.state().rend()));
  const HeatStep step = sim.current();
  const double s = heat_step_s(settings, step.t);
  CHECK(s == Approx(step.s).epsilon(1e-15));
  const Index n = sim.unknowns();
  for (auto [begin, end] : {std::pair<Index, Index>{0, n}, {0, 13}, {13, 40}, {40, n}, {20, 20}}) {
    const CsrMatrix rows = heat_matrix_rows(settings, s, begin, end);
    REQUIRE(rows.rows() == end - begin);
    REQUIRE(rows.cols() == n);
    for (Index r = 0; r < rows.rows(); ++r) {
      for (Index c = 0; c < n; ++c) {
        REQUIRE(rows.at(r, c) == Approx(step.matrix.at(begin + r, c)).margin(1e-14));
      }
    }
    REQUIRE(rows.nnz() == step.matrix.row_offsets()[end] - step.matrix.row_offsets()[begin]);
  }
  // b = 2 u - A u + f on the whole grid.
  const auto& u = sim.state();
  const CsrMatrix a = heat_matrix_rows(settings, s, 0, n);
  std::vector<double> au(n), b(n);
  a.multiply(u, au);
  const auto f = heat_forcing_rows(settings, step.t, 0, n);
  for (Index p = 0; p < n; ++p) {
    b[p] = 2.0 * u[p] - au[p] + f[p];
  }
  std::vector<double> diff(n);
  for (Index p = 0; p < n; ++p) {
    diff[p] = b[p] - step.rhs[p];
  }
  CHECK(vec::norm_inf(diff) <= 1e-12 * vec::norm_inf(step.rhs));
  CHECK_THROWS(heat_matrix_rows(settings, s, 10, n + 1));
}
