#pragma once
// Ghost-value exchange between the ranks of a row-distributed matrix, phase by phase of a rank colouring
// (private to the PETSc boundary). Used by interface-ordered SSOR: before the ranks of colour c sweep their
// interface rows, deliver_to_colour(c, ...) brings them their neighbours' current values; nobody else
// receives in that phase.
#include <petscsys.h>  // mpi.h as PETSc includes it (without the MPI C++ bindings)

#include <span>
#include <vector>

#include "adasolve/core/types.hpp"
#include "backend/petsc/halo_lists.hpp"

namespace adasolve::backend::petsc_detail {

class ColouredHalo {
 public:
  /// Collective on comm. This rank owns rows [first_row, first_row + local_rows) (the ranks' blocks follow
  /// each other in rank order) and reads the values of ghost_columns (global, sorted, unique) from their
  /// owners. `is_interface(local_row)` says whether one of this rank's rows is an interface row.
  /// Sets up: the owners to receive from and the rows to send to each rank that reads them
  /// (exchange_lists), the rank adjacency graph (sends and receives both count)
  /// gathered on every rank, and its greedy colouring. Throws UsageError if a ghost column is outside the
  /// matrix (on every rank alike: the check is agreed).
  template <typename IsInterface>
  void setup(MPI_Comm comm, Index first_row, Index local_rows, std::span<const Index> ghost_columns,
             IsInterface is_interface) {
    setup_exchange(comm, first_row, local_rows, ghost_columns);
    bool sends_interface_only = true;
    for (const HaloPeer& peer : lists_.send_to) {
      for (const Index row : peer.rows) {
        sends_interface_only = sends_interface_only && is_interface(row);
      }
    }
    setup_colours(sends_interface_only);
  }

  /// Collective on the communicator. Ranks of colour c receive the current values of their ghost columns
  /// (x_local: this rank's entries) into `ghosts` (ghost_columns order); every rank that owns some of them
  /// sends. Point-to-point, nonblocking, completed before return.
  void deliver_to_colour(int c, std::span<const double> x_local, std::span<double> ghosts);

  int colour() const { return colour_; }
  int colours() const { return colours_; }
  /// True when, on every rank, every row that another rank reads is an interface row of its owner (the
  /// case for a structurally symmetric matrix). Then the ghosts of a sweep that starts from zero are
  /// still zero before the first colour's phase and its exchange can be skipped.
  bool ghosts_are_interface_rows() const { return ghosts_are_interface_rows_; }
  /// The ranks this rank exchanges values with.
  int neighbours() const { return neighbours_; }

 private:
  void setup_exchange(MPI_Comm comm, Index first_row, Index local_rows, std::span<const Index> ghost_columns);
  void setup_colours(bool sends_interface_only);

  MPI_Comm comm_ = MPI_COMM_NULL;
  HaloLists lists_;
  std::vector<int> receive_colour_, send_colour_;  ///< the colour of each peer of lists_
  std::vector<double> send_buffer_;
  std::vector<MPI_Request> requests_;
  int colour_ = 0;
  int colours_ = 1;
  int neighbours_ = 0;
  bool ghosts_are_interface_rows_ = true;
};

}  // namespace adasolve::backend::petsc_detail
