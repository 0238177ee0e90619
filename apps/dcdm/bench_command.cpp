#include "adasolve/core/error.hpp"
#include "dcdm/commands.hpp"

namespace adasolve::dcdm_app {

int run_bench(int /*argc*/, char** /*argv*/) { throw UsageError("bench: not built yet"); }

}  // namespace adasolve::dcdm_app
