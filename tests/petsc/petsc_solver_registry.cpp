// The conformance suite's solver list for the PETSc binary: PETSc's KSPs as adasolve LinearSolvers.
#include "adasolve/backend/petsc.hpp"
#include "adasolve/sequence/solver_arm.hpp"
#include "arm_solver.hpp"
#include "solver_registry.hpp"

namespace adasolve::test {

using namespace adasolve::backend;

namespace {

SolverEntry petsc_entry(const PetscKspSettings& settings) {
  auto solver = PetscKspSolver(settings);
  return {solver.name(), [settings](StoppingCriteria c) { return make_petsc_ksp_solver(settings, c); }};
}

/// The PETSc arms of --solver auto (apps/seq/backend/petsc_arms.cpp builds them the same way): a KSP that
/// keeps its preconditioner when told to.
SolverEntry petsc_arm_entry(const std::string& pc, bool reuse) {
  return {"arm " + pc + (reuse ? " (kept setup)" : ""), [pc, reuse](StoppingCriteria c) {
            auto solver = std::make_unique<PetscKspSolver>(PetscKspSettings::cg_with(pc), c);
            PetscKspSolver* kept = solver.get();
            auto arm = sequence::make_kept_setup_arm(pc, std::move(solver),
                                                     [kept](bool keep) { kept->reuse_preconditioner(keep); });
            return std::make_unique<ArmSolver>(std::move(arm), reuse, c);
          }};
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
      petsc_arm_entry("icc", false),
      petsc_arm_entry("icc", true),
      petsc_arm_entry("gamg", false),
      petsc_arm_entry("gamg", true),
      petsc_arm_entry("hypre", false),
      petsc_arm_entry("hypre", true),
  };
}

}  // namespace adasolve::test
