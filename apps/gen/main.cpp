// adasolve-gen: writes any PDE generator of lib/pde as a sequence (manifest.txt + Matrix Market files).
//   adasolve-gen <generator> [options] --out DIR
#include <algorithm>
#include <iostream>

#include "adasolve/core/error.hpp"
#include "common/app_main.hpp"
#include "common/options.hpp"
#include "gen/generator_command.hpp"

namespace {

using namespace adasolve;
namespace po = boost::program_options;

const char* const kDescription =
    "Writes a generated system or sequence of systems into DIR: A_0000.mtx, b_0000.mtx, ... (Matrix Market,\n"
    "full precision) and DIR/manifest.txt, one line per instance: matrix, right-hand side and context values\n"
    "(e.g. shift=-0.12). The same seed gives the same files.";

po::options_description output_options() {
  po::options_description options("output options (every generator)");
  options.add_options()("out", po::value<std::string>()->required(), "output folder (created if missing)")(
      "storage", po::value<std::string>()->default_value("symmetric"),
      "symmetric (lower triangle, the matrices are symmetric) or general");
  return options;
}

void print_overview() {
  std::cout << "Usage: adasolve-gen <generator> [options] --out DIR\n\n" << kDescription << "\n\nGenerators:\n";
  for (const auto& command : gen::generator_commands()) {
    // Continuation lines of a summary line up under its first line.
    std::string summary = command.summary;
    for (std::size_t at = summary.find('\n'); at != std::string::npos; at = summary.find('\n', at + 1)) {
      summary.insert(at + 1, std::string(21, ' '));
    }
    std::cout << "  " << command.name << std::string(command.name.size() < 19 ? 19 - command.name.size() : 1, ' ')
              << summary << "\n";
  }
  std::cout << "\n";
  for (const auto& command : gen::generator_commands()) {
    std::cout << command.options() << "\n";
  }
  std::cout << output_options() << "\n"
            << "Examples:\n"
               "  adasolve-gen poisson3d --n 32 --obstacle sphere --out p32\n"
               "  adasolve-gen shifted-laplacian --distribution low --instances 5000 --seed 3 --out e1-low\n"
               "  adasolve-gen heat --nx 50 --steps 1000 --out e2-50\n"
               "adasolve-gen <generator> --help shows one generator's options.\n";
}

std::string command_line(int argc, char** argv) {
  std::string line = "adasolve-gen";
  for (int i = 1; i < argc; ++i) {
    line += ' ';
    line += argv[i];
  }
  return line;
}

int generate(int argc, char** argv) {
  if (argc < 2) {
    throw UsageError("no generator given (adasolve-gen --help lists them)");
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h") {
    print_overview();
    return app::kSuccess;
  }
  const auto& commands = gen::generator_commands();
  const auto it = std::find_if(commands.begin(), commands.end(), [&](const auto& c) { return c.name == name; });
  if (it == commands.end()) {
    throw UsageError("unknown generator '" + name + "' (adasolve-gen --help lists them)");
  }
  po::options_description options;
  options.add(it->options()).add(output_options());
  const app::ParsedOptions parsed = app::parse_options(argc - 1, argv + 1, options);
  if (parsed.help) {
    app::print_help("adasolve-gen " + it->name + " [options] --out DIR", it->summary, options);
    return app::kSuccess;
  }
  gen::OutputSettings output;
  output.folder = parsed.values["out"].as<std::string>();
  const std::string storage = parsed.values["storage"].as<std::string>();
  if (storage != "symmetric" && storage != "general") {
    throw UsageError("--storage must be symmetric or general, got '" + storage + "'");
  }
  output.symmetric = storage == "symmetric";
  output.description = command_line(argc, argv);
  std::cout << it->run(parsed.values, output) << "\n";
  return app::kSuccess;
}

}  // namespace

int main(int argc, char** argv) { return adasolve::app::run("adasolve-gen", argc, argv, generate); }
