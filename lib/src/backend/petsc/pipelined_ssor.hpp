#pragma once
// Pipelined SSOR: the natural-order SSOR preconditioner of a row-distributed grid matrix, with its sweeps
// run in parallel as a pipeline (private to the PETSc boundary).
//
// Why it is exact. The SOR sweep's result depends only on the orientation of each edge: which end is
// updated first. Any traversal that visits every row i after all its lower columns (j < i, a_ij != 0),
// and before all its upper ones, computes exactly the natural-order forward sweep. For a row-major grid
// of m columns (row r at grid column r % m, grid row r / m) whose lower columns all lie at grid columns
// <= r % m and upper columns at >= r % m (the 5-point stencil; checked at setup), such a traversal is by
// column blocks: for block k = 0, 1, ... (grid columns [k B, (k + 1) B)), for each grid row of the rank
// (ascending), its points in the block (ascending), a run of consecutive local rows.
//
// Why it runs in parallel. Rows are distributed in contiguous blocks (strips, possibly cutting a grid
// row), so a rank's rows in block k depend only on lower ranks' rows in blocks <= k: the ranks form a
// pipeline. Forward: before block k, receive from each lower rank the messages of blocks <= k (its new
// values of the rows this rank reads); sweep the block's runs with b - A_off x_ghost as right-hand side
// (lower ghosts: received; upper ghosts: 0, the sweep starts from z = 0); then send each higher rank the
// values of this block's rows it reads (one message per block and reader, nonblocking). Backward: the
// exact reverse (blocks, grid rows and points descending), the pipeline running from high ranks to low;
// upper ghosts are the received backward values, lower ghosts keep their forward values.
//
// z = M^-1 r is the forward sweep from z = 0 followed by the backward sweep, i.e. the natural-order SSOR
//   M^-1 = w (2 - w) (D + w U)^-1 D (D + w L)^-1,
// the same on every number of ranks (PETSc's symmetric PCSOR on one rank). Cost: the pipeline fill,
// (P - 1) of the ceil(m / B) blocks per sweep, and per apply one message per block and neighbour and
// direction (2 ceil(m / B) for a strip between two neighbours), no reduction.
#include <petscsys.h>  // mpi.h as PETSc includes it (without the MPI C++ bindings)

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/linear/sor_sweep.hpp"
#include "backend/petsc/interface_split.hpp"
#include "backend/petsc/split_ssor.hpp"

namespace adasolve::backend::petsc_detail {

/// The default block width for a grid of m columns on `ranks` ranks: one block on one rank (no pipeline,
/// plain natural order); otherwise max(128, ceil(m / 8)) grid columns. Two costs pull apart: the fill,
/// (P - 1) blocks per sweep, wants narrow blocks; the traversal wants long runs, because every run of a
/// column block restarts the streams of each array it reads (measured on one rank at nx = 1000: the solve
/// takes 1.8x as long with B = 64, 1.4x with B = 256, as with whole grid rows; README, "Pipelined SSOR").
Index default_pipeline_block_columns(Index grid_columns, int ranks);

class PipelinedSsor final : public SplitSsor {
 public:
  /// grid_columns: m > 0; block_columns: B > 0, or 0 for default_pipeline_block_columns.
  PipelinedSsor(MPI_Comm comm, Index grid_columns, Index block_columns);
  // The sweeper points into the split: a PipelinedSsor never moves.
  PipelinedSsor(const PipelinedSsor&) = delete;
  PipelinedSsor& operator=(const PipelinedSsor&) = delete;

  /// Collective. Checks the grid pattern (UsageError naming the first offending global row, on every
  /// rank) and the diagonal (InputError), then builds the runs and the message lists (one all-to-all of
  /// the ghost-column lists, exchange_lists).
  void setup(InterfaceSplit split, const std::string& who) override;
  /// Collective. z <- M^-1 r on this rank's entries (r and z must not alias).
  void apply(std::span<const double> r, std::span<double> z, double omega) override;

  bool ready() const { return sweeper_ != nullptr; }
  Index local_rows() const { return split_.local_rows(); }
  Index block_columns() const { return block_columns_; }
  int blocks() const { return blocks_; }
  /// Messages this rank sends per apply (both sweeps).
  int messages_sent_per_apply() const {
    return static_cast<int>(forward_sends_.messages.size() + backward_sends_.messages.size());
  }

 private:
  /// Consecutive local rows [begin, end) of one grid row in one block, with the positions
  /// [interface_begin, interface_end) in split_.interface_rows of its rows that have ghost columns.
  struct Run {
    Index begin = 0, end = 0;
    Index interface_begin = 0, interface_end = 0;
  };
  /// One message of one sweep: to / from `peer`, the values of the rows of block `block`; `slots` are
  /// local rows (send) or positions in the ghost array (receive), in ascending global index on both
  /// sides; `buffer` is the message's first position in its buffer.
  struct Message {
    int peer = 0;
    int block = 0;
    std::vector<Index> slots;
    std::size_t buffer = 0;
  };
  /// The messages of one sweep in one direction, grouped by block: messages[first[k] .. first[k + 1])
  /// belong to block k; their values travel in `buffer`, their requests in `requests` (by message).
  struct Schedule {
    std::vector<Message> messages;
    std::vector<std::size_t> first;
    std::vector<double> buffer;
    std::vector<MPI_Request> requests;
  };

  int block_of(Index global_row) const;
  void check_grid_pattern(const std::string& who) const;
  void build_runs();
  void build_schedules();
  /// b_eff = r - A_off x_ghost on the run's rows with ghost columns, r elsewhere; returns the vector the
  /// run's sweep reads (r itself when the run has no ghost columns).
  std::span<const double> run_rhs(const Run& run, std::span<const double> r);
  /// Posts every receive of the sweep, block by block in the order the sweep visits them (ascending or
  /// descending): between two ranks messages do not overtake, so they match in that order.
  void post_receives(Schedule& schedule, bool descending, int tag);
  /// Waits for the messages of `block` and scatters their values into the ghost array.
  void finish_receives(Schedule& schedule, int block);
  /// Packs z at the rows of `block` each reader reads and sends them (nonblocking).
  void send(Schedule& schedule, int block, std::span<const double> z, int tag);

  MPI_Comm comm_;
  Index grid_columns_;
  Index requested_block_columns_;
  Index block_columns_ = 0;
  int blocks_ = 0;
  InterfaceSplit split_;
  std::unique_ptr<linear::SorSweeper> sweeper_;
  std::vector<Run> runs_;                ///< block by block, grid rows ascending
  std::vector<std::size_t> block_runs_;  ///< runs_[block_runs_[k] .. block_runs_[k + 1]) are block k's
  Schedule forward_sends_, forward_receives_, backward_sends_, backward_receives_;
  std::vector<double> ghosts_;  ///< values of split_.ghost_columns
  std::vector<double> rhs_;     ///< b_eff by local row (written on runs with ghost columns only)
};

}  // namespace adasolve::backend::petsc_detail
