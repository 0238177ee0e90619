#pragma once
// One adasolve-gen subcommand per generator: its options (filled from the command line) and what it writes.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/options.hpp"
#include "gen/sequence_writer.hpp"

namespace adasolve::gen {

namespace po = boost::program_options;

/// Where and how the files go (options shared by every generator).
struct OutputSettings {
  std::string folder;
  bool symmetric = true;
  std::string description;  ///< the command line, for the manifest header
};

struct GeneratorCommand {
  std::string name;
  std::string summary;                               ///< one line for --help
  std::function<po::options_description()> options;  ///< the generator's own options, with defaults
  /// Writes the sequence; returns a one-line summary for stdout.
  std::function<std::string(const po::variables_map&, const OutputSettings&)> run;
};

/// The value of --seed (app::seed_value(): "-1" is refused while parsing, not wrapped around).
std::uint64_t seed_from(const po::variables_map& values);

/// Every generator, in the order --help lists them.
const std::vector<GeneratorCommand>& generator_commands();

GeneratorCommand poisson_command(int dimensions);
GeneratorCommand shifted_laplacian_command();
GeneratorCommand heat_command();

}  // namespace adasolve::gen
