#pragma once
// The one subcommand dispatcher of the apps that have subcommands (adasolve-dcdm, -gen, -mtx, -bench):
//   APP                   exit 2, "APP: error: no NOUN given (APP --help lists them)"
//   APP --help | -h | help  the overview on stdout, exit 0
//   APP NAME ARGS...      NAME's run(argc - 1, argv + 1): argv[0] is then the subcommand's name
//   APP OTHER             exit 2, "APP: error: unknown NOUN 'OTHER' (APP --help lists them)"
#include <functional>
#include <string>
#include <vector>

namespace adasolve::app {

struct Subcommand {
  std::string name;
  std::string summary;                  ///< for the overview's list; continuation lines after '\n'
  std::function<int(int, char**)> run;  ///< parses its own options (argv[0] is the subcommand's name)
};

/// Dispatches argv[1] as above; `noun` names a subcommand in the messages ("command", "generator").
int dispatch_subcommand(int argc, char** argv, const std::vector<Subcommand>& commands,
                        const std::function<void()>& print_overview, const std::string& noun = "command");

/// The overview's list: "  name   summary" per subcommand, the summaries (and their continuation
/// lines) aligned in one column.
std::string subcommand_list(const std::vector<Subcommand>& commands);

}  // namespace adasolve::app
