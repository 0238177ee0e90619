#include "common/options.hpp"

#include <iostream>
#include <map>
#include <sstream>

#include "adasolve/core/error.hpp"
#include "adasolve/io/file_access.hpp"

namespace adasolve::app {

namespace {

// Reaches error_with_option_name's protected substitution table (read only) through a derived type.
struct SubstitutionsOf : po::error_with_option_name {
  static const std::map<std::string, std::string>& of(const po::error_with_option_name& e) {
    return e.*(&SubstitutionsOf::m_substitutions);
  }
};

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

ParsedOptions parse_options(int argc, char** argv, const po::options_description& options,
                            const po::positional_options_description* positional) {
  po::options_description all;
  po::options_description generic("General");
  generic.add_options()("help,h", "print this help and exit")("version", "print the version and exit")(
      "config", po::value<std::string>(), "read options from an INI file (command-line values win)");
  all.add(generic).add(options);

  ParsedOptions parsed;
  po::command_line_parser parser(argc, argv);
  parser.options(all);
  if (positional != nullptr) {
    parser.positional(*positional);
  }
  po::store(parser.run(), parsed.values);
  if (parsed.values.count("help") != 0U) {
    parsed.help = true;
    return parsed;
  }
  if (parsed.values.count("config") != 0U) {
    const auto file = parsed.values["config"].as<std::string>();
    // A config is a few lines: refuse devices, FIFOs and anything over 16 MiB (e.g. --config /dev/zero).
    std::istringstream in(io::read_regular_file(file, std::uint64_t{16} << 20));
    try {
      po::store(po::parse_config_file(in, options, false), parsed.values);
    } catch (const po::error& e) {
      throw InputError(file + ": " + option_error_message(e));
    }
  }
  po::notify(parsed.values);
  return parsed;
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

void print_help(const std::string& usage, const std::string& description, const po::options_description& options) {
  std::cout << "Usage: " << usage << "\n\n" << description << "\n\n" << options << "  -h [ --help ]   print this help and exit\n  --version       print the version and git revision and exit\n  --config FILE   read options from an INI file (command-line values win)\n";
}

}  // namespace adasolve::app
