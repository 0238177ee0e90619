// adasolve-gen shifted-laplacian: experiment E1 of methods/relax.md 7.1, A + c_t I with truncated-Gaussian
// b_t.
#include <limits>

#include "adasolve/core/error.hpp"
#include "adasolve/pde/shifted_laplacian.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "common/settings_options.hpp"
#include "gen/generator_command.hpp"

namespace adasolve::gen {

GeneratorCommand shifted_laplacian_command() {
  GeneratorCommand command;
  command.name = "shifted-laplacian";
  command.summary =
      "E1: 5-point Laplacian (m x m) + c I, c = -0.15 + 0.6 Beta, ||b|| <= sqrt(n); context shift=c";
  command.options = [] {
    po::options_description options("shifted-laplacian options");
    options.add_options()("seed", app::seed_value(), "seed of the std::mt19937_64 stream");
    sequence::ShiftedLaplacianSequenceSettings defaults;
    defaults.count = 10;
    app::add_setting_options(options, defaults);
    return options;
  };
  command.run = [](const po::variables_map& values, const OutputSettings& output) {
    sequence::ShiftedLaplacianSequenceSettings given;
    app::read_setting_options(values, given);
    given.validate();
    pde::ShiftedLaplacianSettings settings;
    settings.distribution = given.distribution;
    settings.seed = seed_from(values);
    settings.m = given.m;
    if (given.count > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
      throw UsageError("--instances must be <= " + std::to_string(std::numeric_limits<int>::max()));
    }
    const auto instances = static_cast<int>(given.count);
    pde::ShiftedLaplacianGenerator generator(settings);
    SequenceWriter writer(output.folder, instances, output.symmetric, output.description);
    for (int t = 0; t < instances; ++t) {
      const pde::ShiftedInstance instance = generator.next();
      writer.add(instance.matrix, instance.rhs, {{"shift", instance.shift}});
    }
    const auto manifest = writer.finish();
    return "shifted-laplacian (" + pde::to_string(settings.distribution) +
           " variance): " + std::to_string(instances) +
           " systems of n = " + std::to_string(generator.base_matrix().rows()) + "; wrote " +
           manifest.string();
  };
  return command;
}

}  // namespace adasolve::gen
