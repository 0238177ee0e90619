// adasolve-bench: reproduction and side-by-side benchmarks. Each subcommand lives in its own file and
// registers itself (benchmark_registry.hpp).
#include <iostream>

#include "adasolve/core/error.hpp"
#include "bench/benchmark_registry.hpp"
#include "common/app_main.hpp"
#include "common/launcher.hpp"
#include "common/subcommands.hpp"

namespace adasolve::bench {

std::map<std::string, Benchmark>& registry() {
  static std::map<std::string, Benchmark> benchmarks;
  return benchmarks;
}

}  // namespace adasolve::bench

namespace {

std::vector<adasolve::app::Subcommand> benchmarks() {
  std::vector<adasolve::app::Subcommand> list;
  for (const auto& [name, bench] : adasolve::bench::registry()) {
    auto run = bench.run;
    list.push_back({name, bench.summary, [name, run](int argc, char** argv) {
                      // mpi-scaling starts its own mpiexec jobs of itself (--worker): the one benchmark that
                      // runs on ranks.
                      if (name != "mpi-scaling") {
                        adasolve::app::require_single_process("");
                      }
                      return run(argc, argv);
                    }});
  }
  return list;
}

void print_usage(const std::vector<adasolve::app::Subcommand>& list) {
  std::cout << "Usage: adasolve-bench <benchmark> [options]   (adasolve-bench <benchmark> --help for its "
               "options, --version for the version)\n\n"
               "Benchmarks run adasolve and its peers in one process on the same input and print ratios.\n\n"
               "Benchmarks:\n"
            << adasolve::app::subcommand_list(list);
}

}  // namespace

int main(int argc, char** argv) {
  return adasolve::app::run(
      "adasolve-bench", argc, argv,
      [](int argc, char** argv) {
        const auto list = benchmarks();
        return adasolve::app::dispatch_subcommand(
            argc, argv, list, [&] { print_usage(list); }, "benchmark");
      },
      adasolve::app::MpiUse::distributed);
}
