// adasolve-gen: writes any PDE generator of lib/pde as a sequence (manifest.txt + Matrix Market files).
//   adasolve-gen <generator> [options] --out DIR
#include <algorithm>
#include <iostream>

#include "adasolve/core/error.hpp"
#include "common/app_main.hpp"
#include "common/options.hpp"
#include "common/subcommands.hpp"
#include "gen/generator_command.hpp"

namespace {

using namespace adasolve;
namespace po = boost::program_options;

const char* const kDescription =
    "Writes a generated system or sequence of systems into DIR: A_0000.mtx, b_0000.mtx, ... (Matrix Market,\n"
    "full precision) and DIR/manifest.txt, one line per instance: matrix, right-hand side and context "
    "values\n"
    "(e.g. shift=-0.12). The same seed gives the same files.";

po::options_description output_options() {
  po::options_description options("output options (every generator)");
  options.add_options()("out", po::value<std::string>()->required(), "output folder (created if missing)")(
      "storage", po::value<std::string>()->default_value("symmetric"),
      "symmetric (lower triangle, the matrices are symmetric) or general");
  return options;
}

void print_overview() {
  std::cout << "Usage: adasolve-gen <generator> [options] --out DIR\n\n"
            << kDescription << "\n\nGenerators:\n";
  std::vector<app::Subcommand> list;
  for (const auto& command : gen::generator_commands()) {
    list.push_back({command.name, command.summary, nullptr});
  }
  std::cout << app::subcommand_list(list) << "\n";
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

/// "adasolve-gen heat --nx 8 ...": argv of a generator (argv[0] is its name).
std::string command_line(int argc, char** argv) {
  std::string line = "adasolve-gen";
  for (int i = 0; i < argc; ++i) {
    line += ' ';
    line += argv[i];
  }
  return line;
}

/// One generator's run: its options and the shared output options, then the files.
int generate_with(const gen::GeneratorCommand* it, int argc, char** argv) {
  po::options_description options;
  options.add(it->options()).add(output_options());
  const app::ParsedOptions parsed = app::parse_options(argc, argv, options);
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

int generate(int argc, char** argv) {
  std::vector<app::Subcommand> list;
  for (const auto& command : gen::generator_commands()) {
    list.push_back({command.name, command.summary,
                    [&command](int n, char** args) { return generate_with(&command, n, args); }});
  }
  return app::dispatch_subcommand(argc, argv, list, print_overview, "generator");
}

}  // namespace

int main(int argc, char** argv) { return adasolve::app::run("adasolve-gen", argc, argv, generate); }
