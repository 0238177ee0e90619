// adasolve-mtx: check, describe and convert the Matrix Market files users already have.
//   adasolve-mtx check FILE
//   adasolve-mtx info FILE [--format table|json]
//   adasolve-mtx convert IN OUT [--symmetry general|symmetric]
#include <algorithm>
#include <functional>
#include <iostream>
#include <map>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "common/app_main.hpp"
#include "common/options.hpp"
#include "mtx/matrix_info.hpp"

namespace {

using namespace adasolve;
namespace po = app::po;

const char* kOverview =
    "Usage: adasolve-mtx <command> [arguments] [options]\n"
    "\n"
    "Checks, describes and converts Matrix Market (.mtx) files before a solver sees them. Coordinate and\n"
    "array files are read; fields real, integer, pattern; symmetries general, symmetric, skew-symmetric.\n"
    "Complex and hermitian files are refused (not supported).\n"
    "\n"
    "Commands:\n"
    "  check FILE                      exit 0 if FILE is valid; otherwise exit 2 and print one line\n"
    "                                  'adasolve-mtx: error: FILE:LINE: what is wrong' on stderr\n"
    "  info FILE [--format table|json] size, storage, stored and full entry counts, numerical symmetry,\n"
    "                                  diagonal dominance, missing or zero diagonal entries, min/max |a_ij|,\n"
    "                                  and SPD, decided by a CHOLMOD Cholesky attempt when n <= 20000\n"
    "  convert IN OUT [--symmetry general|symmetric]\n"
    "                                  rewrites IN as coordinate real with full precision (bit-exact values);\n"
    "                                  symmetric keeps the lower triangle and needs an exactly symmetric IN\n"
    "\n"
    "Examples:\n"
    "  adasolve-mtx check bcsstk01.mtx\n"
    "  adasolve-mtx info bcsstk01.mtx --format json\n"
    "  adasolve-mtx convert bcsstk01.mtx bcsstk01_full.mtx --symmetry general\n"
    "\n"
    "'adasolve-mtx <command> --help' shows the options of one command.\n"
    "Exit codes: 0 success, 2 invalid file or usage, 3 internal error.\n";

/// Parses a command's options and positional arguments; returns false after printing --help.
bool parse_command(int argc, char** argv, const std::string& usage, const std::string& description,
                   po::options_description options, const std::vector<std::string>& positionals,
                   po::variables_map& values) {
  po::positional_options_description positional;
  for (const auto& name : positionals) {
    options.add_options()(name.c_str(), po::value<std::string>(), "");
    positional.add(name.c_str(), 1);
  }
  auto parsed = app::parse_options(argc, argv, options, &positional);
  if (parsed.help) {
    po::options_description shown("Options");
    for (const auto& option : options.options()) {
      if (std::find(positionals.begin(), positionals.end(), option->long_name()) == positionals.end()) {
        shown.add(option);
      }
    }
    app::print_help(usage, description, shown);
    return false;
  }
  for (const auto& name : positionals) {
    if (parsed.values.count(name) == 0U) {
      throw UsageError("missing " + name + " (usage: " + usage + ")");
    }
  }
  values = std::move(parsed.values);
  return true;
}

int run_check(int argc, char** argv) {
  po::variables_map values;
  if (!parse_command(argc, argv, "adasolve-mtx check FILE",
                     "Reads FILE completely. Exit 0 and a one-line summary on stdout if it is a valid Matrix\n"
                     "Market matrix; otherwise exit 2 with 'adasolve-mtx: error: FILE:LINE: what is wrong'.",
                     po::options_description("Options"), {"FILE"}, values)) {
    return app::kSuccess;
  }
  const auto file = values["FILE"].as<std::string>();
  io::MatrixMarketHeader header;
  const auto a = io::read_matrix_market(file, header);
  std::cout << file << ": valid, " << a.rows() << " x " << a.cols() << ", " << header.entries
            << " stored entries, " << io::to_string(header.format) << " " << io::to_string(header.field) << " "
            << io::to_string(header.symmetry) << "\n";
  return app::kSuccess;
}

int run_info(int argc, char** argv) {
  po::options_description options("Options");
  options.add_options()("format", po::value<std::string>()->default_value("table"), "output: table or json");
  po::variables_map values;
  if (!parse_command(argc, argv, "adasolve-mtx info FILE [--format table|json]",
                     "Describes the matrix in FILE. 'stored entries' counts the file's entries (one triangle\n"
                     "for symmetric storage), 'full entries' the matrix's (both triangles, duplicates summed).\n"
                     "Diagonal dominance is by rows: strictly (|a_ii| > sum_j!=i |a_ij| in every row), weakly\n"
                     "(>= in every row) or no. SPD is decided by a CHOLMOD Cholesky factorisation for\n"
                     "symmetric matrices with a positive diagonal and n <= 20000 (otherwise 'not decided').",
                     options, {"FILE"}, values)) {
    return app::kSuccess;
  }
  const auto format = values["format"].as<std::string>();
  if (format != "table" && format != "json") {
    throw UsageError("--format must be table or json, got '" + format + "'");
  }
  const auto file = values["FILE"].as<std::string>();
  io::MatrixMarketHeader header;
  const auto a = io::read_matrix_market(file, header);
  const auto info = mtx::describe(file, header, a);
  if (format == "json") {
    std::cout << mtx::to_json(info).dump(2) << "\n";
  } else {
    std::cout << mtx::to_table(info);
  }
  return app::kSuccess;
}

int run_convert(int argc, char** argv) {
  po::options_description options("Options");
  options.add_options()("symmetry", po::value<std::string>()->default_value("general"),
                        "storage of OUT: general (every entry) or symmetric (lower triangle)");
  po::variables_map values;
  if (!parse_command(argc, argv, "adasolve-mtx convert IN OUT [--symmetry general|symmetric]",
                     "Reads IN (any supported format, field and symmetry) and writes OUT as 'coordinate real'\n"
                     "with every value in shortest round-trip form, so reading OUT gives the same doubles.\n"
                     "Symmetric storage needs an exactly symmetric matrix.",
                     options, {"IN", "OUT"}, values)) {
    return app::kSuccess;
  }
  const auto symmetry = values["symmetry"].as<std::string>();
  if (symmetry != "general" && symmetry != "symmetric") {
    throw UsageError("--symmetry must be general or symmetric, got '" + symmetry + "'");
  }
  const auto in = values["IN"].as<std::string>();
  const auto out = values["OUT"].as<std::string>();
  const auto a = io::read_matrix_market(in);
  const bool symmetric = symmetry == "symmetric";
  if (symmetric && !a.is_numerically_symmetric(0.0)) {
    throw InputError(in + ": not exactly symmetric, so it cannot be stored as symmetric (use --symmetry general)");
  }
  io::write_matrix_market(out, a, symmetric, "converted by adasolve-mtx from " + in);
  std::cout << in << " -> " << out << ": " << a.rows() << " x " << a.cols() << ", " << symmetry << " storage\n";
  return app::kSuccess;
}

}  // namespace

int main(int argc, char** argv) {
  return app::run("adasolve-mtx", argc, argv, [](int argc, char** argv) -> int {
    const std::map<std::string, std::function<int(int, char**)>> commands{
        {"check", run_check}, {"info", run_info}, {"convert", run_convert}};
    if (argc < 2) {
      std::cerr << kOverview;
      return app::kUsageOrInput;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kOverview;
      return app::kSuccess;
    }
    const auto it = commands.find(command);
    if (it == commands.end()) {
      throw UsageError("unknown command '" + command + "' (commands: check, info, convert; see --help)");
    }
    return it->second(argc - 1, argv + 1);
  });
}
