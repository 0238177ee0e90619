#include "adasolve/core/error.hpp"
#include "gen/generator_command.hpp"

namespace adasolve::gen {

po::typed_value<std::int64_t>* seed_value() { return po::value<std::int64_t>()->default_value(1); }

std::uint64_t seed_from(const po::variables_map& values) {
  const std::int64_t seed = values["seed"].as<std::int64_t>();
  if (seed < 0) {
    throw UsageError("--seed must be >= 0, got " + std::to_string(seed));
  }
  return static_cast<std::uint64_t>(seed);
}

const std::vector<GeneratorCommand>& generator_commands() {
  static const std::vector<GeneratorCommand> commands = {poisson_command(2), poisson_command(3),
                                                         shifted_laplacian_command(), heat_command()};
  return commands;
}

}  // namespace adasolve::gen
