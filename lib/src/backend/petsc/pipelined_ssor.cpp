#include "backend/petsc/pipelined_ssor.hpp"

#include <algorithm>
#include <exception>

#include "adasolve/core/error.hpp"
#include "backend/petsc/collectives.hpp"
#include "backend/petsc/halo_lists.hpp"
#include "backend/petsc/sweep_from_zero.hpp"

namespace adasolve::backend::petsc_detail {

namespace {

constexpr int kForwardTag = 7401;
constexpr int kBackwardTag = 7402;

std::size_t at(Index i) { return static_cast<std::size_t>(i); }

/// One value of one message before grouping: `slot` (a local row to send, or a ghost position to fill)
/// of the row in grid column block `block`, exchanged with `peer`.
struct Entry {
  int peer = 0;
  int block = 0;
  Index slot = 0;
};

}  // namespace

Index default_pipeline_block_columns(Index grid_columns, int ranks) {
  if (ranks <= 1) {
    return grid_columns;
  }
  return std::max<Index>(128, (grid_columns + 7) / 8);
}

PipelinedSsor::PipelinedSsor(MPI_Comm comm, Index grid_columns, Index block_columns)
    : comm_(comm), grid_columns_(grid_columns), requested_block_columns_(block_columns) {
  if (grid_columns <= 0) {
    throw UsageError("pipelined SSOR needs the grid's width (grid columns > 0), got " +
                     std::to_string(grid_columns));
  }
  if (block_columns < 0) {
    throw UsageError("pipelined SSOR: block columns must be > 0 (0: default), got " +
                     std::to_string(block_columns));
  }
}

int PipelinedSsor::block_of(Index global_row) const {
  return static_cast<int>((global_row % grid_columns_) / block_columns_);
}

void PipelinedSsor::check_grid_pattern(const std::string& who) const {
  // Row r sits at grid column r % m. The column-block traversal visits r after every lower column and
  // before every upper one exactly when lower columns lie at grid columns <= r % m and upper ones at >=.
  const Index m = grid_columns_;
  const auto breaks_order = [m](Index r, Index c) {
    return (c < r && c % m > r % m) || (c > r && c % m < r % m);
  };
  const CsrMatrix& a = split_.diagonal_block;
  const auto offsets = a.row_offsets();
  const auto columns = a.column_indices();
  std::exception_ptr error;
  std::size_t t = 0;  // position of the next interface row in split_.interface_rows
  for (Index i = 0; i < a.rows() && !error; ++i) {
    const Index r = split_.first_row + i;
    Index offending = -1;
    for (Index k = offsets[i]; k < offsets[i + 1] && offending < 0; ++k) {
      if (breaks_order(r, split_.first_row + columns[k])) {
        offending = split_.first_row + columns[k];
      }
    }
    if (t < split_.interface_rows.size() && split_.interface_rows[t] == i) {
      for (Index p = split_.off_offsets[t]; p < split_.off_offsets[t + 1] && offending < 0; ++p) {
        const Index c = split_.ghost_columns[at(split_.off_columns[at(p)])];
        if (breaks_order(r, c)) {
          offending = c;
        }
      }
      ++t;
    }
    if (offending >= 0) {
      error = std::make_exception_ptr(UsageError(
          who + ": row " + std::to_string(r + 1) + " (grid column " + std::to_string(r % m + 1) + " of " +
          std::to_string(m) + ") has an entry in column " + std::to_string(offending + 1) + " (grid column " +
          std::to_string(offending % m + 1) +
          "); pipelined SSOR needs earlier columns at grid columns <= the row's and later ones at >= "
          "(5-point-like stencils in row-major order; interface-ordered SSOR takes any pattern)"));
    }
  }
  agree_on_failure_in(comm_, error);
}

void PipelinedSsor::build_runs() {
  const Index first = split_.first_row;
  const Index end = first + split_.local_rows();
  const Index m = grid_columns_;
  const auto& interface = split_.interface_rows;
  const auto interface_position = [&](Index local_row) {
    return static_cast<Index>(std::lower_bound(interface.begin(), interface.end(), local_row) -
                              interface.begin());
  };
  runs_.clear();
  block_runs_.assign(1, 0);
  for (int k = 0; k < blocks_; ++k) {
    const Index x0 = static_cast<Index>(k) * block_columns_;
    const Index x1 = std::min(m, x0 + block_columns_);
    for (Index y = first / m; split_.local_rows() > 0 && y <= (end - 1) / m; ++y) {
      const Index begin = std::max(first, y * m + x0) - first;
      const Index stop = std::min(end, y * m + x1) - first;
      if (begin >= stop) {
        continue;
      }
      // Whole grid rows (one block spans the grid) follow each other: one run.
      if (runs_.size() > block_runs_.back() && runs_.back().end == begin) {
        runs_.back().end = stop;
        runs_.back().interface_end = interface_position(stop);
      } else {
        runs_.push_back({begin, stop, interface_position(begin), interface_position(stop)});
      }
    }
    block_runs_.push_back(runs_.size());
  }
}

void PipelinedSsor::build_schedules() {
  int rank = 0;
  MPI_Comm_rank(comm_, &rank);
  const HaloLists lists =
      exchange_lists(comm_, split_.first_row, split_.local_rows(), split_.ghost_columns, "pipelined SSOR");
  // Forward values go up the ranks (a higher rank reads my rows as its lower columns), backward values
  // down. Each peer's rows and ghost columns are ascending, so within a (block, peer) message both sides
  // list the same global rows in the same order.
  std::vector<Entry> forward_sends, backward_sends, forward_receives, backward_receives;
  for (const HaloPeer& peer : lists.send_to) {
    auto& entries = peer.rank > rank ? forward_sends : backward_sends;
    for (const Index row : peer.rows) {
      entries.push_back({peer.rank, block_of(split_.first_row + row), row});
    }
  }
  for (const HaloPeer& peer : lists.receive_from) {
    auto& entries = peer.rank < rank ? forward_receives : backward_receives;
    for (Index p = peer.offset; p < peer.offset + peer.count; ++p) {
      entries.push_back({peer.rank, block_of(split_.ghost_columns[at(p)]), p});
    }
  }
  const auto schedule_of = [this](std::vector<Entry>& entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.block != b.block ? a.block < b.block : a.peer < b.peer;
    });
    Schedule s;
    for (const Entry& e : entries) {
      if (s.messages.empty() || s.messages.back().block != e.block || s.messages.back().peer != e.peer) {
        s.messages.push_back({e.peer, e.block, {}, s.buffer.size()});
      }
      s.messages.back().slots.push_back(e.slot);
      s.buffer.push_back(0.0);
    }
    s.first.assign(at(blocks_) + 1, 0);
    for (const Message& message : s.messages) {
      ++s.first[at(message.block) + 1];
    }
    for (int k = 0; k < blocks_; ++k) {
      s.first[at(k) + 1] += s.first[at(k)];
    }
    s.requests.assign(s.messages.size(), MPI_REQUEST_NULL);
    return s;
  };
  forward_sends_ = schedule_of(forward_sends);
  backward_sends_ = schedule_of(backward_sends);
  forward_receives_ = schedule_of(forward_receives);
  backward_receives_ = schedule_of(backward_receives);
}

