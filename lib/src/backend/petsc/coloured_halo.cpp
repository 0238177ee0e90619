#include "backend/petsc/coloured_halo.hpp"

#include <algorithm>

#include "backend/petsc/rank_colouring.hpp"

namespace adasolve::backend::petsc_detail {

namespace {

constexpr int kHaloTag = 7301;

std::size_t at(int i) { return static_cast<std::size_t>(i); }

}  // namespace

void ColouredHalo::setup_exchange(MPI_Comm comm, Index first_row, Index local_rows,
                                  std::span<const Index> ghost_columns) {
  comm_ = comm;
  lists_ = exchange_lists(comm, first_row, local_rows, ghost_columns, "interface SSOR");
  std::size_t buffer = 0;
  for (const HaloPeer& p : lists_.send_to) {
    buffer += p.rows.size();
  }
  send_buffer_.resize(buffer);
  requests_.resize(lists_.receive_from.size() + lists_.send_to.size());
}

void ColouredHalo::setup_colours(bool sends_interface_only) {
  int size = 1;
  int rank = 0;
  MPI_Comm_size(comm_, &size);
  MPI_Comm_rank(comm_, &rank);
  // This rank's neighbours: the ranks it reads from and the ranks that read from it.
  std::vector<int> mine;
  for (const HaloPeer& p : lists_.receive_from) {
    mine.push_back(p.rank);
  }
  for (const HaloPeer& p : lists_.send_to) {
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
  receive_colour_.clear();
  for (const HaloPeer& p : lists_.receive_from) {
    receive_colour_.push_back(colour[at(p.rank)]);
  }
  send_colour_.clear();
  for (const HaloPeer& p : lists_.send_to) {
    send_colour_.push_back(colour[at(p.rank)]);
  }
  int local = sends_interface_only ? 1 : 0;
  int global = 0;
  MPI_Allreduce(&local, &global, 1, MPI_INT, MPI_LAND, comm_);
  ghosts_are_interface_rows_ = global == 1;
}

void ColouredHalo::deliver_to_colour(int c, std::span<const double> x_local, std::span<double> ghosts) {
  int pending = 0;
  if (colour_ == c) {
    for (const HaloPeer& p : lists_.receive_from) {
      MPI_Irecv(ghosts.data() + p.offset, p.count, MPI_DOUBLE, p.rank, kHaloTag, comm_,
                &requests_[at(pending++)]);
    }
  }
  double* buffer = send_buffer_.data();
  for (std::size_t s = 0; s < lists_.send_to.size(); ++s) {
    const HaloPeer& p = lists_.send_to[s];
    if (send_colour_[s] != c) {
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

}  // namespace adasolve::backend::petsc_detail
