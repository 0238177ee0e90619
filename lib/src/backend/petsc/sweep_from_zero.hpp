#pragma once
// The first SOR sweep of an SSOR apply, which starts from z = 0 (private to the PETSc boundary; used by
// interface-ordered and pipelined SSOR).
#include <span>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::backend::petsc_detail {

/// The forward sweep of rows [begin, end) from z = 0, reading the strict lower triangle only:
///   z_i = omega / a_ii * (b_i - sum_{j < i} a_ij z_j).
/// Exact when every column j > i of these rows still holds zero (not yet visited by the sweep): then
/// (1 - omega) z_i and the upper triangle contribute nothing, and skipping them saves reading half of
/// each row (PETSc's MatSOR does the same with SOR_ZERO_INITIAL_GUESS). The columns j < i must hold
/// their new values; z_i itself is written, never read.
inline void forward_from_zero_rows(const CsrMatrix& a, std::span<const double> inverse_diagonal,
                                   std::span<const double> b, std::span<double> z, double omega, Index begin,
                                   Index end) {
  const Index* offsets = a.row_offsets().data();
  const Index* columns = a.column_indices().data();
  const Index* diagonal = a.diagonal_positions().data();
  const double* values = a.values().data();
  for (Index i = begin; i < end; ++i) {
    double s = b[i];  // s = b_i - sum_{j < i} a_ij z_j
    for (Index k = offsets[i]; k < diagonal[i]; ++k) {
      s -= values[k] * z[columns[k]];
    }
    z[i] = omega * (s * inverse_diagonal[i]);
  }
}

}  // namespace adasolve::backend::petsc_detail
