#pragma once
// Comparators that see the whole sequence (methods/relax.md section 6): not practical methods, the yardsticks
// of a learner's regret. Both replay the sequence from a fresh source, so they cost |grid| times the run.
//
//   best-fixed     the grid value omega with the smallest total cost over the whole sequence, each omega run
//                  as its own sequence (trajectories follow that omega's solutions);
//   instance-grid  at every instance, solve with every grid value and keep the cheapest; a trajectory
//                  (heat equation) advances with the cheapest solve's solution, the warm start likewise
//                  (spec section 7.2, "per-step grid oracle").
// Costs follow the runner's rule (failed solves count at the cap).
#include <functional>
#include <memory>
#include <vector>

#include "adasolve/sequence/sequence_runner.hpp"
#include "adasolve/sequence/sequence_summary.hpp"

namespace adasolve::sequence {

using SourceFactory = std::function<std::unique_ptr<InstanceSource>()>;

/// The spec's action grid: 1.00, 1.05, ..., 1.95 (20 values).
std::vector<double> default_omega_grid();

struct OracleResult {
  OracleTotal total;
  std::vector<double> cumulative_cost;   ///< after each instance (for plots)
};

OracleResult best_fixed_oracle(const SourceFactory& make_source, const SolverFactory& make_solver,
                               const std::vector<double>& grid, bool warm_start);
OracleResult instance_grid_oracle(const SourceFactory& make_source, const SolverFactory& make_solver,
                                  const std::vector<double>& grid, bool warm_start);

}  // namespace adasolve::sequence
