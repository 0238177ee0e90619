#include "solver_registry.hpp"

#include "adasolve/dcdm/dcdm_solver.hpp"
#include "adasolve/dcdm/deflated_pcg.hpp"
#include "adasolve/linear/pcg.hpp"

namespace adasolve::test {

std::vector<SolverEntry> conformance_solvers() {
  return {
      {"cg", [](StoppingCriteria c) { return make_cg(c); }},
      {"jacobi-pcg", [](StoppingCriteria c) { return make_jacobi_pcg(c); }},
      {"dcdm-jacobi", [](StoppingCriteria c) { return std::make_unique<dcdm::DcdmSolver>(dcdm::make_jacobi_direction(), dcdm::DcdmSettings{}, c); }},
      {"deflated-pcg", [](StoppingCriteria c) { return std::make_unique<dcdm::DeflatedPcgSolver>(dcdm::DeflationSettings{}, c); }},
  };
}

}  // namespace adasolve::test
