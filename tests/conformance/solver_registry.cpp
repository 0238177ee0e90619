#include "solver_registry.hpp"

#include "adasolve/dcdm/dcdm_solver.hpp"
#include "adasolve/dcdm/deflated_pcg.hpp"
#include "adasolve/linear/pcg.hpp"
#include "adasolve/linear/sor.hpp"
#include "adasolve/linear/ssor_pcg.hpp"
#include "adasolve/sequence/solver_arm.hpp"
#include "arm_solver.hpp"

namespace adasolve::test {

using namespace adasolve::linear;

std::vector<SolverEntry> conformance_solvers() {
  return {
      {"cg", [](StoppingCriteria c) { return make_cg(c); }},
      {"jacobi-pcg", [](StoppingCriteria c) { return make_jacobi_pcg(c); }},
      {"dcdm-jacobi",
       [](StoppingCriteria c) {
         return std::make_unique<dcdm::DcdmSolver>(dcdm::make_jacobi_direction(), dcdm::DcdmSettings{}, c);
       }},
      {"deflated-pcg",
       [](StoppingCriteria c) {
         return std::make_unique<dcdm::DeflatedPcgSolver>(dcdm::DeflationSettings{}, c);
       }},
      {"sor(1.5)", [](StoppingCriteria c) { return std::make_unique<SorSolver>(SorSettings{1.5}, c); }},
      {"ssor-pcg(1.3)",
       [](StoppingCriteria c) { return std::make_unique<SsorPcgSolver>(SorSettings{1.3}, c); }},
      // The arms of --solver auto, rebuilt and with a setup kept from another matrix.
      {"arm ssor-pcg",
       [](StoppingCriteria c) {
         return std::make_unique<ArmSolver>(sequence::make_ssor_pcg_arm(c), false, c);
       }},
      {"arm ssor-pcg (kept setup)",
       [](StoppingCriteria c) {
         return std::make_unique<ArmSolver>(sequence::make_ssor_pcg_arm(c), true, c);
       }},
      {"arm ic0-pcg",
       [](StoppingCriteria c) {
         return std::make_unique<ArmSolver>(sequence::make_ic0_pcg_arm(c), false, c);
       }},
      {"arm ic0-pcg (kept setup)",
       [](StoppingCriteria c) {
         return std::make_unique<ArmSolver>(sequence::make_ic0_pcg_arm(c), true, c);
       }},
  };
}

}  // namespace adasolve::test
