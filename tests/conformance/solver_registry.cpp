#include "solver_registry.hpp"

#include "adasolve/linear/pcg.hpp"

namespace adasolve::test {

std::vector<SolverEntry> conformance_solvers() {
  return {
      {"cg", [](StoppingCriteria c) { return make_cg(c); }},
      {"jacobi-pcg", [](StoppingCriteria c) { return make_jacobi_pcg(c); }},
  };
}

}  // namespace adasolve::test
