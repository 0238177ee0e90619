#include "adasolve/core/error.hpp"
#include "gen/generator_command.hpp"

namespace adasolve::gen {

std::uint64_t seed_from(const po::variables_map& values) { return values["seed"].as<std::uint64_t>(); }

const std::vector<GeneratorCommand>& generator_commands() {
  static const std::vector<GeneratorCommand> commands = {poisson_command(2), poisson_command(3),
                                                         shifted_laplacian_command(), heat_command()};
  return commands;
}

}  // namespace adasolve::gen
