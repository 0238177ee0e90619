#include "backend/petsc/coloured_halo.hpp"

#include <algorithm>
#include <exception>

#include "adasolve/core/error.hpp"
#include "backend/petsc/collectives.hpp"
#include "backend/petsc/rank_colouring.hpp"

namespace adasolve::petsc_detail {

namespace {

constexpr int kHaloTag = 7301;

std::size_t at(int i) { return static_cast<std::size_t>(i); }

}  // namespace

void ColouredHalo::setup_exchange(MPI_Comm comm, Index first_row, Index local_rows,
                                  std::span<const Index> ghost_columns) {
  comm_ = comm;
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
    error = std::make_exception_ptr(UsageError("interface SSOR: rank " + std::to_string(rank) +
                                               " owns rows from " + std::to_string(first_row) +
                                               ", the rank order says " + std::to_string(starts[at(rank)])));
  }
  // Owners of the ghost columns: ghost_columns is sorted, so each owner's columns are consecutive.
  receive_from_.clear();
  std::vector<int> needed(at(size), 0);
  for (std::size_t k = 0; k < ghost_columns.size() && !error; ++k) {
    const Index g = ghost_columns[k];
    if (g < 0 || g >= starts[at(size)]) {
      error = std::make_exception_ptr(UsageError("interface SSOR: column " + std::to_string(g + 1) +
                                                 " is outside the " + std::to_string(starts[at(size)]) +
                                                 " columns"));
      break;
    }
    const int owner =
        static_cast<int>(std::upper_bound(starts.begin(), starts.end(), g) - starts.begin()) - 1;
    if (receive_from_.empty() || receive_from_.back().rank != owner) {
      receive_from_.push_back({owner, 0, {}, static_cast<Index>(k), 0});
    }
    ++receive_from_.back().count;
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
  send_to_.clear();
  std::size_t buffer = 0;
  for (int q = 0; q < size; ++q) {
    if (requested[at(q)] == 0) {
      continue;
    }
    Peer peer{q, 0, {}, 0, requested[at(q)]};
    for (int k = 0; k < requested[at(q)]; ++k) {
      peer.rows.push_back(wanted[at(receive_displacements[at(q)] + k)] - first_row);  // global -> local
    }
    buffer += peer.rows.size();
    send_to_.push_back(std::move(peer));
  }
  send_buffer_.resize(buffer);
  requests_.resize(receive_from_.size() + send_to_.size());
}

void ColouredHalo::setup_colours(bool sends_interface_only) {
  int size = 1;
  int rank = 0;
  MPI_Comm_size(comm_, &size);
  MPI_Comm_rank(comm_, &rank);
  // This rank's neighbours: the ranks it reads from and the ranks that read from it.
  std::vector<int> mine;
  for (const Peer& p : receive_from_) {
    mine.push_back(p.rank);
  }
  for (const Peer& p : send_to_) {
    mine.push_back(p.rank);
  }
  std::sort(mine.begin(), mine.end());
  mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
  neighbours_ = static_cast<int>(mine.size());
  // The whole graph on every rank (allgather of the neighbour lists), then the same colouring everywhere.
  std::vector<int> counts(at(size)), displacements(at(size), 0);
  MPI_Allgather(&neighbours_, 1, MPI_INT, counts.data(), 1, MPI_INT, comm_);
  for (int q = 1; q < size; ++q) {
    displacements[at(q)] = displacements[at(q) - 1] + counts[at(q) - 1];
  }
  std::vector<int> all(at(displacements.back() + counts.back()));
  MPI_Allgatherv(mine.data(), neighbours_, MPI_INT, all.data(), counts.data(), displacements.data(), MPI_INT,
                 comm_);
  std::vector<std::vector<int>> adjacency(at(size));
  for (int q = 0; q < size; ++q) {
    adjacency[at(q)].assign(all.begin() + displacements[at(q)],
                            all.begin() + displacements[at(q)] + counts[at(q)]);
  }
  const std::vector<int> colour = greedy_rank_colouring(adjacency);
  colour_ = colour[at(rank)];
  colours_ = 1 + *std::max_element(colour.begin(), colour.end());
  for (Peer& p : receive_from_) {
    p.colour = colour[at(p.rank)];
  }
  for (Peer& p : send_to_) {
    p.colour = colour[at(p.rank)];
  }
  int local = sends_interface_only ? 1 : 0;
  int global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_INT, MPI_LAND, comm_);
  ghosts_are_interface_rows_ = global == 1;
}

void ColouredHalo::deliver_to_colour(int c, std::span<const double> x_local, std::span<double> ghosts) {
  int pending = 0;
  if (colour_ == c) {
    for (const Peer& p : receive_from_) {
      MPI_Irecv(ghosts.data() + p.offset, p.count, MPI_DOUBLE, p.rank, kHaloTag, comm_,
                &requests_[at(pending++)]);
    }
  }
  double* buffer = send_buffer_.data();
  for (const Peer& p : send_to_) {
    if (p.colour != c) {
      continue;
    }
    for (std::size_t k = 0; k < p.rows.size(); ++k) {
      buffer[k] = x_local[static_cast<std::size_t>(p.rows[k])];  // pack x at the rows this neighbour reads
    }
    MPI_Isend(buffer, p.count, MPI_DOUBLE, p.rank, kHaloTag, comm_, &requests_[at(pending++)]);
    buffer += p.rows.size();
  }
  MPI_Waitall(pending, requests_.data(), MPI_STATUSES_IGNORE);
}

}  // namespace adasolve::petsc_detail
