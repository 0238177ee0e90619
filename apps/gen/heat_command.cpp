// adasolve-gen heat: experiment E2 of methods/relax.md 7.2. Each step's right-hand side depends on the
// previous solution, so every step is solved here (CG, rtol 1e-10, warm start from the previous u) and the
// written sequence is the true Crank-Nicolson trajectory.
#include <algorithm>
#include <memory>

#include "adasolve/core/error.hpp"
#include "adasolve/linear/pcg.hpp"
#include "adasolve/pde/heat.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "common/settings_options.hpp"
#include "gen/generator_command.hpp"

namespace adasolve::gen {

using namespace adasolve::linear;

GeneratorCommand heat_command() {
  GeneratorCommand command;
  command.name = "heat";
  command.summary =
      "E2: 2D heat equation, Crank-Nicolson, kappa(t), moving forcing; context kappa=kappa(t).\n"
      "Each step is solved here with CG (rtol 1e-10, warm start): the written right-hand sides\n"
      "follow the true trajectory";
  command.options = [] {
    po::options_description options("heat options");
    sequence::HeatSequenceSettings defaults;
    defaults.steps = 1000;  // one period of kappa (the spec runs 5000)
    app::add_setting_options(options, defaults);
    return options;
  };
  command.run = [](const po::variables_map& values, const OutputSettings& output) {
    sequence::HeatSequenceSettings given;
    app::read_setting_options(values, given);
    given.validate();
    const pde::HeatSettings settings{given.nx, given.steps, given.dt, given.t0};
    pde::HeatSimulation simulation(settings);
    StoppingCriteria criteria;
    criteria.rtol = 1e-10;
    criteria.max_iters = std::max(1000, 10 * simulation.unknowns());
    const auto cg = make_cg(criteria);
    SequenceWriter writer(output.folder, settings.steps, output.symmetric, output.description);
    int min_iterations = 0, max_iterations = 0;
    while (!simulation.done()) {
      pde::HeatStep step = simulation.current();
      writer.add(step.matrix, step.rhs, {{"kappa", step.context}}, "t=" + exact_number(step.t));
      std::vector<double> u = simulation.state();  // warm start
      cg->setup(std::make_shared<const CsrMatrix>(std::move(step.matrix)));
      const SolveReport report = cg->solve(step.rhs, u);
      if (!report.converged()) {
        throw Error("heat step " + std::to_string(step.step) + ": CG stopped with " +
                    to_string(report.reason) + " at relative residual " +
                    exact_number(report.relative_residual()));
      }
      min_iterations = step.step == 0 ? report.iterations : std::min(min_iterations, report.iterations);
      max_iterations = std::max(max_iterations, report.iterations);
      simulation.advance(std::move(u));
    }
    const auto manifest = writer.finish();
    return "heat: " + std::to_string(settings.steps) +
           " steps of n = " + std::to_string(simulation.unknowns()) +
           " (CG to rtol 1e-10: " + std::to_string(min_iterations) + "-" + std::to_string(max_iterations) +
           " iterations per step); wrote " + manifest.string();
  };
  return command;
}

}  // namespace adasolve::gen
