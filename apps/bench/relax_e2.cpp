// adasolve-bench relax-e2: experiment E2 of Khodak et al. 2024 (methods/relax.md section 7.2). Crank-Nicolson
// heat equation with time-varying diffusion kappa(t); every step is solved by SSOR-PCG (||b - A x|| <=
// 1e-8 ||b||, cap 10 000) warm-started from the previous step's solution; context kappa(t) at the start of
// the step, range [0, 10] (Tsallis-INF-CB: 6 bins, as in the heat experiment).
//
// Every method runs its own trajectory (the next right-hand side depends on the solution it produced):
//   omega=w        fixed omega, deterministic, run once and counted in every trial;
//   best-fixed     the fixed grid value with the smallest total;
//   instance-grid  at every step solve with all grid values from the same warm start and advance with the
//                  best one's solution (ties: the smaller omega), spec 7.2;
//   learners       one trajectory per trial (learner seed S + k + 1000003).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

#include "adasolve/bandit/policy_settings.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/linear/ssor_pcg.hpp"
#include "adasolve/pde/heat.hpp"
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

/// Solves the current step of sim with omega from x0 = u (warm start); returns the iteration count.
int solve_step(SsorPcgSolver& solver, const pde::HeatStep& step, const std::vector<double>& u, double omega,
               std::vector<double>& x) {
  solver.set_omega(omega);
  x = u;
  return solver.solve(step.rhs, x).iterations;  // a capped solve costs max_iters (cap rule)
}

/// Trajectory of a policy (fixed or learning); returns the per-step costs.
std::vector<double> run_policy(const pde::HeatSettings& heat, OmegaPolicy& policy) {
  pde::HeatSimulation sim(heat);
  SsorPcgSolver solver;
  std::vector<double> costs, x;
  while (!sim.done()) {
    pde::HeatStep step = sim.current();
    solver.setup(std::make_shared<const CsrMatrix>(std::move(step.matrix)));
    const double omega = policy.choose(std::vector<double>{step.context});
    const int k = solve_step(solver, step, sim.state(), omega, x);
    policy.observe(k);
    costs.push_back(k);
    sim.advance(x);
  }
  return costs;
}

/// The per-step grid oracle's trajectory.
std::vector<double> run_instance_grid(const pde::HeatSettings& heat, const std::vector<double>& grid) {
  pde::HeatSimulation sim(heat);
  SsorPcgSolver solver;
  std::vector<double> costs, x, best_x;
  while (!sim.done()) {
    pde::HeatStep step = sim.current();
    solver.setup(std::make_shared<const CsrMatrix>(std::move(step.matrix)));
    int best = -1;
    for (double omega : grid) {
      const int k = solve_step(solver, step, sim.state(), omega, x);
      if (best < 0 || k < best) {
        best = k;
        best_x = x;
      }
    }
    costs.push_back(best);
    sim.advance(best_x);
  }
  return costs;
}

std::vector<int> parse_nx_list(const std::string& text) {
  std::vector<int> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      std::size_t used = 0;
      const int v = std::stoi(item, &used);
      if (used != item.size()) {
        throw std::invalid_argument(item);
      }
      values.push_back(v);
    } catch (const std::exception&) {
      throw UsageError("--nx must be a comma-separated list of integers, got '" + text + "'");
    }
  }
  if (values.empty()) {
    throw UsageError("--nx needs at least one value");
  }
  return values;
}

/// True when `name` was asked for (an empty selection means every method).
bool selected(const std::vector<std::string>& methods, const std::string& name) {
  return methods.empty() || std::find(methods.begin(), methods.end(), name) != methods.end();
}