void PipelinedSsor::setup(InterfaceSplit split, const std::string& who) {
  sweeper_.reset();
  split_ = std::move(split);
  int size = 1;
  MPI_Comm_size(comm_, &size);
  block_columns_ = requested_block_columns_ > 0 ? requested_block_columns_
                                                : default_pipeline_block_columns(grid_columns_, size);
  block_columns_ = std::min(block_columns_, grid_columns_);
  blocks_ = static_cast<int>((grid_columns_ + block_columns_ - 1) / block_columns_);
  check_grid_pattern(who);
  require_nonzero_split_diagonal(comm_, split_, who);
  build_runs();
  build_schedules();
  ghosts_.assign(split_.ghost_columns.size(), 0.0);
  rhs_.assign(at(split_.local_rows()), 0.0);
  sweeper_ = std::make_unique<linear::SorSweeper>(split_.diagonal_block, who);
}

std::span<const double> PipelinedSsor::run_rhs(const Run& run, std::span<const double> r) {
  if (run.interface_begin == run.interface_end) {
    return r;
  }
  std::copy(r.begin() + run.begin, r.begin() + run.end, rhs_.begin() + run.begin);
  const Index* offsets = split_.off_offsets.data();
  const Index* columns = split_.off_columns.data();
  const double* values = split_.off_values.data();
  for (Index t = run.interface_begin; t < run.interface_end; ++t) {
    const auto i = at(split_.interface_rows[at(t)]);
    double s = r[i];  // b_eff_i = r_i - sum_j a_ij x_ghost_j over the other ranks' columns
    for (Index p = offsets[t]; p < offsets[t + 1]; ++p) {
      s -= values[p] * ghosts_[at(columns[p])];
    }
    rhs_[i] = s;
  }
  return rhs_;
}

