// adasolve-bench: reproduction and side-by-side benchmarks. Each subcommand lives in its own file and
// registers itself (benchmark_registry.hpp).
#include <iostream>

#include "bench/benchmark_registry.hpp"
#include "common/app_main.hpp"
#include "common/launcher.hpp"
#include "adasolve/core/error.hpp"

namespace adasolve::bench {

std::map<std::string, Benchmark>& registry() {
  static std::map<std::string, Benchmark> benchmarks;
  return benchmarks;
}

}  // namespace adasolve::bench

namespace {

void print_usage() {
  std::cout << "Usage: adasolve-bench <benchmark> [options]   (adasolve-bench <benchmark> --help for its options, --version for the version)\n\n"
               "Benchmarks run adasolve and its peers in one process on the same input and print ratios.\n\n"
               "Benchmarks:\n";
  for (const auto& [name, bench] : adasolve::bench::registry()) {
    std::cout << "  " << name << std::string(name.size() < 18 ? 18 - name.size() : 1, ' ') << bench.summary << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  return adasolve::app::run("adasolve-bench", argc, argv, [](int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
      print_usage();
      return argc < 2 ? 2 : 0;
    }
    const std::string name = argv[1];
    const auto it = adasolve::bench::registry().find(name);
    if (it == adasolve::bench::registry().end()) {
      throw adasolve::UsageError("unknown benchmark '" + name + "' (adasolve-bench --help lists them)");
    }
    // mpi-scaling starts its own mpiexec jobs of itself (--worker): the one benchmark that runs on ranks.
    if (name != "mpi-scaling") {
      adasolve::app::require_single_process("");
    }
    return it->second.run(argc - 1, argv + 1);
  }, adasolve::app::MpiUse::distributed);
}
