#include "common/options.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "adasolve/core/error.hpp"

namespace adasolve::app {

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
    std::ifstream in(file);
    if (!in) {
      throw InputError(file + ": cannot open config file");
    }
    try {
      po::store(po::parse_config_file(in, options, false), parsed.values);
    } catch (const po::error& e) {
      throw InputError(file + ": " + e.what());
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
