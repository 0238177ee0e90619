#include "kkt_system.hpp"

#include <algorithm>
#include <vector>

namespace adasolve::nlp::detail {

/// K = [[B, G^T], [G, -reg I]] with B = H + shift I (diagonals always stored so that K has a fixed pattern).
/// Written row by row into CSR arrays: row i < n is H's row i (plus the diagonal) followed by column i of
/// G (columns n + j, increasing j); row n + j is G's row j followed by the diagonal. No triplet list: with
/// dense constraint rows over 10^6 variables it would take 16 bytes per entry on top of the result.
CsrMatrix kkt_matrix(const CsrMatrix& h, double shift, const CsrMatrix& g, double reg) {
  const Index n = h.rows();
  const Index m = g.rows();
  // Column i of G: with a few rows, one cursor per row walks the sorted rows along i (no G^T, which for
  // dense rows is as large as G); with many rows, G^T.
  constexpr Index kCursorRows = 64;
  const CsrMatrix gt = m > kCursorRows ? g.transpose() : CsrMatrix();
  std::vector<Index> cursor(g.row_offsets().begin(), g.row_offsets().end() - 1);
  std::vector<Index> offsets(static_cast<std::size_t>(n + m) + 1, 0);
  std::vector<Index> columns;
  std::vector<double> values;
  const auto total = static_cast<std::size_t>(h.nnz() + n + 2 * g.nnz() + m);
  columns.reserve(total);
  values.reserve(total);
  for (Index i = 0; i < n; ++i) {
    bool diagonal_done = false;
    for (Index p = h.row_offsets()[i]; p < h.row_offsets()[i + 1]; ++p) {
      const Index j = h.column_indices()[p];
      if (!diagonal_done && j >= i) {
        columns.push_back(i);
        values.push_back(shift + (j == i ? h.values()[p] : 0.0));
        diagonal_done = true;
        if (j == i) {
          continue;
        }
      }
      columns.push_back(j);
      values.push_back(h.values()[p]);
    }
    if (!diagonal_done) {
      columns.push_back(i);
      values.push_back(shift);
    }
    if (m > kCursorRows) {
      for (Index p = gt.row_offsets()[i]; p < gt.row_offsets()[i + 1]; ++p) {
        columns.push_back(n + gt.column_indices()[p]);
        values.push_back(gt.values()[p]);
      }
    } else {
      for (Index j = 0; j < m; ++j) {
        Index& p = cursor[static_cast<std::size_t>(j)];
        if (p < g.row_offsets()[j + 1] && g.column_indices()[p] == i) {
          columns.push_back(n + j);
          values.push_back(g.values()[p]);
          ++p;
        }
      }
    }
    offsets[static_cast<std::size_t>(i) + 1] = static_cast<Index>(columns.size());
  }
  for (Index j = 0; j < m; ++j) {
    for (Index p = g.row_offsets()[j]; p < g.row_offsets()[j + 1]; ++p) {
      columns.push_back(g.column_indices()[p]);
      values.push_back(g.values()[p]);
    }
    if (reg != 0.0) {
      columns.push_back(n + j);
      values.push_back(-reg);
    }
    offsets[static_cast<std::size_t>(n + j) + 1] = static_cast<Index>(columns.size());
  }
  return CsrMatrix(n + m, n + m, std::move(offsets), std::move(columns), std::move(values));
}

/// H + t I (diagonal entries added where H has none).
CsrMatrix shifted(const CsrMatrix& h, double t) {
  std::vector<Triplet> trip;
  trip.reserve(static_cast<std::size_t>(h.nnz() + h.rows()));
  for (Index i = 0; i < h.rows(); ++i) {
    for (Index p = h.row_offsets()[i]; p < h.row_offsets()[i + 1]; ++p) {
      trip.push_back({i, h.column_indices()[p], h.values()[p]});
    }
    trip.push_back({i, i, t});
  }
  return CsrMatrix::from_triplets(h.rows(), h.cols(), trip);
}

bool same_matrix(const CsrMatrix& a, const CsrMatrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::ranges::equal(a.row_offsets(), b.row_offsets()) &&
         std::ranges::equal(a.column_indices(), b.column_indices()) &&
         std::ranges::equal(a.values(), b.values());
}

/// true when G equals the constraint rows of K = kkt_matrix(H, shift, G', r): row n + j of K is G'_j
/// (columns < n) and at most the diagonal entry -r. Comparing against K instead of a copy of G saves a
/// copy of G, which for dense constraint rows over 10^6 variables is the size of K's off-diagonal blocks.
bool jacobian_in_kkt(const CsrMatrix& g, const CsrMatrix& k, Index n) {
  if (k.rows() != n + g.rows()) {
    return false;
  }
  for (Index j = 0; j < g.rows(); ++j) {
    Index q = k.row_offsets()[n + j];
    const Index q_end = k.row_offsets()[n + j + 1];
    for (Index p = g.row_offsets()[j]; p < g.row_offsets()[j + 1]; ++p, ++q) {
      if (q >= q_end || k.column_indices()[q] != g.column_indices()[p] || k.values()[q] != g.values()[p]) {
        return false;
      }
    }
    if (q < q_end && k.column_indices()[q] < n) {
      return false;  // K has more of row j than G
    }
  }
  return true;
}

double top_block_norm2(const CsrMatrix& k, Index n) {
  double sum = 0.0;
  for (Index i = 0; i < n; ++i) {
    for (Index p = k.row_offsets()[i]; p < k.row_offsets()[i + 1]; ++p) {
      if (k.column_indices()[p] < n) {
        sum += k.values()[p] * k.values()[p];
      }
    }
  }
  return sum;
}

}  // namespace adasolve::nlp::detail
