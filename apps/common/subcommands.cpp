#include "common/subcommands.hpp"

#include <algorithm>
#include <string_view>

#include "adasolve/core/error.hpp"
#include "common/app_main.hpp"

namespace adasolve::app {

int dispatch_subcommand(int argc, char** argv, const std::vector<Subcommand>& commands,
                        const std::function<void()>& print_overview, const std::string& noun) {
  const std::string listed = " (" + app_name() + " --help lists them)";
  if (argc < 2) {
    throw UsageError("no " + noun + " given" + listed);
  }
  const std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_overview();
    return kSuccess;
  }
  const auto it =
      std::find_if(commands.begin(), commands.end(), [&](const Subcommand& c) { return c.name == name; });
  if (it == commands.end()) {
    throw UsageError("unknown " + noun + " '" + std::string(name) + "'" + listed);
  }
  return it->run(argc - 1, argv + 1);
}

std::string subcommand_list(const std::vector<Subcommand>& commands) {
  std::size_t width = 0;
  for (const auto& command : commands) {
    width = std::max(width, command.name.size());
  }
  width += 2;
  std::string out;
  for (const auto& command : commands) {
    std::string summary = command.summary;
    for (std::size_t at = summary.find('\n'); at != std::string::npos; at = summary.find('\n', at + 1)) {
      summary.insert(at + 1, std::string(2 + width, ' '));
    }
    out += "  " + command.name + std::string(width - command.name.size(), ' ') + summary + "\n";
  }
  return out;
}

}  // namespace adasolve::app
