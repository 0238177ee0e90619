#include "backend/petsc/halo_lists.hpp"

#include <algorithm>
#include <exception>

#include "adasolve/core/error.hpp"
#include "backend/petsc/collectives.hpp"

namespace adasolve::backend::petsc_detail {

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

}  // namespace

HaloLists exchange_lists(MPI_Comm comm, Index first_row, Index local_rows,
                         std::span<const Index> ghost_columns, const std::string& who) {
  int size = 1;
  int rank = 0;
  MPI_Comm_size(comm, &size);
  MPI_Comm_rank(comm, &rank);
  // Row starts of every rank: starts[q] .. starts[q + 1] are rank q's rows.
  std::vector<Index> counts(at(size));
  MPI_Allgather(&local_rows, 1, MPI_INT, counts.data(), 1, MPI_INT, comm);
  std::vector<Index> starts(at(size) + 1, 0);
  for (int q = 0; q < size; ++q) {
    starts[at(q) + 1] = starts[at(q)] + counts[at(q)];
  }
  std::exception_ptr error;
  if (starts[at(rank)] != first_row) {
    error = std::make_exception_ptr(UsageError(who + ": rank " + std::to_string(rank) + " owns rows from " +
                                               std::to_string(first_row) + ", the rank order says " +
                                               std::to_string(starts[at(rank)])));
  }
  // Owners of the ghost columns: ghost_columns is sorted, so each owner's columns are consecutive.
  HaloLists lists;
  std::vector<int> needed(at(size), 0);
  for (std::size_t k = 0; k < ghost_columns.size() && !error; ++k) {
    const Index g = ghost_columns[k];
    if (g < 0 || g >= starts[at(size)]) {
      error =
          std::make_exception_ptr(UsageError(who + ": column " + std::to_string(g + 1) + " is outside the " +
                                             std::to_string(starts[at(size)]) + " columns"));
      break;
    }
    const int owner =
        static_cast<int>(std::upper_bound(starts.begin(), starts.end(), g) - starts.begin()) - 1;
    if (lists.receive_from.empty() || lists.receive_from.back().rank != owner) {
      lists.receive_from.push_back({owner, {}, static_cast<Index>(k), 0});
    }
    ++lists.receive_from.back().count;
    ++needed[at(owner)];
  }
  agree_on_failure_in(comm, error);

  // Tell each owner which of its rows this rank reads: counts, then the global indices.
  std::vector<int> requested(at(size), 0);
  MPI_Alltoall(needed.data(), 1, MPI_INT, requested.data(), 1, MPI_INT, comm);
  std::vector<int> send_displacements(at(size), 0), receive_displacements(at(size), 0);
  for (int q = 1; q < size; ++q) {
    send_displacements[at(q)] = send_displacements[at(q) - 1] + needed[at(q) - 1];
    receive_displacements[at(q)] = receive_displacements[at(q) - 1] + requested[at(q) - 1];
  }
  std::vector<Index> wanted(at(size) > 0 ? receive_displacements.back() + requested.back() : 0);
  MPI_Alltoallv(ghost_columns.data(), needed.data(), send_displacements.data(), MPI_INT, wanted.data(),
                requested.data(), receive_displacements.data(), MPI_INT, comm);
  for (int q = 0; q < size; ++q) {
    if (requested[at(q)] == 0) {
      continue;
    }
    HaloPeer peer{q, {}, 0, requested[at(q)]};
    for (int k = 0; k < requested[at(q)]; ++k) {
      peer.rows.push_back(wanted[at(receive_displacements[at(q)] + k)] - first_row);  // global -> local
    }
    lists.send_to.push_back(std::move(peer));
  }
  return lists;
}

}  // namespace adasolve::backend::petsc_detail