void PipelinedSsor::post_receives(Schedule& schedule, bool descending, int tag) {
  for (int step = 0; step < blocks_; ++step) {
    const int k = descending ? blocks_ - 1 - step : step;
    for (std::size_t q = schedule.first[at(k)]; q < schedule.first[at(k) + 1]; ++q) {
      Message& message = schedule.messages[q];
      MPI_Irecv(schedule.buffer.data() + message.buffer, static_cast<int>(message.slots.size()), MPI_DOUBLE,
                message.peer, tag, comm_, &schedule.requests[q]);
    }
  }
}

void PipelinedSsor::finish_receives(Schedule& schedule, int block) {
  const std::size_t begin = schedule.first[at(block)];
  const std::size_t end = schedule.first[at(block) + 1];
  if (begin == end) {
    return;
  }
  MPI_Waitall(static_cast<int>(end - begin), schedule.requests.data() + begin, MPI_STATUSES_IGNORE);
  for (std::size_t q = begin; q < end; ++q) {
    const Message& message = schedule.messages[q];
    for (std::size_t v = 0; v < message.slots.size(); ++v) {
      ghosts_[at(message.slots[v])] = schedule.buffer[message.buffer + v];
    }
  }
}

void PipelinedSsor::send(Schedule& schedule, int block, std::span<const double> z, int tag) {
  for (std::size_t q = schedule.first[at(block)]; q < schedule.first[at(block) + 1]; ++q) {
    Message& message = schedule.messages[q];
    double* values = schedule.buffer.data() + message.buffer;
    for (std::size_t v = 0; v < message.slots.size(); ++v) {
      values[v] = z[at(message.slots[v])];  // pack z at the rows this reader reads
    }
    MPI_Isend(values, static_cast<int>(message.slots.size()), MPI_DOUBLE, message.peer, tag, comm_,
              &schedule.requests[q]);
  }
}

void PipelinedSsor::apply(std::span<const double> r, std::span<double> z, double omega) {
  if (!sweeper_) {
    throw UsageError("pipelined SSOR: setup() must be called before apply()");
  }
  // Upper ghosts are zero in the forward sweep (z starts at 0); lower ones are received before use.
  std::fill(ghosts_.begin(), ghosts_.end(), 0.0);
  post_receives(forward_receives_, false, kForwardTag);
  post_receives(backward_receives_, true, kBackwardTag);
  const CsrMatrix& a = split_.diagonal_block;
  // Forward sweep from zero: every column after a row is visited after it, so the sweep from zero
  // (lower triangle only) is exact.
  for (int k = 0; k < blocks_; ++k) {
    finish_receives(forward_receives_, k);
    for (std::size_t q = block_runs_[at(k)]; q < block_runs_[at(k) + 1]; ++q) {
      const Run& run = runs_[q];
      forward_from_zero_rows(a, sweeper_->inverse_diagonal(), run_rhs(run, r), z, omega, run.begin, run.end);
    }
    send(forward_sends_, k, z, kForwardTag);
  }
  // Backward sweep, the exact reverse: lower ghosts keep their forward values, upper ones arrive.
  for (int k = blocks_ - 1; k >= 0; --k) {
    finish_receives(backward_receives_, k);
    for (std::size_t q = block_runs_[at(k) + 1]; q > block_runs_[at(k)]; --q) {
      const Run& run = runs_[q - 1];
      sweeper_->backward_rows(run_rhs(run, r), z, omega, run.begin, run.end);
    }
    send(backward_sends_, k, z, kBackwardTag);
  }
  for (Schedule* sends : {&forward_sends_, &backward_sends_}) {
    MPI_Waitall(static_cast<int>(sends->requests.size()), sends->requests.data(), MPI_STATUSES_IGNORE);
  }
}

}  // namespace adasolve::backend::petsc_detail
