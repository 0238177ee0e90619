// The conformance suite's solver list for the PETSc binary: PETSc's KSPs as adasolve LinearSolvers.
#include "adasolve/backend/petsc.hpp"
#include "solver_registry.hpp"

namespace adasolve::test {

namespace {

SolverEntry petsc_entry(const PetscKspSettings& settings) {
  auto solver = PetscKspSolver(settings);
  return {solver.name(), [settings](StoppingCriteria c) { return make_petsc_ksp_solver(settings, c); }};
}

}  // namespace

std::vector<SolverEntry> conformance_solvers() {
  return {
      petsc_entry(PetscKspSettings::sor(1.5)),
      petsc_entry(PetscKspSettings::ssor_pcg(1.3)),
      petsc_entry(PetscKspSettings::eisenstat_pcg(1.3)),
      petsc_entry(PetscKspSettings::cg_with("none")),
      petsc_entry(PetscKspSettings::cg_with("icc")),
      petsc_entry(PetscKspSettings::cg_with("gamg")),
      petsc_entry(PetscKspSettings::cg_with("hypre")),
  };
}

}  // namespace adasolve::test
