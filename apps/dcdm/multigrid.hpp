#pragma once
// dcdm-multigrid with a choice of coarsest solve (--coarse-solve), the ablation of docs/methods/dcdm.md:
//   network  the network on the coarsest grid (the variant as first built; the default)
//   cholmod  the exact solve of the coarsest Galerkin operator (CHOLMOD)
//   ic0      one IC(0) application on the coarsest grid (not an IC(0)-PCG solve: a cheap local operator)
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/setting_fields.hpp"
#include "adasolve/dcdm/direction_generator.hpp"
#include "adasolve/dcdm/grid_map.hpp"
#include "adasolve/dcdm/network.hpp"

namespace adasolve::dcdm_app {

/// --coarsest of solve and bench: where the V-cycle stops coarsening.
struct MultigridCoarsening {
  Index coarsest = 16;
  /// coarsest >= 2 (the library's limit).
  static std::span<const SettingField<MultigridCoarsening>> fields();
};

/// network, cholmod, ic0.
const std::vector<std::string>& coarse_solves();
/// UsageError naming `option` unless `name` is one of coarse_solves().
void check_coarse_solve(const std::string& option, const std::string& name);
/// The V-cycle on `map` coarsened while wider than `coarsest`, `coarse_solve` on its coarsest grid;
/// `network` is called only for the network coarse solve (so the others need no model file).
std::unique_ptr<dcdm::DirectionGenerator> make_multigrid(
    const std::string& coarse_solve, const std::function<std::shared_ptr<const dcdm::Network>()>& network,
    const dcdm::GridMap& map, Index coarsest);

}  // namespace adasolve::dcdm_app
