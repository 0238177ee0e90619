// adasolve-seq built without PETSc: only the native backend exists.
#include "adasolve/core/error.hpp"
#include "seq/seq_backend.hpp"

namespace adasolve::app {

SeqConfig read_seq_config_collectively(const std::function<SeqConfig()>& read) { return read(); }

std::unique_ptr<SeqBackend> start_seq_backend(const SeqConfig& config) {
  if (config.backend == "petsc") {
    throw UsageError("--backend petsc: this adasolve-seq was built without PETSc (ADASOLVE_WITH_PETSC=OFF)");
  }
  return std::make_unique<SeqBackend>();
}

}  // namespace adasolve::app
