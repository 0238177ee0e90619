// adasolve-bench relax-e1: experiment E1 of Khodak et al. 2024 (methods/relax.md sections 7.1 and 9.2).
// SOR (x0 = 0, ||r_k|| / ||r_0|| < 1e-8, cap 10 000) on A_t = A + c_t I, A the 5-point Laplacian on an m x m
// grid, c_t = -0.15 + 0.6 Beta(...), b_t truncated Gaussian; context c_t.
//
// Per trial k the instance sequence is drawn once (generator seed S + k) and every method runs on it. The
// iteration counts of all 20 grid values are computed for every instance (they give the fixed-omega totals,
// best fixed omega in hindsight and the per-instance grid optimum); learners (seed S + k + 1000003) pick grid
// values and read their cost from that table, which is exactly the count a fresh solve would return.
// `young` solves every instance with Young's omega*(c) from the exact Jacobi spectral radius
// rho_J = 4 cos(pi/(m+1)) / (4 + c) (the spec's "Instance-Optimal", an oracle).
#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>
#include <memory>

#include "adasolve/bandit/policy_settings.hpp"
#include "adasolve/bandit/young_policy.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/linear/sor.hpp"
#include "adasolve/pde/shifted_laplacian.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "bench/benchmark_registry.hpp"
#include "bench/relax_report.hpp"
#include "bench/trial_settings.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"

