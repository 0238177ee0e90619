#include "adasolve/core/memory.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "adasolve/core/error.hpp"

namespace adasolve {

double physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGE_SIZE);
  double bytes = pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) : 0.0;
  auto lower_to = [&](double limit) {
    if (limit > 0.0 && (bytes == 0.0 || limit < bytes)) {
      bytes = limit;
    }
  };
  // A batch job's share: the cgroup (v2) memory limit, when one is set ("max" means none).
  if (std::ifstream cgroup("/sys/fs/cgroup/memory.max"); cgroup) {
    double limit = 0.0;
    if (cgroup >> limit) {
      lower_to(limit);
    }
  }
  // ADASOLVE_MEMORY_LIMIT_GIB: a lower bound chosen by the user (and by tests, to be machine-independent).
  if (const char* text = std::getenv("ADASOLVE_MEMORY_LIMIT_GIB"); text != nullptr && *text != '\0') {
    char* end = nullptr;
    const double gib = std::strtod(text, &end);
    if (end != text && *end == '\0' && gib > 0.0) {
      lower_to(gib * 1073741824.0);
    }
  }
  return bytes;
}

void require_fits_in_memory(double bytes, const std::string& what) {
  const double physical = physical_memory_bytes();
  if (physical > 0.0 && bytes > physical) {
    char text[128];
    std::snprintf(text, sizeof text, " needs about %.4g GiB, more than the %.4g GiB of memory here",
                  bytes / 1073741824.0, physical / 1073741824.0);
    throw UsageError(what + text);
  }
}

}  // namespace adasolve
