#include "seq/seq_backend.hpp"

#include "adasolve/core/error.hpp"
#include "seq/seq_components.hpp"

namespace adasolve::app {

sequence::SolverFactory SeqBackend::solvers(const SeqConfig& config) const { return solver_factory(config); }

std::unique_ptr<sequence::SolverArm> SeqBackend::arm(const ArmSpec& spec, const SeqConfig& config) const {
  if (spec.kind == "ssor-pcg") {
    return sequence::make_ssor_pcg_arm(config.stop);
  }
  if (spec.kind == "ic0-pcg") {
    return sequence::make_ic0_pcg_arm(config.stop);
  }
  throw UsageError("--portfolio: " + spec.name() +
                   " is a PETSc arm, and this adasolve-seq was built without PETSc");
}

}  // namespace adasolve::app
