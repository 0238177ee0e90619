#include "adasolve/pde/heat.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::backend;
using namespace adasolve::pde;

TEST_CASE("heat kappa(t) = max(0.1 sin 2 pi t, -10 sin 2 pi t)", "[pde][e2]") {
  CHECK(heat_kappa(0.0) == Approx(0.0).margin(1e-15));
  CHECK(heat_kappa(0.25) == Approx(0.1));
  CHECK(heat_kappa(0.75) == Approx(10.0));
  CHECK(heat_kappa(1.25) == Approx(0.1));
  CHECK(heat_kappa(1.0 / 12.0) == Approx(0.05));  // sin(pi/6) = 1/2
  CHECK(heat_kappa(7.0 / 12.0) == Approx(5.0));   // sin(7 pi/6) = -1/2
}

TEST_CASE("heat bump and forcing centre", "[pde][e2]") {
  CHECK(heat_bump(0.5, 0.5, 0.5, 0.5, 0.25) == Approx(1.0));
  // q = 1/2 -> exp(1 - 2) = 1/e
  CHECK(heat_bump(0.5 + 0.25 / std::sqrt(2.0), 0.5, 0.5, 0.5, 0.25) == Approx(std::exp(-1.0)));
  CHECK(heat_bump(0.8, 0.5, 0.5, 0.5, 0.25) == 0.0);
  const auto c0 = heat_forcing_centre(0.0);
  CHECK(c0[0] == Approx(0.75));
  CHECK(c0[1] == Approx(0.5));
  const auto c1 = heat_forcing_centre(1.0 / 32.0);  // 16 pi t = pi / 2
  CHECK(c1[0] == Approx(0.5));
  CHECK(c1[1] == Approx(0.75));
}

TEST_CASE("heat step matrix: diagonal 1 + 4s, neighbours -s, SPD", "[pde][e2]") {
  HeatSettings settings;
  settings.nx = 20;
  settings.steps = 3;
  settings.t0 = 0.6;
  HeatSimulation sim(settings);
  REQUIRE(sim.unknowns() == 19 * 19);
  const HeatStep step = sim.current();
  const double s = 0.5 * heat_kappa(0.6 + 0.5e-3) * 1e-3 * 20.0 * 20.0;
  CHECK(step.s == Approx(s).epsilon(1e-14));
  CHECK(step.t == 0.6);
  CHECK(step.context == heat_kappa(0.6));
  const auto diagonal = step.matrix.diagonal();
  for (double d : diagonal) {
    CHECK(d == Approx(1.0 + 4.0 * s).epsilon(1e-14));
  }
  const CsrMatrix laplacian = test::laplacian_2d(19);
  CHECK(step.matrix.nnz() == laplacian.nnz());
  CHECK(step.matrix.at(0, 1) == Approx(-s));
  CHECK(step.matrix.at(0, 19) == Approx(-s));
  CHECK(step.matrix.at(18, 19) == 0.0);  // (0, 18) and (1, 0) are not neighbours
  CHECK(step.matrix.is_numerically_symmetric());
  CHECK_NOTHROW(CholmodFactor(step.matrix));
}

TEST_CASE("heat initial condition is the bump at ((i+1) h, (j+1) h)", "[pde][e2]") {
  HeatSettings settings;
  settings.nx = 16;
  HeatSimulation sim(settings);
  const auto& u = sim.state();
  const Index m = 15;
  const double h = 1.0 / 16;
  CHECK(u[static_cast<std::size_t>(7 * m + 7)] == Approx(1.0));  // (8h, 8h) = (0.5, 0.5)
  CHECK(u[static_cast<std::size_t>(5 * m + 9)] == Approx(heat_bump(6 * h, 10 * h, 0.5, 0.5, 0.25)));
  CHECK(u[0] == 0.0);
}

TEST_CASE("heat right-hand side for a known u", "[pde][e2]") {
  HeatSettings settings;
  settings.nx = 12;
  settings.steps = 3;
  HeatSimulation sim(settings);
  const Index m = 11;
  const auto n = static_cast<std::size_t>(m * m);
  const double h = 1.0 / 12, dt = 1e-3;
  const auto u = test::gaussian_vector(n, 3);
  sim.advance(u);  // now at step 1, t = dt, with state u
  const HeatStep step = sim.current();
  REQUIRE(step.step == 1);
  CHECK(step.t == Approx(dt));
  const double t_half = 1.5 * dt;
  const double s = 0.5 * heat_kappa(t_half) * dt / (h * h);
  // b = u - s L u + dt 32 bump, with L = 5-point Laplacian (diag 4, -1): u + s (sum of neighbours - 4 u).
  const CsrMatrix laplacian = test::laplacian_2d(m);
  std::vector<double> lu(n);
  laplacian.multiply(u, lu);
  const auto [cx, cy] = heat_forcing_centre(t_half);
  for (Index i = 0; i < m; ++i) {
    for (Index j = 0; j < m; ++j) {
      const auto p = static_cast<std::size_t>(i * m + j);
      const double expected =
          u[p] - s * lu[p] + dt * 32.0 * heat_bump((i + 1) * h, (j + 1) * h, cx, cy, 0.125);
      CHECK(step.rhs[p] == Approx(expected).epsilon(1e-12).margin(1e-15));
    }
  }
}

TEST_CASE("heat forcing uses p = i m + j with x = (i+1) h", "[pde][e2]") {
  HeatSettings settings;
  settings.nx = 16;
  settings.steps = 2;
  HeatSimulation sim(settings);
  const Index m = 15;
  sim.advance(std::vector<double>(static_cast<std::size_t>(m * m), 0.0));
  // With u = 0, b is the forcing alone. At t_h = 1.5e-3 the centre is near (0.75, 0.5): x index i = 11, y
  // index j = 7.
  const HeatStep step = sim.current();
  CHECK(step.rhs[static_cast<std::size_t>(11 * m + 7)] > 0.02);
  CHECK(step.rhs[static_cast<std::size_t>(7 * m + 11)] == 0.0);
}

TEST_CASE("heat simulation runs its steps and then stops", "[pde][e2]") {
  HeatSettings settings;
  settings.nx = 6;
  settings.steps = 2;
  HeatSimulation sim(settings);
  const auto n = static_cast<std::size_t>(sim.unknowns());
  CHECK_THROWS_AS(sim.advance(std::vector<double>(n + 1)), UsageError);
  sim.advance(std::vector<double>(n, 0.0));
  CHECK_FALSE(sim.done());
  sim.advance(std::vector<double>(n, 0.0));
  CHECK(sim.done());
  CHECK_THROWS_AS(sim.current(), UsageError);
  HeatSettings bad;
  bad.nx = 1;
  CHECK_THROWS_AS(HeatSimulation(bad), UsageError);
  bad.nx = 10;
  bad.dt = 0.0;
  CHECK_THROWS_AS(HeatSimulation(bad), UsageError);
}
