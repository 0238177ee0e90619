#include "common/options.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "adasolve/core/error.hpp"
#include "adasolve/io/file_access.hpp"
#include "common/app_main.hpp"

namespace adasolve::app {

namespace {

// Reaches error_with_option_name's protected substitution table (read only) through a derived type.
struct SubstitutionsOf : po::error_with_option_name {
  static const std::map<std::string, std::string>& of(const po::error_with_option_name& e) {
    return e.*(&SubstitutionsOf::m_substitutions);
  }
};

/// --help-markdown was given: print_help prints the markdown table.
bool& markdown_help() {
  static bool markdown = false;
  return markdown;
}

/// Warns once per process and spelling: a config file and the command line may both use it.
void warn_deprecated(const DeprecatedOption& option) {
  static std::set<std::string> warned;
  if (warned.insert(option.old_name).second) {
    std::cerr << app_name() << ": warning: --" << option.old_name << " is deprecated; use --"
              << option.new_name << std::endl;
  }
}

const DeprecatedOption* find_deprecated(const std::vector<DeprecatedOption>& deprecated,
                                        const std::string& name) {
  for (const auto& option : deprecated) {
    if (option.old_name == name) {
      return &option;
    }
  }
  return nullptr;
}

bool is_signed_integer(const std::type_info& t) {
  return t == typeid(int) || t == typeid(long) || t == typeid(long long) || t == typeid(short);
}

bool is_unsigned_integer(const std::type_info& t) {
  return t == typeid(unsigned) || t == typeid(unsigned long) || t == typeid(unsigned long long) ||
         t == typeid(unsigned short);
}

/// A tolerance by the naming convention: the last part of its name ends in "tol" (stop.rtol, stop.kkt-tol).
bool is_tolerance(const std::string& name) {
  return name.size() >= 3 && name.compare(name.size() - 3, 3, "tol") == 0;
}

/// Unsigned options are parsed by Boost.PO's lexical_cast, which reads "-1" as 2^64 - 1: the text given
/// is checked before the wrapped value can be used.
void check_unsigned_tokens(const po::parsed_options& parsed, const po::variables_map& values) {
  for (const auto& option : parsed.options) {
    if (option.unregistered || option.string_key.empty() || values.count(option.string_key) == 0U) {
      continue;
    }
    if (!is_unsigned_integer(values[option.string_key].value().type())) {
      continue;
    }
    for (const auto& token : option.value) {
      const auto first = token.find_first_not_of(" \t");
      if (first != std::string::npos && token[first] == '-') {
        throw UsageError("--" + option.string_key + " must be >= 0, got " + token.substr(first));
      }
    }
  }
}

}  // namespace

std::string option_error_message(const po::error& e) {
  const auto* named = dynamic_cast<const po::error_with_option_name*>(&e);
  if (named == nullptr) {
    return e.what();
  }
  po::error_with_option_name safe = *named;
  for (const auto& [name, value] : SubstitutionsOf::of(*named)) {
    std::string text;
    for (char c : value) {
      text += c;
      if (c == '%') {
        text += ' ';  // no "%word%" placeholder can be formed any more
      }
    }
    safe.set_substitute(name, text);
  }
  return safe.what();
}

std::vector<std::string> rewrite_deprecated(int argc, char** argv,
                                            const std::vector<DeprecatedOption>& deprecated) {
  std::vector<std::string> args(argv, argv + argc);
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string& arg = args[i];
    if (arg == "--") {
      break;  // everything after it is positional
    }
    if (arg.rfind("--", 0) != 0) {
      continue;
    }
    const auto equals = arg.find('=');
    const std::string name = arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
    if (const auto* option = find_deprecated(deprecated, name)) {
      warn_deprecated(*option);
      arg = "--" + option->new_name + (equals == std::string::npos ? "" : arg.substr(equals));
    }
  }
  return args;
}

void check_option_values(const po::variables_map& values) {
  for (const auto& [name, value] : values) {
    if (value.defaulted() || value.empty()) {
      continue;
    }
    const std::type_info& type = value.value().type();
    if (type == typeid(double) || type == typeid(float)) {
      const double x = type == typeid(double) ? value.as<double>() : value.as<float>();
      if (!std::isfinite(x)) {
        throw UsageError(fmt::format("--{} must be a finite number, got {}", name, x));
      }
      if (is_tolerance(name) && x < 0.0) {
        throw UsageError(fmt::format("--{} must be >= 0, got {}", name, x));
      }
    } else if (is_signed_integer(type)) {
      const long long x = type == typeid(int)     ? value.as<int>()
                          : type == typeid(long)  ? value.as<long>()
                          : type == typeid(short) ? value.as<short>()
                                                  : value.as<long long>();
      if (x < 0) {
        throw UsageError(fmt::format("--{} must be >= 0, got {}", name, x));
      }
    }
  }
}

