#include "common/launcher.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace adasolve::app {

int launcher_rank() {
  for (const char* name : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK", "SLURM_PROCID"}) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
      return std::atoi(value);
    }
  }
  return 0;
}

void print_on_first_rank_only() {
  if (launcher_rank() == 0) {
    return;
  }
  if (std::freopen("/dev/null", "w", stdout) == nullptr || std::freopen("/dev/null", "w", stderr) == nullptr) {
    return;  // nothing better to do: the rank keeps its terminal
  }
}

}  // namespace adasolve::app
