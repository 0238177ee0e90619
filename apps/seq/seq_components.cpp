#include "seq/seq_components.hpp"

#include "adasolve/core/error.hpp"
#include "adasolve/linear/pcg.hpp"
#include "adasolve/linear/sor.hpp"
#include "adasolve/linear/ssor_pcg.hpp"

namespace adasolve::app {

using namespace adasolve::bandit;
using namespace adasolve::linear;

sequence::SourceFactory source_factory(const SeqConfig& c) {
  return [c]() -> std::unique_ptr<sequence::InstanceSource> {
    if (!c.manifest.empty()) {
      return sequence::make_manifest_sequence(c.manifest);
    }
    if (!c.glob.empty()) {
      return sequence::make_glob_sequence(c.glob);
    }
    if (!c.petsc_binary.empty()) {
      return sequence::make_petsc_binary_sequence(c.petsc_binary, c.rhs);
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
  if (c.solver == "sor") {
    return [stop](double omega) -> std::unique_ptr<LinearSolver> {
      return std::make_unique<SorSolver>(SorSettings{omega}, stop);
    };
  }
  return [stop](double omega) -> std::unique_ptr<LinearSolver> {
    return std::make_unique<SsorPcgSolver>(SorSettings{omega}, stop);
  };
}

std::unique_ptr<OmegaPolicy> make_seq_policy(const SeqConfig& c,
                                             std::optional<std::pair<double, double>> known_range) {
  if (c.policy.empty()) {
    return nullptr;
  }
  OmegaPolicySettings settings = c.policy_settings;
  if (omega_policy_is_contextual(settings.policy)) {
    if (!known_range && !(c.context_min && c.context_max)) {
      throw UsageError("--policy " + settings.policy +
                       " needs the context's range: give --context.min and --context.max");
    }
    auto [lo, hi] = known_range.value_or(std::make_pair(0.0, 0.0));
    if (known_range && lo == hi) {
      // Every instance has the same context (e.g. a manifest column that never changes): any interval
      // containing it will do.
      lo -= 0.5;
      hi += 0.5;
    }
    settings.context = {c.context_min.value_or(lo), c.context_max.value_or(hi)};
    settings.context.validate();
  }
  return make_omega_policy(settings);
}

}  // namespace adasolve::app
