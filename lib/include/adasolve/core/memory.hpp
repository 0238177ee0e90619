#pragma once
// Up-front memory checks: a size taken from an option or a file header is compared with this machine's
// physical memory before anything is allocated, so that a typo ("--n 600") is refused with one line
// instead of ending in the out-of-memory killer or hours of swapping.
#include <string>

namespace adasolve {

/// The memory this process may use, in bytes: the physical memory (sysconf), lowered to the cgroup v2
/// limit (/sys/fs/cgroup/memory.max) and to ADASOLVE_MEMORY_LIMIT_GIB when set; 0 when it cannot be told.
double physical_memory_bytes();

/// Throws UsageError "WHAT needs about X GiB, more than the Y GiB of memory here" when `bytes` exceeds the
/// physical memory (nothing is checked when it cannot be told).
void require_fits_in_memory(double bytes, const std::string& what);

}  // namespace adasolve
