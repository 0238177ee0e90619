#pragma once
// Who reads which rows: the exchange lists of a matrix distributed by contiguous row blocks (private to
// the PETSc boundary). Shared by the halo exchanges of interface-ordered SSOR (ColouredHalo) and of
// pipelined SSOR, which differ only in when they send.
#include <petscsys.h>  // mpi.h as PETSc includes it (without the MPI C++ bindings)

#include <span>
#include <string>
#include <vector>

#include "adasolve/core/types.hpp"

namespace adasolve::backend::petsc_detail {

struct HaloPeer {
  int rank = 0;
  std::vector<Index> rows;  ///< send: this rank's local rows the peer reads, ascending; receive: empty
  Index offset = 0;         ///< receive: first position of the peer's columns in the ghost array
  Index count = 0;          ///< values exchanged with the peer
};

struct HaloLists {
  std::vector<HaloPeer> receive_from;  ///< owners of this rank's ghost columns, ascending rank
  std::vector<HaloPeer> send_to;       ///< ranks that read this rank's rows, ascending rank
};

/// Collective on comm. This rank owns rows [first_row, first_row + local_rows) (the ranks' blocks follow
/// each other in rank order) and reads the values of ghost_columns (global, sorted, unique). One
/// all-gather of the row counts, one all-to-all of the counts and one of the column indices. Throws
/// UsageError (agreed: on every rank alike, prefixed by `who`) if a ghost column is outside the matrix
/// or the blocks are not in rank order.
HaloLists exchange_lists(MPI_Comm comm, Index first_row, Index local_rows,
                         std::span<const Index> ghost_columns, const std::string& who);

}  // namespace adasolve::backend::petsc_detail
