#include "adasolve/pde/heat.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "adasolve/core/error.hpp"
#include "adasolve/pde/poisson.hpp"

namespace adasolve::pde {

void HeatSettings::validate() const {
  if (nx < 2 || std::int64_t{nx - 1} * (nx - 1) * 5 > kMaxIndex) {
    throw UsageError("heat.nx must be >= 2 (and (nx-1)^2 * 5 must fit 32-bit indices), got " +
                     std::to_string(nx));
  }
  if (steps < 0) {
    throw UsageError("heat.steps must be >= 0, got " + std::to_string(steps));
  }
  if (!(dt > 0.0) || !std::isfinite(dt)) {
    throw UsageError("heat.dt must be finite and > 0, got " + std::to_string(dt));
  }
  if (!std::isfinite(t0)) {
    throw UsageError("heat.t0 must be finite");
  }
}

double heat_kappa(double t) {
  const double sine = std::sin(2.0 * std::numbers::pi * t);
  return std::max(0.1 * sine, -10.0 * sine);
}

double heat_bump(double x, double y, double cx, double cy, double r) {
  const double q = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
  return q < 1.0 ? std::exp(1.0 - 1.0 / (1.0 - q)) : 0.0;
}

std::array<double, 2> heat_forcing_centre(double t) {
  const double angle = 16.0 * std::numbers::pi * t;
  return {0.5 + std::cos(angle) / 4.0, 0.5 + std::sin(angle) / 4.0};
}

HeatSimulation::HeatSimulation(HeatSettings settings) : settings_(settings) {
  settings_.validate();
  const Index m = this->m();
  // poisson_2d numbers cell (a, b) as b * m + a; on the square grid that is the same matrix as p = i m + j.
  laplacian_ = poisson_2d(GridShape{m, m, 1}).matrix;
  const double h = 1.0 / settings_.nx;
  u_.resize(static_cast<std::size_t>(m) * static_cast<std::size_t>(m));
  for (Index i = 0; i < m; ++i) {
    for (Index j = 0; j < m; ++j) {
      u_[static_cast<std::size_t>(i * m + j)] = heat_bump((i + 1) * h, (j + 1) * h, 0.5, 0.5, 0.25);
    }
  }
}

bool HeatSimulation::done() const { return step_ >= settings_.steps; }

Index HeatSimulation::unknowns() const { return laplacian_.rows(); }

HeatStep HeatSimulation::current() const {
  if (done()) {
    throw UsageError("heat simulation: all " + std::to_string(settings_.steps) + " steps are done");
  }
  const Index m = this->m();
  const double h = 1.0 / settings_.nx;
  const double dt = settings_.dt;
  HeatStep out;
  out.step = step_;
  out.t = settings_.t0 + step_ * dt;
  out.context = heat_kappa(out.t);
  const double t_half = out.t + 0.5 * dt;
  out.s = 0.5 * heat_kappa(t_half) * dt / (h * h);

  // A = I + s L with L the 5-point stencil (diagonal 4, neighbours -1): diagonal 1 + 4 s, neighbours -s.
  out.matrix = laplacian_;
  auto values = out.matrix.values_mutable();
  for (double& v : values) {
    v *= out.s;
  }
  for (Index p : out.matrix.diagonal_positions()) {
    values[static_cast<std::size_t>(p)] += 1.0;
  }

  // b = u + s (u_N + u_S + u_E + u_W - 4 u) + dt * 32 * bump(x, y; c(t_h), 0.125), u = 0 outside the grid.
  const auto [cx, cy] = heat_forcing_centre(t_half);
  out.rhs.resize(u_.size());
  auto u = [&](Index i, Index j) {
    return (i < 0 || j < 0 || i >= m || j >= m) ? 0.0 : u_[static_cast<std::size_t>(i * m + j)];
  };
  for (Index i = 0; i < m; ++i) {
    for (Index j = 0; j < m; ++j) {
      const double up = u(i, j);
      const double neighbours = u(i - 1, j) + u(i + 1, j) + u(i, j - 1) + u(i, j + 1);
      out.rhs[static_cast<std::size_t>(i * m + j)] =
          up + out.s * (neighbours - 4.0 * up) +
          dt * 32.0 * heat_bump((i + 1) * h, (j + 1) * h, cx, cy, 0.125);
    }
  }
  return out;
}

void HeatSimulation::advance(std::vector<double> u_next) {
  if (done()) {
    throw UsageError("heat simulation: advance after the last step");
  }
  if (u_next.size() != u_.size()) {
    throw UsageError("heat simulation: the solution has " + std::to_string(u_next.size()) +
                     " entries, expected " + std::to_string(u_.size()));
  }
  u_ = std::move(u_next);
  ++step_;
}

}  // namespace adasolve::pde
