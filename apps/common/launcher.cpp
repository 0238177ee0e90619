#include "common/launcher.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace adasolve::app {

namespace {

/// The first of the variables that is set and not empty, as an integer; `fallback` when none is.
int first_integer(std::initializer_list<const char*> names, int fallback) {
  for (const char* name : names) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
      return std::atoi(value);
    }
  }
  return fallback;
}

}  // namespace

int launcher_rank() {
  return first_integer({"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK", "SLURM_PROCID"}, 0);
}

// SLURM_NTASKS is set in a whole batch allocation, also for a program started without srun: only a job
// step's own task count (SLURM_STEP_NUM_TASKS) says that srun started this process among others.
int launcher_size() { return first_integer({"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_STEP_NUM_TASKS"}, 1); }

void print_on_first_rank_only() {
  if (launcher_rank() == 0) {
    return;
  }
  if (std::freopen("/dev/null", "w", stdout) == nullptr ||
      std::freopen("/dev/null", "w", stderr) == nullptr) {
    return;  // nothing better to do: the rank keeps its terminal
  }
}

void require_single_process(const std::string& hint) {
  const int ranks = launcher_size();
  if (ranks > 1) {
    throw SingleProcessError("started on " + std::to_string(ranks) +
                             " MPI ranks without a distributed backend: " +
                             (hint.empty() ? "run it as one process (without mpiexec)" : hint));
  }
}

}  // namespace adasolve::app