std::vector<MethodResult> run_e2(int nx, int steps, int trials, std::uint64_t seed,
                                 const std::vector<std::string>& methods, double& seconds) {
  const auto start = std::chrono::steady_clock::now();
  pde::HeatSettings heat;
  heat.nx = nx;
  heat.steps = steps;
  heat.dt = 1e-3;
  heat.validate();
  OmegaPolicySettings base;
  base.context = ContextRange{0.0, 10.0};
  base.tsallis_inf_cb.bins = 6;
  const std::vector<double> grid = base.grid.values();

  std::vector<MethodResult> results;
  std::size_t best_arm = 0;
  bool all_fixed = true;
  for (std::size_t a = 0; a < grid.size(); ++a) {
    if (!selected(methods, fixed_name(grid[a]))) {
      all_fixed = false;
      continue;
    }
    OmegaPolicySettings s = base;
    s.policy = "fixed";
    s.omega = grid[a];
    auto policy = make_omega_policy(s);
    MethodResult r{fixed_name(grid[a])};
    const auto costs = run_policy(heat, *policy);
    for (int k = 0; k < trials; ++k) {
      add_trial(r, costs);  // deterministic: the same in every trial
    }
    results.push_back(r);
    if (mean(r.totals) < mean(results[best_arm].totals)) {
      best_arm = results.size() - 1;
    }
  }
  if (all_fixed) {  // best fixed omega in hindsight needs every grid value
    MethodResult best_fixed = results[best_arm];
    best_fixed.name = "best-fixed";
    best_fixed.omega = grid[best_arm];
    results.push_back(best_fixed);
  }

  if (selected(methods, "instance-grid")) {
    MethodResult oracle{"instance-grid"};
    const auto oracle_costs = run_instance_grid(heat, grid);
    for (int k = 0; k < trials; ++k) {
      add_trial(oracle, oracle_costs);
    }
    oracle.note = "oracle: per-step best of the grid";
    results.push_back(oracle);
  }

  for (const auto& name : relax_learners()) {
    if (!selected(methods, name)) {
      continue;
    }
    MethodResult r{name};
    for (int k = 0; k < trials; ++k) {
      OmegaPolicySettings s = base;
      s.policy = name;
      s.seed = seed + static_cast<std::uint64_t>(k) + 1000003;
      auto policy = make_omega_policy(s);
      add_trial(r, run_policy(heat, *policy));
    }
    if (name == relax_learners().back()) {
      r.note = "this project's learner";
    }
    results.push_back(r);
  }
  seconds = seconds_since(start);
  return results;
}

/// The reference row of the table: best-fixed when present, else the first row.
std::string all_fixed_name(const std::vector<MethodResult>& results) {
  for (const auto& r : results) {
    if (r.name == "best-fixed") {
      return r.name;
    }
  }
  return results.front().name;
}

int run_relax_e2(int argc, char** argv) {
  sequence::HeatSequenceSettings e2;  // T = 5000 steps, dt = 1e-3 (the spec's)
  TrialSettings repeat;
  repeat.trials = 3;
  std::uint64_t seed = 1;
  app::po::options_description options("relax-e2 options");
  options.add_options()("nx", app::po::value<std::string>()->default_value("25,50,100"),
                        "intervals per side, comma-separated");
  app::add_setting_options(options, e2, {"steps"});
  app::add_setting_options(options, repeat);
  options.add_options()("seed", app::seed_value(&seed), "base seed S")(
      "methods", app::po::value<std::string>()->default_value(""),
      "only these methods, comma-separated (omega=1.75, instance-grid, chebcb, ...; default: all; best-fixed "
      "needs every fixed omega)")("format", app::po::value<std::string>()->default_value("table"),
                                  "table | json (one object per nx)");
  const auto parsed = app::parse_options(argc, argv, options);
  e2.steps = parsed.values["steps"].as<int>();  // only --steps: --nx here is a list, not e2's nx
  app::read_setting_options(parsed.values, repeat);
  if (parsed.help) {
    app::print_help(
        "adasolve-bench relax-e2 [options]",
        "Experiment E2 (methods/relax.md 7.2): warm-started SSOR-PCG along a Crank-Nicolson heat\n"
        "simulation; every fixed omega, best fixed, the per-step grid oracle and the learners.",
        options);
    return 0;
  }
  const auto& v = parsed.values;
  const std::vector<int> nx_values = parse_nx_list(v["nx"].as<std::string>());
  const int steps = e2.steps;
  const int trials = repeat.trials;
  const std::string format = v["format"].as<std::string>();
  if (format != "table" && format != "json") {
    throw UsageError("--format must be table or json, got '" + format + "'");
  }
  const std::vector<std::string> methods = app::split_comma_list(v["methods"].as<std::string>());
  for (int nx : nx_values) {
    double seconds = 0.0;
    const auto results = run_e2(nx, steps, trials, seed, methods, seconds);
    if (results.empty()) {
      throw UsageError("--methods selects none of the methods of relax-e2");
    }
    if (format == "json") {
      print_relax_json(std::cout, {{"experiment", "relax-e2"}, {"nx", nx}, {"steps", steps}, {"seed", seed}},
                       results);
    } else {
      print_relax_table(std::cout,
                        "E2 heat: SSOR-PCG, nx = " + std::to_string(nx) + " (n = " +
                            std::to_string((nx - 1) * (nx - 1)) + "), T = " + std::to_string(steps) +
                            ", trials = " + std::to_string(trials) + ", seed = " + std::to_string(seed) +
                            " (mean over trials; " + std::to_string(static_cast<int>(seconds)) + " s)",
                        results, all_fixed_name(results));
      std::cout << "\n";
    }
    std::cout.flush();
  }
  return 0;
}

const Registration registration{
    "relax-e2", "E2: warm-started SSOR-PCG along a heat simulation, omega learners", &run_relax_e2};

}  // namespace

}  // namespace adasolve::bench
