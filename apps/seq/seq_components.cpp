#include "seq/seq_components.hpp"

#include "adasolve/core/error.hpp"
#include "adasolve/linear/pcg.hpp"

namespace adasolve::app {

sequence::SourceFactory source_factory(const SeqConfig& c) {
  return [c]() -> std::unique_ptr<sequence::InstanceSource> {
    if (!c.manifest.empty()) {
      return sequence::make_manifest_sequence(c.manifest);
    }
    if (!c.glob.empty()) {
      return sequence::make_glob_sequence(c.glob);
    }
    if (c.generator == "heat") {
      return sequence::make_heat_sequence(c.heat);
    }
    if (c.generator == "shifted-laplacian") {
      return sequence::make_shifted_laplacian_sequence(c.shifted);
    }
    return sequence::make_poisson_sequence(c.poisson);
  };
}

sequence::SolverFactory solver_factory(const SeqConfig& c) {
  const StoppingCriteria stop = c.stop;
  if (c.solver == "cg") {
    return [stop](double) -> std::unique_ptr<LinearSolver> { return make_cg(stop); };
  }
  throw UsageError("--solver " + c.solver + " is not available in this build");
}

std::unique_ptr<OmegaPolicy> make_seq_policy(const SeqConfig& c) {
  if (c.policy.empty()) {
    return nullptr;
  }
  throw UsageError("--policy " + c.policy + " is not available in this build");
}

}  // namespace adasolve::app
