#pragma once
// What the PETSc shell (split_ssor_pc.hpp) needs of a parallel SSOR that works on a rank's InterfaceSplit:
// interface-ordered SSOR (interface_ssor.hpp) and pipelined SSOR (pipelined_ssor.hpp). Private to the
// PETSc boundary.
#include <petscsys.h>  // mpi.h as PETSc includes it (without the MPI C++ bindings)

#include <span>
#include <string>

#include "backend/petsc/interface_split.hpp"

namespace adasolve::backend::petsc_detail {

class SplitSsor {
 public:
  virtual ~SplitSsor() = default;
  /// Collective. Takes this rank's split (rows [split.first_row, + local_rows), ranks in rank order).
  /// Errors name the global row and are agreed (thrown on every rank); `who` starts their messages.
  virtual void setup(InterfaceSplit split, const std::string& who) = 0;
  /// Collective. z <- M^-1 r on this rank's entries (r and z must not alias).
  virtual void apply(std::span<const double> r, std::span<double> z, double omega) = 0;
};

/// Collective on comm. Throws InputError on every rank, naming the first global row (1-based) whose
/// diagonal entry is zero or missing in the split of any rank: SSOR divides by it. Checked before any
/// halo communication, so a bad row on one rank stops all of them alike.
void require_nonzero_split_diagonal(MPI_Comm comm, const InterfaceSplit& split, const std::string& who);

}  // namespace adasolve::backend::petsc_detail
