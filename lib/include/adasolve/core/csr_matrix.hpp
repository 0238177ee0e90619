#pragma once
// Compressed sparse row matrix: the one sparse matrix type every adasolve component reads.
//
// Invariants (established by every constructor, relied on by every kernel):
//   * row_offsets has rows + 1 entries, row_offsets[0] = 0, non-decreasing, row_offsets[rows] = nnz;
//   * column indices of each row are strictly increasing (sorted, duplicates summed on construction);
//   * diagonal_positions()[i] is the position of a(i, i) in values(), or -1 if it is not stored, so
//     kernels (SOR sweeps, Jacobi) find the diagonal without searching.
// Index width is 32 bits for both offsets and columns (see types.hpp).
#include <span>
#include <vector>

#include "adasolve/core/types.hpp"

namespace adasolve {

/// One stored entry (row, col, value), 0-based.
struct Triplet {
  Index row;
  Index col;
  Scalar value;
};

class CsrMatrix {
 public:
  CsrMatrix() = default;

  /// Takes ownership of ready CSR arrays. Throws InputError unless they satisfy the invariants above
  /// (columns in range and strictly increasing per row).
  CsrMatrix(Index rows, Index cols, std::vector<Index> row_offsets, std::vector<Index> column_indices,
            std::vector<Scalar> values);

  /// Builds from unordered triplets: sorts each row, sums duplicates. Indices must be in range
  /// (throws InputError otherwise). O(nnz + rows) with a counting sort, no per-entry allocation.
  static CsrMatrix from_triplets(Index rows, Index cols, std::span<const Triplet> triplets);

  /// Same, from three parallel arrays (the Matrix Market reader's layout).
  static CsrMatrix from_coordinates(Index rows, Index cols, std::span<const Index> row_index,
                                    std::span<const Index> col_index, std::span<const Scalar> value);

  /// n x n identity.
  static CsrMatrix identity(Index n);

  Index rows() const { return rows_; }
  Index cols() const { return cols_; }
  Index nnz() const { return static_cast<Index>(column_indices_.size()); }
  bool is_square() const { return rows_ == cols_; }

  std::span<const Index> row_offsets() const { return row_offsets_; }
  std::span<const Index> column_indices() const { return column_indices_; }
  std::span<const Scalar> values() const { return values_; }
  /// Values may be changed in place (the sparsity pattern may not): shifted families reuse a pattern.
  std::span<Scalar> values_mutable() { return values_; }
  std::span<const Index> diagonal_positions() const { return diagonal_positions_; }

  /// a(i, i), 0 when not stored.
  Scalar diagonal(Index i) const;
  /// The whole diagonal (0 where not stored).
  std::vector<Scalar> diagonal() const;
  /// a(i, j), 0 when not stored (binary search in the row).
  Scalar at(Index i, Index j) const;

  /// y <- A x.  Sizes must match (UsageError otherwise).
  void multiply(std::span<const Scalar> x, std::span<Scalar> y) const;
  /// r <- b - A x.
  void residual(std::span<const Scalar> b, std::span<const Scalar> x, std::span<Scalar> r) const;

  CsrMatrix transpose() const;
  /// max |a_ij - a_ji| <= tol * max |a_ij|.
  bool is_numerically_symmetric(double relative_tolerance = 0.0) const;
  /// A + shift * I (the diagonal must be stored in every row; UsageError otherwise).
  CsrMatrix shifted(Scalar shift) const;

 private:
  void index_diagonal();

  Index rows_ = 0;
  Index cols_ = 0;
  std::vector<Index> row_offsets_{0};
  std::vector<Index> column_indices_;
  std::vector<Scalar> values_;
  std::vector<Index> diagonal_positions_;
};

}  // namespace adasolve
