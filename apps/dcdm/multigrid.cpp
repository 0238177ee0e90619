#include "dcdm/multigrid.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "adasolve/core/error.hpp"
#include "adasolve/dcdm/neural_direction.hpp"
#include "adasolve/dcdm/two_level_direction.hpp"

namespace adasolve::dcdm_app {

std::span<const SettingField<MultigridCoarsening>> MultigridCoarsening::fields() {
  static const SettingField<MultigridCoarsening> described[] = {
      {"coarsest", &MultigridCoarsening::coarsest,
       "multigrid: coarsen while the grid is wider than this; the network runs there (16: its receptive "
       "field spans the grid)",
       SettingRange::at_least(2.0)},
  };
  return described;
}

const std::vector<std::string>& coarse_solves() {
  static const std::vector<std::string> names{"network", "cholmod", "ic0"};
  return names;
}

void check_coarse_solve(const std::string& option, const std::string& name) {
  const auto& known = coarse_solves();
  if (std::find(known.begin(), known.end(), name) == known.end()) {
    throw UsageError(fmt::format("{}: unknown coarse solve '{}' ({})", option, name, fmt::join(known, ", ")));
  }
}

std::unique_ptr<dcdm::DirectionGenerator> make_multigrid(
    const std::string& coarse_solve, const std::function<std::shared_ptr<const dcdm::Network>()>& network,
    const dcdm::GridMap& map, Index coarsest) {
  check_coarse_solve("--coarse-solve", coarse_solve);
  if (coarse_solve == "network") {
    return dcdm::make_multigrid_network_direction(network(), map, coarsest);
  }
  return dcdm::make_multigrid_direction(coarse_solve, map, coarsest, [coarse_solve](const dcdm::GridMap&) {
    return dcdm::make_classical_direction(coarse_solve);
  });
}

}  // namespace adasolve::dcdm_app
