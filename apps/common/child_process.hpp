#pragma once
// Running another program as a measured child: fork + exec without a shell, its stdout captured, and its
// wall-clock seconds and peak resident memory read back from wait4(). The benchmarks use it to measure
// memory fairly beside a peer solver: each solver runs in a process of its own, and the kernel's
// high-water mark of that process (ru_maxrss) is its peak memory.
#include <string>
#include <vector>

namespace adasolve::app {

struct ChildRun {
  std::string output;          ///< everything the program wrote to stdout (stderr is discarded)
  int status = 0;              ///< its exit status; 128 + N when a signal N ended it
  double seconds = 0.0;        ///< wall-clock seconds from fork to exit
  double peak_rss_mib = 0;     ///< ru_maxrss of the child, MiB
  bool cpu_limit_hit = false;  ///< ended by SIGXCPU/SIGKILL after `cpu_limit_s`
};

/// Runs argv[0] (a path) with argv[1..]; stops it after `cpu_limit_s` CPU seconds (RLIMIT_CPU; 0: no limit).
/// InputError when it cannot be started.
ChildRun run_measured(const std::vector<std::string>& argv, double cpu_limit_s = 0.0);

}  // namespace adasolve::app