ParsedOptions parse_options(int argc, char** argv, const po::options_description& options,
                            const po::positional_options_description* positional,
                            const std::vector<DeprecatedOption>& deprecated) {
  po::options_description all;
  po::options_description generic("General");
  generic.add_options()("help,h", "print this help and exit")("version", "print the version and exit")(
      "config", po::value<std::string>(), "read options from an INI file (command-line values win)")(
      "help-markdown", "print the options as a markdown table and exit");
  all.add(generic).add(options);

  const std::vector<std::string> args = rewrite_deprecated(argc, argv, deprecated);
  std::vector<char*> arg_pointers;
  for (const auto& arg : args) {
    arg_pointers.push_back(const_cast<char*>(arg.c_str()));
  }
  ParsedOptions parsed;
  po::command_line_parser parser(static_cast<int>(arg_pointers.size()), arg_pointers.data());
  parser.options(all);
  if (positional != nullptr) {
    parser.positional(*positional);
  }
  const po::parsed_options command_line = parser.run();
  po::store(command_line, parsed.values);
  if (parsed.values.count("help") != 0U || parsed.values.count("help-markdown") != 0U) {
    parsed.help = true;
    markdown_help() = parsed.values.count("help") == 0U;
    return parsed;
  }
  check_unsigned_tokens(command_line, parsed.values);
  if (parsed.values.count("config") != 0U) {
    const auto file = parsed.values["config"].as<std::string>();
    // A config is a few lines: refuse devices, FIFOs and anything over 16 MiB (e.g. --config /dev/zero).
    std::istringstream in(io::read_regular_file(file, std::uint64_t{16} << 20));
    try {
      po::parsed_options from_file = po::parse_config_file(in, options, true);
      for (auto& option : from_file.options) {
        if (!option.unregistered) {
          continue;
        }
        const auto* renamed = find_deprecated(deprecated, option.string_key);
        if (renamed == nullptr) {
          throw InputError(file + ": unrecognised option '" + option.string_key + "'");
        }
        warn_deprecated(*renamed);
        option.string_key = renamed->new_name;
        option.unregistered = false;
      }
      po::store(from_file, parsed.values);
      check_unsigned_tokens(from_file, parsed.values);
    } catch (const po::error& e) {
      throw InputError(file + ": " + option_error_message(e));
    }
  }
  check_option_values(parsed.values);
  po::notify(parsed.values);
  return parsed;
}

std::string option_choice_message(const std::string& option, const std::string& library_message) {
  const auto must = library_message.find(" must be ");
  return "--" + option + (must == std::string::npos ? ": " + library_message : library_message.substr(must));
}

std::vector<std::string> split_comma_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) {
      items.push_back(item);
    }
  }
  return items;
}

void print_help(const std::string& usage, const std::string& description,
                const po::options_description& options) {
  if (markdown_help()) {
    // The command words of the usage: "adasolve-gen heat [options] --out DIR" -> "adasolve-gen heat".
    std::istringstream words(usage);
    std::string title, word;
    while (words >> word &&
           word.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos) {
      title += (title.empty() ? "" : " ") + word;
    }
    print_options_markdown(title, options);
    return;
  }
  std::cout
      << "Usage: " << usage << "\n\n"
      << description << "\n\n"
      << options
      << "\nGeneral:\n  -h [ --help ]   print this help and exit\n  --version       print the version and "
         "git revision and exit\n  --config FILE   read options from an INI file (command-line values win)\n";
}

namespace {

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

void markdown_rows(const po::options_description& options, std::ostream& out) {
  for (const auto& option : options.options()) {
    const std::string argument = option->format_parameter();
    out << fmt::format("| `{}` | {} | {} |\n", markdown_cell(option->format_name()),
                       argument.empty() ? std::string() : fmt::format("`{}`", markdown_cell(argument)),
                       markdown_cell(option->description()));
  }
}

}  // namespace

void print_options_markdown(const std::string& title, const po::options_description& options) {
  std::cout << "### " << title << "\n\n| Option | Argument (default) | Description |\n|---|---|---|\n";
  markdown_rows(options, std::cout);
  std::cout << "| `-h [ --help ]` |  | print this help and exit |\n"
               "| `--version` |  | print the version and git revision and exit |\n"
               "| `--config` | `FILE` | read options from an INI file (command-line values win) |\n\n";
}

}  // namespace adasolve::app
