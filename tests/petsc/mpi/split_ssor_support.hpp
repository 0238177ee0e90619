#pragma once
// What the MPI tests of the two parallel SSORs (interface-ordered and pipelined) share: the rank's slice of
// a whole vector, heat E2's matrix, and the check that a second setup with new values on the same pattern
// (what PETSc does between heat steps) behaves as a fresh setup.
#include <catch2/catch.hpp>
#include <memory>
#include <vector>

#include "adasolve/backend/petsc_parallel.hpp"
#include "adasolve/pde/heat_rows.hpp"
#include "test_support.hpp"

namespace adasolve::test {

inline std::vector<double> local_part(const std::vector<double>& whole, const backend::RowPartition& rows) {
  return {whole.begin() + rows.begin, whole.begin() + rows.end};
}

/// Heat E2's Crank-Nicolson matrix at time t on the (nx - 1)^2 interior grid, row-major.
inline CsrMatrix heat_matrix(int nx, double t) {
  pde::HeatSettings heat;
  heat.nx = nx;
  const Index n = (nx - 1) * (nx - 1);
  return pde::heat_matrix_rows(heat, pde::heat_step_s(heat, t), 0, n);
}

/// Collective. The heat matrix of t = 0.6 then of t = 0.75 set up in one solver gives the same solve,
/// residual for residual, as the t = 0.75 matrix set up in a fresh one.
inline void check_setup_again_equals_fresh(const backend::PetscKspSettings& settings) {
  const CsrMatrix first = heat_matrix(40, 0.6);
  const CsrMatrix second = heat_matrix(40, 0.75);
  const auto rows = backend::RowPartition::for_this_rank(first.rows());
  const auto b = local_part(gaussian_vector(first.rows(), 17), rows);
  backend::PetscDistributedSolver reused(settings);
  reused.setup(std::make_shared<const CsrMatrix>(backend::row_block(first, rows)), rows);
  reused.setup(std::make_shared<const CsrMatrix>(backend::row_block(second, rows)), rows);
  backend::PetscDistributedSolver fresh(settings);
  fresh.setup(std::make_shared<const CsrMatrix>(backend::row_block(second, rows)), rows);
  std::vector<double> x1(b.size(), 0.0), x2(b.size(), 0.0);
  const auto r1 = reused.solve(b, x1);
  const auto r2 = fresh.solve(b, x2);
  CHECK(r1.converged());
  CHECK(r1.iterations == r2.iterations);
  CHECK(r1.residual_history == r2.residual_history);
}

}  // namespace adasolve::test
