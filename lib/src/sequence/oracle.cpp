#include "adasolve/sequence/oracle.hpp"

#include <limits>

#include "adasolve/core/error.hpp"

namespace adasolve::sequence {

std::vector<double> default_omega_grid() {
  std::vector<double> grid;
  for (int i = 0; i < 20; ++i) {
    grid.push_back(1.0 + 0.05 * i);  // linspace(1, 1.95, 20)
  }
  return grid;
}

namespace {

void require_grid(const std::vector<double>& grid) {
  if (grid.empty()) {
    throw UsageError("oracle: empty omega grid");
  }
}

// A fixed-omega run of the whole sequence; the cumulative cost after each instance.
std::vector<double> fixed_omega_run(const SourceFactory& make_source, const SolverFactory& make_solver,
                                    double omega, bool warm_start) {
  auto source = make_source();
  SequenceRunner runner(*source, [&](double) { return make_solver(omega); }, nullptr,
                        RunnerSettings{ContextChoice{ContextMode::automatic, {}}, warm_start});
  std::vector<double> cumulative;
  double total = 0.0;
  runner.run([&](const InstanceRecord& r) {
    total += r.cost;
    cumulative.push_back(total);
  });
  return cumulative;
}

}  // namespace

OracleResult best_fixed_oracle(const SourceFactory& make_source, const SolverFactory& make_solver,
                               const std::vector<double>& grid, bool warm_start) {
  require_grid(grid);
  OracleResult best;
  best.total = {"best-fixed", std::numeric_limits<double>::infinity(), std::nullopt};
  for (double omega : grid) {
    auto cumulative = fixed_omega_run(make_source, make_solver, omega, warm_start);
    const double total = cumulative.empty() ? 0.0 : cumulative.back();
    if (total < best.total.total_cost) {
      best.total.total_cost = total;
      best.total.omega = omega;
      best.cumulative_cost = std::move(cumulative);
    }
  }
  return best;
}

OracleResult instance_grid_oracle(const SourceFactory& make_source, const SolverFactory& make_solver,
                                  const std::vector<double>& grid, bool warm_start) {
  require_grid(grid);
  OracleResult result;
  result.total = {"instance-grid", 0.0, std::nullopt};
  auto source = make_source();
  std::vector<double> previous;
  while (!source->done()) {
    const Instance instance = source->next();
    const std::size_t n = static_cast<std::size_t>(instance.matrix->rows());
    double best_cost = std::numeric_limits<double>::infinity();
    std::vector<double> best_x;
    for (double omega : grid) {
      auto solver = make_solver(omega);
      solver->setup(instance.matrix);
      std::vector<double> x = warm_start && previous.size() == n ? previous : std::vector<double>(n, 0.0);
      const double cost = instance_cost(solver->solve(instance.rhs, x), solver->criteria().max_iters);
      if (cost < best_cost) {
        best_cost = cost;
        best_x = std::move(x);
      }
    }
    // The trajectory (and the next warm start) follows the cheapest solve.
    source->advance(best_x);
    previous = std::move(best_x);
    result.total.total_cost += best_cost;
    result.cumulative_cost.push_back(result.total.total_cost);
  }
  return result;
}

}  // namespace adasolve::sequence
