#include "solver_registry.hpp"

#include "adasolve/linear/pcg.hpp"
#include "adasolve/linear/sor.hpp"
#include "adasolve/linear/ssor_pcg.hpp"

namespace adasolve::test {

std::vector<SolverEntry> conformance_solvers() {
  return {
      {"cg", [](StoppingCriteria c) { return make_cg(c); }},
      {"jacobi-pcg", [](StoppingCriteria c) { return make_jacobi_pcg(c); }},
      {"sor(1.5)", [](StoppingCriteria c) { return std::make_unique<SorSolver>(SorSettings{1.5}, c); }},
      {"ssor-pcg(1.3)", [](StoppingCriteria c) { return std::make_unique<SsorPcgSolver>(SorSettings{1.3}, c); }},
  };
}

}  // namespace adasolve::test
