#pragma once
// Shared command-line handling (Boost.Program_options lives only in apps/):
//   --help prints usage with defaults; --config FILE reads an INI file (command line wins);
//   unknown options are rejected (exit 2 through app::run).
#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace adasolve::app {

namespace po = boost::program_options;

/// The one-line message of a Boost.Program_options error. Boost 1.74 substitutes %value%-style placeholders
/// until none is left, so a value that itself contains "%value%" (--instances '%value%') made what() loop
/// forever: every '%' in the substituted names and values is followed by a space first.
std::string option_error_message(const po::error& e);

struct ParsedOptions {
  po::variables_map values;
  bool help = false;  ///< --help was given: the caller prints usage and exits 0
};

/// Parses argv against `options` (plus --help and --config, added here) and positional arguments.
/// With --config FILE, values in FILE fill what the command line did not set.
ParsedOptions parse_options(int argc, char** argv, const po::options_description& options,
                            const po::positional_options_description* positional = nullptr);

/// "a,b,,c" -> {"a", "b", "c"}: the items of a comma-separated option value, empty items dropped.
std::vector<std::string> split_comma_list(const std::string& text);

/// Prints "Usage: <usage>\n\n<description>\n\n<options>" to stdout.
void print_help(const std::string& usage, const std::string& description, const po::options_description& options);

}  // namespace adasolve::app
