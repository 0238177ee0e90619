#pragma once
// Experiment E2 of Khodak et al. (methods/relax.md section 7.2): 2D heat equation on the unit square, zero
// Dirichlet boundary, Crank-Nicolson, kappa(t) = max(0.1 sin 2 pi t, -10 sin 2 pi t), moving bump forcing,
// bump initial condition. nx intervals per side, m = nx - 1 interior points, n = m^2, h = 1/nx; interior
// point (i, j), i, j = 0..m-1, sits at ((i+1) h, (j+1) h) and is unknown p = i m + j.
// Step from t to t + dt, at the half step t_h = t + dt/2: s = kappa(t_h) dt / (2 h^2);
//   A = (1 + 4 s) I - s (neighbours),
//   b = u + s (u_N + u_S + u_E + u_W - 4 u) + dt * 32 * bump(x, y; c(t_h), 0.125)   (zero outside the grid),
//   c(t_h) = (0.5 + cos(16 pi t_h) / 4, 0.5 + sin(16 pi t_h) / 4).
// Initial condition u = bump(x, y; 0.5, 0.5, 0.25). Context = kappa(t) at the START of the step.
#include <array>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::pde {

struct HeatSettings {
  Index nx = 50;     ///< intervals per side (>= 2)
  int steps = 5000;  ///< number of time steps (>= 0)
  double dt = 1e-3;  ///< step size (spec: 5 / T with T = 5000), > 0
  double t0 = 0.0;   ///< start time
  void validate() const;
};

double heat_kappa(double t);
/// bump(x, y; cx, cy, r) = exp(1 - 1/(1 - q)), q = ((x-cx)^2 + (y-cy)^2)/r^2 when q < 1, else 0.
double heat_bump(double x, double y, double cx, double cy, double r);
/// Centre of the forcing bump at time t: (0.5 + cos(16 pi t) / 4, 0.5 + sin(16 pi t) / 4).
std::array<double, 2> heat_forcing_centre(double t);

struct HeatStep {
  int step = 0;             ///< 0-based index
  double t = 0.0;           ///< time at the start of the step
  double context = 0.0;     ///< kappa(t)
  double s = 0.0;           ///< kappa(t + dt/2) dt / (2 h^2)
  CsrMatrix matrix;         ///< A for this step
  std::vector<double> rhs;  ///< b for this step (depends on the current u)
};

/// Produces the steps of the simulation. The caller solves each step and hands the solution back with
/// advance(u) (the next right-hand side depends on it); state() is u at t0 (the bump) before the first
/// advance.
class HeatSimulation {
 public:
  explicit HeatSimulation(HeatSettings settings);
  bool done() const;
  /// The system for the current step, built from the current u (UsageError when done()).
  HeatStep current() const;
  /// Accepts the solution of the current step and moves to the next (UsageError on a size mismatch or when
  /// done()).
  void advance(std::vector<double> u_next);
  const std::vector<double>& state() const { return u_; }
  const HeatSettings& settings() const { return settings_; }
  Index unknowns() const;
  /// Interior points per side, m = nx - 1.
  Index m() const { return settings_.nx - 1; }

 private:
  HeatSettings settings_;
  int step_ = 0;
  std::vector<double> u_;
  CsrMatrix laplacian_;  ///< 5-point -Delta_h * h^2 (diagonal 4, neighbours -1), the pattern of every A
};

}  // namespace adasolve::pde
