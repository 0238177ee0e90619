#pragma once
// Index and scalar types shared by every adasolve component.
//
// Index width: 32-bit column indices AND 32-bit row offsets, the same as Debian's PETSc (PetscInt is 32-bit)
// and CHOLMOD's int interface, so matrices are handed to them without copies. A matrix with more than
// 2^31 - 1 stored entries is rejected at read time (the MPI backend splits rows over ranks instead).
#include <cstdint>
#include <limits>

namespace adasolve {

using Index = std::int32_t;
using Scalar = double;

inline constexpr std::int64_t kMaxIndex = std::numeric_limits<Index>::max();

}  // namespace adasolve
