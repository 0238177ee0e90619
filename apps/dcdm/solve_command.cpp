#include "adasolve/core/error.hpp"
#include "dcdm/commands.hpp"

namespace adasolve::dcdm_app {

int run_solve(int /*argc*/, char** /*argv*/) { throw UsageError("solve: not built yet"); }

}  // namespace adasolve::dcdm_app
