// Catch2 v2 runner for the PETSc tests: one PetscSession for the whole run, except for --list runs
// (ctest discovery at build time), which must not start MPI.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <string_view>

#include "adasolve/backend/petsc.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]).rfind("--list", 0) == 0) {
      return Catch::Session().run(argc, argv);
    }
  }
  adasolve::backend::PetscSession session;
  return Catch::Session().run(argc, argv);
}
