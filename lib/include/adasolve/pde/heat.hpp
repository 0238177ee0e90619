#pragma once
// Experiment E2 of Khodak et al. (methods/relax.md section 7.2): 2D heat equation on the unit square, zero
// Dirichlet boundary, Crank-Nicolson, kappa(t) = max(0.1 sin 2 pi t, -10 sin 2 pi t), moving bump forcing,
// bump initial condition. nx intervals per side, m = nx - 1 interior points, n = m^2, h = 1/nx.
// Step from t to t + dt: s = kappa(t + dt/2) dt / (2 h^2);
//   A = (1 + 4 s) I - s (neighbours),  b = u + s (u_N + u_S + u_E + u_W - 4 u) + dt * 32 * bump(x, y; c(t_h), 0.125).
// Context = kappa(t) at the START of the step.
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::pde {

struct HeatSettings {
  Index nx = 50;           ///< intervals per side
  int steps = 5000;        ///< number of time steps
  double dt = 1e-3;        ///< step size (spec: 5 / T with T = 5000)
  double t0 = 0.0;         ///< start time
  void validate() const;
};

double heat_kappa(double t);
/// bump(x, y; cx, cy, r) = exp(1 - 1/(1 - q)), q = ((x-cx)^2 + (y-cy)^2)/r^2 when q < 1, else 0.
double heat_bump(double x, double y, double cx, double cy, double r);

struct HeatStep {
  int step = 0;             ///< 0-based index
  double t = 0.0;           ///< time at the start of the step
  double context = 0.0;     ///< kappa(t)
  CsrMatrix matrix;         ///< A for this step
  std::vector<double> rhs;  ///< b for this step (depends on the current u)
};

/// Produces the steps of the simulation. The caller solves each step and hands the solution back with
/// advance(u) (the next right-hand side depends on it); initial_condition() is u at t0 (bump at t = 0).
class HeatSimulation {
 public:
  explicit HeatSimulation(HeatSettings settings);
  bool done() const;
  /// The system for the current step, built from the current u.
  HeatStep current() const;
  /// Accepts the solution of the current step and moves to the next.
  void advance(std::vector<double> u_next);
  const std::vector<double>& state() const { return u_; }
  const HeatSettings& settings() const { return settings_; }
  Index unknowns() const;

 private:
  HeatSettings settings_;
  int step_ = 0;
  std::vector<double> u_;
};

}  // namespace adasolve::pde