namespace adasolve::bench {

using namespace adasolve::bandit;
using namespace adasolve::linear;

namespace {

struct E1Trial {
  std::vector<double> contexts;
  std::vector<std::vector<double>> grid_costs;  // [instance][arm]
  std::vector<double> young_costs;
};

int solve_count(SorSolver& sor, const std::vector<double>& b, double omega) {
  sor.set_omega(omega);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport report = sor.solve(b, x);
  return report.iterations;  // the cap rule: a capped solve costs max_iters (reported as such)
}

E1Trial run_instances(const pde::ShiftedLaplacianSettings& generator_settings, int instances,
                      const std::vector<double>& grid) {
  pde::ShiftedLaplacianGenerator generator(generator_settings);
  const double m = generator_settings.m;
  E1Trial trial;
  SorSolver sor;
  for (int t = 0; t < instances; ++t) {
    pde::ShiftedInstance instance = generator.next();
    sor.setup(std::make_shared<const CsrMatrix>(std::move(instance.matrix)));
    std::vector<double> costs(grid.size());
    for (std::size_t a = 0; a < grid.size(); ++a) {
      costs[a] = solve_count(sor, instance.rhs, grid[a]);
    }
    const double rho = 4.0 * std::cos(M_PI / (m + 1.0)) / (4.0 + instance.shift);
    trial.young_costs.push_back(solve_count(sor, instance.rhs, young_omega(rho)));
    trial.contexts.push_back(instance.shift);
    trial.grid_costs.push_back(std::move(costs));
  }
  return trial;
}

std::vector<double> run_learner(const OmegaPolicySettings& settings, const E1Trial& trial,
                                const std::vector<double>& grid) {
  auto policy = make_omega_policy(settings);
  std::vector<double> costs;
  costs.reserve(trial.contexts.size());
  for (std::size_t t = 0; t < trial.contexts.size(); ++t) {
    const double omega = policy->choose(std::vector<double>{trial.contexts[t]});
    std::size_t arm = grid.size();
    for (std::size_t a = 0; a < grid.size(); ++a) {
      if (std::abs(grid[a] - omega) < 1e-12) {
        arm = a;
      }
    }
    if (arm == grid.size()) {
      throw Error(settings.policy + " chose omega " + std::to_string(omega) + ", which is not on the grid");
    }
    const double k = trial.grid_costs[t][arm];
    policy->observe(k);
    costs.push_back(k);
  }
  return costs;
}

int run_relax_e1(int argc, char** argv) {
  sequence::ShiftedLaplacianSequenceSettings e1;  // m = 10, T = 5000 instances per trial (the spec's)
  TrialSettings repeat;
  repeat.trials = 10;
  std::uint64_t seed = 1;
  app::po::options_description options("relax-e1 options");
  app::add_setting_options(options, e1);
  app::add_setting_options(options, repeat);
  options.add_options()("seed", app::seed_value(&seed), "base seed S")(
      "format", app::po::value<std::string>()->default_value("table"), "table | json");
  const auto parsed = app::parse_options(argc, argv, options);
  app::read_setting_options(parsed.values, e1);
  app::read_setting_options(parsed.values, repeat);
  if (parsed.help) {
    app::print_help(
        "adasolve-bench relax-e1 [options]",
        "Experiment E1 (methods/relax.md 7.1): SOR on shifted Laplacians, every fixed omega of the grid,\n"
        "best fixed omega, Young per instance, per-instance grid optimum and the learners.",
        options);
    return 0;
  }
  const auto& v = parsed.values;
  e1.validate();
  if (e1.count > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw UsageError("--instances must be <= " + std::to_string(std::numeric_limits<int>::max()));
  }
  const int instances = static_cast<int>(e1.count);
  const int trials = repeat.trials;
  const std::string format = v["format"].as<std::string>();
  if (format != "table" && format != "json") {
    throw UsageError("--format must be table or json, got '" + format + "'");
  }
  pde::ShiftedLaplacianSettings gen;
  gen.m = e1.m;
  gen.distribution = e1.distribution;
  gen.validate();

  OmegaPolicySettings policy_settings;  // spec defaults: grid linspace(1, 1.95, 20), context [-0.15, 0.65]
  const std::vector<double> grid = policy_settings.grid.values();

  const auto start = std::chrono::steady_clock::now();
  std::vector<MethodResult> fixed(grid.size());
  MethodResult young{"young"}, instance_grid{"instance-grid"};
  std::vector<MethodResult> learners;
  for (const auto& name : relax_learners()) {
    learners.push_back(MethodResult{name});
  }
  for (int k = 0; k < trials; ++k) {
    gen.seed = seed + static_cast<std::uint64_t>(k);
    const E1Trial trial = run_instances(gen, instances, grid);
    for (std::size_t a = 0; a < grid.size(); ++a) {
      std::vector<double> costs;
      for (const auto& row : trial.grid_costs) {
        costs.push_back(row[a]);
      }
      fixed[a].name = fixed_name(grid[a]);
      add_trial(fixed[a], costs);
    }
    std::vector<double> best;
    for (const auto& row : trial.grid_costs) {
      best.push_back(*std::min_element(row.begin(), row.end()));
    }
    add_trial(instance_grid, best);
    add_trial(young, trial.young_costs);
    for (auto& learner : learners) {
      OmegaPolicySettings s = policy_settings;
      s.policy = learner.name;
      s.seed = seed + static_cast<std::uint64_t>(k) + 1000003;
      add_trial(learner, run_learner(s, trial, grid));
    }
  }
  const double seconds = seconds_since(start);

  // Best fixed omega in hindsight: the grid value with the smallest mean total.
  std::size_t best_arm = 0;
  for (std::size_t a = 0; a < grid.size(); ++a) {
    if (mean(fixed[a].totals) < mean(fixed[best_arm].totals)) {
      best_arm = a;
    }
  }
  MethodResult best_fixed = fixed[best_arm];
  best_fixed.name = "best-fixed";
  best_fixed.omega = grid[best_arm];
  young.note = "oracle: exact rho_J per instance";
  instance_grid.note = "oracle: per-instance best of the grid";
  learners.back().note = "this project's learner";

  std::vector<MethodResult> results = fixed;
  results.push_back(best_fixed);
  results.push_back(young);
  results.push_back(instance_grid);
  results.insert(results.end(), learners.begin(), learners.end());
  if (format == "json") {
    print_relax_json(std::cout,
                     {{"experiment", "relax-e1"},
                      {"distribution", pde::to_string(gen.distribution)},
                      {"n", gen.m * gen.m},
                      {"instances", instances},
                      {"seed", seed}},
                     results);
  } else {
    print_relax_table(std::cout,
                      "E1 " + pde::to_string(gen.distribution) + " variance: SOR, n = " +
                          std::to_string(gen.m * gen.m) + ", T = " + std::to_string(instances) +
                          ", trials = " + std::to_string(trials) + ", seed = " + std::to_string(seed) +
                          " (mean over trials; " + std::to_string(static_cast<int>(seconds)) + " s)",
                      results, fixed_name(1.0));
  }
  return 0;
}

const Registration registration{
    "relax-e1", "E1: SOR on shifted Laplacians, fixed omegas vs oracles vs learners", &run_relax_e1};

}  // namespace

}  // namespace adasolve::bench
