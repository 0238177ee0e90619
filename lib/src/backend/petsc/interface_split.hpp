#pragma once
// The split of one rank's rows for interface-ordered SSOR (private to the PETSc boundary; no MPI here).
//
// A rank's rows [first_row, end_row) of A are either *interior* (every stored entry in a column the rank
// owns) or *interface* (at least one stored entry in another rank's column, a "ghost" column). The split
// keeps, in the rank's natural row order:
//   * the diagonal block A_loc (local rows x local columns, columns shifted by -first_row), on which the
//     sweeps run;
//   * the off-process couplings of the interface rows, A_off (interface rows x ghost columns), which the
//     sweeps move to the right-hand side: b_eff = b - A_off x_ghost;
//   * the interior and interface rows as runs of consecutive local rows, so that a sweep over "the interior
//     rows, then the interface rows" is a few calls of SorSweeper::forward_rows (no vector is permuted).
#include <span>
#include <utility>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::backend::petsc_detail {

/// Consecutive local rows [begin, end).
struct RowRun {
  Index begin = 0;
  Index end = 0;
};

struct InterfaceSplit {
  Index first_row = 0;                 ///< global index of local row 0
  CsrMatrix diagonal_block;            ///< A_loc, local x local
  std::vector<RowRun> interior_runs;   ///< ascending
  std::vector<RowRun> interface_runs;  ///< ascending
  std::vector<Index> ghost_columns;    ///< global indices of the ghost columns, sorted, unique
  // A_off in CSR over the interface rows only: row k is local row interface_rows[k]; columns are
  // positions in ghost_columns.
  std::vector<Index> interface_rows;
  std::vector<Index> off_offsets{0};
  std::vector<Index> off_columns;
  std::vector<Scalar> off_values;

  Index local_rows() const { return diagonal_block.rows(); }
  bool is_interface(Index local_row) const;
};

/// Builds an InterfaceSplit from the rank's rows, given one at a time in order (so the rows may come from
/// PETSc's MatGetRow without a second copy of the matrix).
class InterfaceSplitBuilder {
 public:
  InterfaceSplitBuilder(Index first_row, Index end_row);
  /// The next row: its stored entries with global column indices, ascending.
  void add_row(std::span<const Index> global_columns, std::span<const Scalar> values);
  /// Throws UsageError unless every row was added.
  InterfaceSplit finish();

 private:
  Index first_row_, end_row_;
  Index next_row_ = 0;
  std::vector<Index> offsets_{0}, columns_;
  std::vector<Scalar> values_;
  std::vector<Index> interface_rows_, off_offsets_{0}, off_global_columns_;
  std::vector<Scalar> off_values_;
};

}  // namespace adasolve::backend::petsc_detail
