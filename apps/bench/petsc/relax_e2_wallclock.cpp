// adasolve-bench relax-e2-wallclock: the whole E2 heat sequence (methods/relax.md 7.2; default nx = 200 over
// one period of kappa, T = 1000, dt = 1e-3), wall-clock, adasolve SSOR-PCG + ChebCB against PETSc's CG with
// SOR (symmetric, omega = 1), ICC(0), GAMG and hypre BoomerAMG, all in this process, each method on its own
// warm-started trajectory with the same stopping rule (||b - A x|| <= 1e-8 ||b||, our rule, see
// PetscKspSolver). Seconds are setup + solve of the linear systems (building the step's matrix and
// right-hand side is not counted); every method sets up once per step because A changes every step.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <sstream>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/bandit/policy_settings.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/linear/ssor_pcg.hpp"
#include "adasolve/pde/heat.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "bench/benchmark_registry.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"

namespace adasolve::bench {

using namespace adasolve::backend;
using namespace adasolve::bandit;
using namespace adasolve::linear;

namespace {

struct SequenceResult {
  std::string method;
  double iterations = 0.0;
  double seconds = 0.0;
  int unconverged = 0;
};

/// Runs the heat sequence with `solver`; `policy` (may be null) chooses omega per step via `set_omega`.
template <class Solver>
SequenceResult run_sequence(const std::string& method, const pde::HeatSettings& heat, Solver& solver,
                            OmegaPolicy* policy) {
  SequenceResult result{method};
  pde::HeatSimulation sim(heat);
  std::vector<double> x;
  while (!sim.done()) {
    pde::HeatStep step = sim.current();
    if (policy != nullptr) {
      solver.set_omega(policy->choose(std::vector<double>{step.context}));
    }
    solver.setup(std::make_shared<const CsrMatrix>(std::move(step.matrix)));
    x = sim.state();  // warm start
    const SolveReport report = solver.solve(step.rhs, x);
    if (policy != nullptr) {
      policy->observe(report.iterations);
    }
    result.iterations += report.iterations;
    result.seconds += solver.setup_seconds() + report.solve_seconds;
    result.unconverged += report.converged() ? 0 : 1;
    sim.advance(x);
  }
  return result;
}

int run_relax_e2_wallclock(int argc, char** argv) {
  sequence::HeatSequenceSettings e2;
  e2.nx = 200;
  e2.steps = 1000;  // one period of kappa, dt = 1e-3
  std::uint64_t seed = 1;
  app::po::options_description options("relax-e2-wallclock options");
  app::add_setting_options(options, e2, {"nx", "steps"});
  options.add_options()("seed", app::seed_value(&seed), "ChebCB seed")(
      "peers", app::po::value<std::string>()->default_value("sor,icc,gamg,hypre"),
      "PETSc CG preconditioners to compare, comma-separated (sor = symmetric SOR with omega 1)");
  const auto parsed = app::parse_options(argc, argv, options);
  app::read_setting_options(parsed.values, e2);
  if (parsed.help) {
    app::print_help("adasolve-bench relax-e2-wallclock [options]",
                    "Whole E2 sequence, wall-clock: adasolve SSOR-PCG + ChebCB vs PETSc CG + SOR / ICC / "
                    "GAMG / BoomerAMG.",
                    options);
    return 0;
  }
  const auto& v = parsed.values;
  pde::HeatSettings heat;
  heat.nx = e2.nx;
  heat.steps = e2.steps;
  heat.validate();
  std::vector<std::string> peers;
  {
    std::stringstream in(v["peers"].as<std::string>());
    std::string item;
    while (std::getline(in, item, ',')) {
      if (item != "sor" && item != "icc" && item != "gamg" && item != "hypre") {
        throw UsageError("--peers: unknown preconditioner '" + item + "' (sor, icc, gamg, hypre)");
      }
      peers.push_back(item);
    }
  }
  PetscSession session;
  std::vector<SequenceResult> results;
  {
    OmegaPolicySettings s;
    s.policy = "chebcb";
    s.context = ContextRange{0.0, 10.0};
    s.seed = seed;
    auto policy = make_omega_policy(s);
    SsorPcgSolver solver;
    results.push_back(run_sequence("adasolve ssor-pcg + chebcb", heat, solver, policy.get()));
  }
  for (const auto& pc : peers) {
    PetscKspSolver solver(pc == "sor" ? PetscKspSettings::ssor_pcg(1.0) : PetscKspSettings::cg_with(pc));
    results.push_back(run_sequence("petsc cg + " + (pc == "sor" ? std::string("sor(1)") : pc), heat, solver,
                                   static_cast<OmegaPolicy*>(nullptr)));
  }
  std::cout << fmt::format(
      "E2 heat, nx = {} (n = {}), T = {} steps, warm start, rtol 1e-8 (relative to ||b||)\n", heat.nx,
      (heat.nx - 1) * (heat.nx - 1), heat.steps);
  std::cout << fmt::format("{:<28} {:>12} {:>10} {:>16} {:>12}\n", "method", "iterations", "seconds",
                           "vs adasolve (s)", "unconverged");
  for (const auto& r : results) {
    std::cout << fmt::format("{:<28} {:>12.0f} {:>10.2f} {:>15.2f}x {:>12}\n", r.method, r.iterations,
                             r.seconds, r.seconds / results.front().seconds, r.unconverged);
  }
  return 0;
}

const Registration registration{
    "relax-e2-wallclock", "E2 whole sequence wall-clock: SSOR-PCG + ChebCB vs PETSc CG + SOR/ICC/GAMG/hypre",
    &run_relax_e2_wallclock};

}  // namespace

}  // namespace adasolve::bench
