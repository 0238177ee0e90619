#pragma once
// Shared command-line handling (Boost.Program_options lives only in apps/):
//   --help prints usage with defaults; --config FILE reads an INI file (command line wins);
//   unknown options are rejected (exit 2 through app::run).
// The rules every app shares (docs/guide/cli.md):
//   * renamed options keep their old spelling for one release: a DeprecatedOption table passed to
//     parse_options rewrites the old name on the command line and in the config file, with one warning
//     "APP: warning: --old is deprecated; use --new" on stderr per spelling;
//   * validation is the same everywhere and made here, on every value of every option:
//       - an integer option is a count, size, seed or index: a negative value is refused (an unsigned
//         option would otherwise take "-1" as 2^64 - 1);
//       - a real option must be finite (NaN and Inf are refused);
//       - a real option whose name ends in "tol" is a tolerance: negative values are refused;
//     signed real settings (context ranges, shifts, times) keep the ranges their validate() defines.
#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "adasolve/core/error.hpp"

namespace adasolve::app {

namespace po = boost::program_options;

/// The one-line message of a Boost.Program_options error. Boost 1.74 substitutes %value%-style placeholders
/// until none is left, so a value that itself contains "%value%" (--instances '%value%') made what() loop
/// forever: every '%' in the substituted names and values is followed by a space first.
std::string option_error_message(const po::error& e);

struct ParsedOptions {
  po::variables_map values;
  bool help = false;  ///< --help (or --help-markdown) was given: the caller calls print_help and exits 0
};

/// A renamed option: old_name (without dashes) is read as new_name for one release, with a warning.
struct DeprecatedOption {
  std::string old_name;
  std::string new_name;
};

/// Parses argv against `options` (plus --help and --config, added here) and positional arguments.
/// With --config FILE, values in FILE fill what the command line did not set. `deprecated` lists the old
/// spellings still accepted. Throws UsageError for a value the shared rules refuse (see above).
ParsedOptions parse_options(int argc, char** argv, const po::options_description& options,
                            const po::positional_options_description* positional = nullptr,
                            const std::vector<DeprecatedOption>& deprecated = {});

/// argv with every deprecated spelling ("--old", "--old=VALUE") replaced by the new one; warns once per
/// spelling on stderr. Exposed for apps that scan their arguments before parse_options.
std::vector<std::string> rewrite_deprecated(int argc, char** argv,
                                            const std::vector<DeprecatedOption>& deprecated);

/// Checks every parsed value against the shared rules (see above); UsageError "--NAME must be ..., got V".
void check_option_values(const po::variables_map& values);

/// A library parser's "KEY must be a, b or c, got 'x'" as "--OPTION must be a, b or c, got 'x'" (any other
/// message as "--OPTION: message").
std::string option_choice_message(const std::string& option, const std::string& library_message);

/// parse(text) with the option's name in its error: a library parser's "KEY must be ..., got 'x'"
/// (core/enum_names.hpp) becomes "--OPTION must be ..., got 'x'".
template <class Parse>
auto parse_choice(const std::string& option, const std::string& text, Parse parse) -> decltype(parse(text)) {
  try {
    return parse(text);
  } catch (const UsageError& e) {
    throw UsageError(option_choice_message(option, e.what()));
  }
}

/// "a,b,,c" -> {"a", "b", "c"}: the items of a comma-separated option value, empty items dropped.
std::vector<std::string> split_comma_list(const std::string& text);

/// Prints "Usage: <usage>\n\n<description>\n\n<options>" and the general options to stdout. After
/// --help-markdown it prints print_options_markdown's table instead, titled by the usage's command words.
void print_help(const std::string& usage, const std::string& description,
                const po::options_description& options);

/// Prints the options as a markdown table (option | default | description), the general options last:
/// the source of docs/guide/options-<app>.md.
void print_options_markdown(const std::string& title, const po::options_description& options);

}  // namespace adasolve::app
