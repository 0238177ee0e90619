#pragma once
// adasolve-bench subcommands register themselves here, one file each (apps/bench/<name>.cpp):
//   static const adasolve::bench::Registration reg{"relax-e1", "one-line summary", &run_relax_e1};
// where run_relax_e1(int argc, char** argv) parses its own options (argv[0] is the subcommand name).
#include <functional>
#include <map>
#include <string>

namespace adasolve::bench {

struct Benchmark {
  std::string summary;
  std::function<int(int, char**)> run;
};

std::map<std::string, Benchmark>& registry();

struct Registration {
  Registration(const std::string& name, const std::string& summary, std::function<int(int, char**)> run) {
    registry()[name] = Benchmark{summary, std::move(run)};
  }
};

}  // namespace adasolve::bench
