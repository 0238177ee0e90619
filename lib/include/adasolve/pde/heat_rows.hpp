#pragma once
// Experiment E2 (heat.hpp) assembled one block of rows at a time, for runs where each MPI rank builds only
// the rows it owns. Same numbering and formulas as HeatSimulation: unknown p = i m + j at ((i+1) h, (j+1) h),
// m = nx - 1, h = 1 / nx, and for a step from t, t_h = t + dt / 2, s = kappa(t_h) dt / (2 h^2):
//   A = (1 + 4 s) I - s (neighbours)                         (rows [row_begin, row_end), columns global)
//   b = u + s (u_N + u_S + u_E + u_W - 4 u) + f = 2 u - A u + f,   f = dt * 32 * bump(x, y; c(t_h), 0.125).
// The neighbour sum of b needs u one grid row (m unknowns) beyond the block on each side, so a distributed
// caller forms b as 2 u + f - A u with its distributed A (heat_forcing_rows gives f).
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/pde/heat.hpp"

namespace adasolve::pde {

/// s = kappa(t + dt/2) dt / (2 h^2) for the step that starts at time t.
double heat_step_s(const HeatSettings& settings, double t);

/// Rows [row_begin, row_end) of A = (1 + 4 s) I - s (neighbours) on the m x m interior grid, m = nx - 1;
/// a (row_end - row_begin) x m^2 CsrMatrix whose columns are global. UsageError for a range outside [0, m^2].
CsrMatrix heat_matrix_rows(const HeatSettings& settings, double s, Index row_begin, Index row_end);

/// f = dt * 32 * bump(x, y; c(t_h), 0.125) on rows [row_begin, row_end) for the step that starts at time t.
std::vector<double> heat_forcing_rows(const HeatSettings& settings, double t, Index row_begin, Index row_end);

/// The initial condition u = bump(x, y; 0.5, 0.5, 0.25) on rows [row_begin, row_end).
std::vector<double> heat_initial_rows(const HeatSettings& settings, Index row_begin, Index row_end);

}  // namespace adasolve::pde
