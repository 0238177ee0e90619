#include "adasolve/core/csr_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "adasolve/core/error.hpp"
#include "core/stream_prefetch.hpp"

namespace adasolve {

namespace {

void check_dimensions(Index rows, Index cols) {
  if (rows < 0 || cols < 0) {
    throw InputError("matrix dimensions must be non-negative, got " + std::to_string(rows) + " x " +
                     std::to_string(cols));
  }
}

}  // namespace

CsrMatrix::CsrMatrix(Index rows, Index cols, std::vector<Index> row_offsets,
                     std::vector<Index> column_indices, std::vector<Scalar> values)
    : rows_(rows),
      cols_(cols),
      row_offsets_(std::move(row_offsets)),
      column_indices_(std::move(column_indices)),
      values_(std::move(values)) {
  check_dimensions(rows, cols);
  if (row_offsets_.size() != static_cast<std::size_t>(rows) + 1 || row_offsets_.front() != 0 ||
      static_cast<std::size_t>(row_offsets_.back()) != column_indices_.size() ||
      column_indices_.size() != values_.size()) {
    throw InputError("inconsistent CSR arrays");
  }
  for (Index i = 0; i < rows_; ++i) {
    if (row_offsets_[i + 1] < row_offsets_[i]) {
      throw InputError("CSR row offsets decrease at row " + std::to_string(i));
    }
    for (Index k = row_offsets_[i]; k < row_offsets_[i + 1]; ++k) {
      const Index j = column_indices_[k];
      if (j < 0 || j >= cols_) {
        throw InputError("CSR column index " + std::to_string(j) + " out of range in row " +
                         std::to_string(i));
      }
      if (k > row_offsets_[i] && column_indices_[k - 1] >= j) {
        throw InputError("CSR columns not strictly increasing in row " + std::to_string(i));
      }
    }
  }
  index_diagonal();
}

CsrMatrix CsrMatrix::from_triplets(Index rows, Index cols, std::span<const Triplet> triplets) {
  std::vector<Index> r(triplets.size());
  std::vector<Index> c(triplets.size());
  std::vector<Scalar> v(triplets.size());
  for (std::size_t k = 0; k < triplets.size(); ++k) {
    r[k] = triplets[k].row;
    c[k] = triplets[k].col;
    v[k] = triplets[k].value;
  }
  return from_coordinates(rows, cols, r, c, v);
}

CsrMatrix CsrMatrix::from_coordinates(Index rows, Index cols, std::span<const Index> row_index,
                                      std::span<const Index> col_index, std::span<const Scalar> value) {
  check_dimensions(rows, cols);
  const std::size_t count = row_index.size();
  if (col_index.size() != count || value.size() != count) {
    throw UsageError("from_coordinates: arrays of different lengths");
  }
  if (count > static_cast<std::size_t>(kMaxIndex)) {
    throw InputError("more than 2^31 - 1 stored entries: use the MPI backend, which splits rows over ranks");
  }
  CsrMatrix m;
  m.rows_ = rows;
  m.cols_ = cols;
  // Counting sort by row: offsets from row counts, then scatter.
  std::vector<Index> offsets(static_cast<std::size_t>(rows) + 1, 0);
  for (std::size_t k = 0; k < count; ++k) {
    const Index i = row_index[k];
    const Index j = col_index[k];
    if (i < 0 || i >= rows || j < 0 || j >= cols) {
      throw InputError("entry (" + std::to_string(i + 1) + ", " + std::to_string(j + 1) +
                       ") out of range for " + std::to_string(rows) + " x " + std::to_string(cols));
    }
    ++offsets[i + 1];
  }
  for (Index i = 0; i < rows; ++i) {
    offsets[i + 1] += offsets[i];
  }
  std::vector<Index> next(offsets.begin(), offsets.end() - 1);
  std::vector<Index> cols_sorted(count);
  std::vector<Scalar> vals_sorted(count);
  for (std::size_t k = 0; k < count; ++k) {
    const Index pos = next[row_index[k]]++;
    cols_sorted[pos] = col_index[k];
    vals_sorted[pos] = value[k];
  }
  // Sort each row by column (insertion sort for short rows, std::sort otherwise) and sum duplicates in place.
  std::vector<std::pair<Index, Scalar>> scratch;
  m.row_offsets_.assign(static_cast<std::size_t>(rows) + 1, 0);
  Index out = 0;
  for (Index i = 0; i < rows; ++i) {
    const Index begin = offsets[i];
    const Index end = offsets[i + 1];
    bool sorted = true;
    for (Index k = begin + 1; k < end; ++k) {
      if (cols_sorted[k - 1] >= cols_sorted[k]) {
        sorted = false;
        break;
      }
    }
    if (!sorted) {
      scratch.clear();
      for (Index k = begin; k < end; ++k) {
        scratch.emplace_back(cols_sorted[k], vals_sorted[k]);
      }
      std::stable_sort(scratch.begin(), scratch.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (Index k = begin; k < end; ++k) {
        cols_sorted[k] = scratch[k - begin].first;
        vals_sorted[k] = scratch[k - begin].second;
      }
    }
    for (Index k = begin; k < end; ++k) {
      if (out > m.row_offsets_[i] && cols_sorted[out - 1] == cols_sorted[k]) {
        vals_sorted[out - 1] += vals_sorted[k];  // duplicate entry: summed
      } else {
        cols_sorted[out] = cols_sorted[k];
        vals_sorted[out] = vals_sorted[k];
        ++out;
      }
    }
    m.row_offsets_[i + 1] = out;
  }
  cols_sorted.resize(out);
  vals_sorted.resize(out);
  m.column_indices_ = std::move(cols_sorted);
  m.values_ = std::move(vals_sorted);
  m.index_diagonal();
  return m;
}

CsrMatrix CsrMatrix::identity(Index n) {
  std::vector<Index> offsets(static_cast<std::size_t>(n) + 1);
  std::vector<Index> cols(n);
  for (Index i = 0; i <= n; ++i) {
    offsets[i] = i;
  }
  for (Index i = 0; i < n; ++i) {
    cols[i] = i;
  }
  return CsrMatrix(n, n, std::move(offsets), std::move(cols), std::vector<Scalar>(n, 1.0));
}

void CsrMatrix::index_diagonal() {
  diagonal_positions_.assign(rows_, -1);
  for (Index i = 0; i < rows_; ++i) {
    const auto begin = column_indices_.begin() + row_offsets_[i];
    const auto end = column_indices_.begin() + row_offsets_[i + 1];
    const auto it = std::lower_bound(begin, end, i);
    if (it != end && *it == i) {
      diagonal_positions_[i] = static_cast<Index>(it - column_indices_.begin());
    }
  }
}

Scalar CsrMatrix::diagonal(Index i) const {
  const Index pos = diagonal_positions_[i];
  return pos < 0 ? 0.0 : values_[pos];
}

std::vector<Scalar> CsrMatrix::diagonal() const {
  std::vector<Scalar> d(rows_);
  for (Index i = 0; i < rows_; ++i) {
    d[i] = diagonal(i);
  }
  return d;
}

Scalar CsrMatrix::at(Index i, Index j) const {
  const auto begin = column_indices_.begin() + row_offsets_[i];
  const auto end = column_indices_.begin() + row_offsets_[i + 1];
  const auto it = std::lower_bound(begin, end, j);
  return (it != end && *it == j) ? values_[it - column_indices_.begin()] : 0.0;
}

void CsrMatrix::multiply(std::span<const Scalar> x, std::span<Scalar> y) const {
  if (x.size() != static_cast<std::size_t>(cols_) || y.size() != static_cast<std::size_t>(rows_)) {
    throw UsageError("CsrMatrix::multiply: size mismatch");
  }
  const Index* offsets = row_offsets_.data();
  const Index* cols = column_indices_.data();
  const Scalar* vals = values_.data();
  for (Index i = 0; i < rows_; ++i) {
    detail::prefetch_entries(vals, cols, offsets[i], detail::kPrefetchEntries);
    Scalar sum = 0.0;  // y_i = sum_k a_ik x_k
    for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
      sum += vals[k] * x[cols[k]];
    }
    y[i] = sum;
  }
}

void CsrMatrix::residual(std::span<const Scalar> b, std::span<const Scalar> x, std::span<Scalar> r) const {
  if (b.size() != static_cast<std::size_t>(rows_) || x.size() != static_cast<std::size_t>(cols_) ||
      r.size() != static_cast<std::size_t>(rows_)) {
    throw UsageError("CsrMatrix::residual: size mismatch");
  }
  const Index* offsets = row_offsets_.data();
  const Index* cols = column_indices_.data();
  const Scalar* vals = values_.data();
  for (Index i = 0; i < rows_; ++i) {
    detail::prefetch_entries(vals, cols, offsets[i], detail::kPrefetchEntries);
    Scalar sum = b[i];  // r_i = b_i - sum_k a_ik x_k
    for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
      sum -= vals[k] * x[cols[k]];
    }
    r[i] = sum;
  }
}

CsrMatrix CsrMatrix::transpose() const {
  std::vector<Index> offsets(static_cast<std::size_t>(cols_) + 1, 0);
  for (Index j : column_indices_) {
    ++offsets[j + 1];
  }
  for (Index j = 0; j < cols_; ++j) {
    offsets[j + 1] += offsets[j];
  }
  std::vector<Index> next(offsets.begin(), offsets.end() - 1);
  std::vector<Index> cols(column_indices_.size());
  std::vector<Scalar> vals(values_.size());
  for (Index i = 0; i < rows_; ++i) {
    for (Index k = row_offsets_[i]; k < row_offsets_[i + 1]; ++k) {
      const Index pos = next[column_indices_[k]]++;
      cols[pos] = i;
      vals[pos] = values_[k];
    }
  }
  return CsrMatrix(cols_, rows_, std::move(offsets), std::move(cols), std::move(vals));
}

bool CsrMatrix::is_numerically_symmetric(double relative_tolerance) const {
  if (!is_square()) {
    return false;
  }
  // Non-finite entries: symmetric only when the mirrored entry is bit-for-bit the same kind of value
  // (a tolerance built from an infinite max |a_ij| would be NaN, and every comparison with NaN is false).
  double max_abs = 0.0;
  for (Scalar v : values_) {
    if (std::isfinite(v)) {
      max_abs = std::max(max_abs, std::abs(v));
    }
  }
  const double tol = relative_tolerance * max_abs;
  for (Index i = 0; i < rows_; ++i) {
    for (Index k = row_offsets_[i]; k < row_offsets_[i + 1]; ++k) {
      const double a = values_[k];
      const double b = at(column_indices_[k], i);
      if (std::isfinite(a) && std::isfinite(b)) {
        if (!(std::abs(a - b) <= tol)) {
          return false;
        }
      } else if (!(a == b)) {  // inf must mirror the same inf; NaN never equals anything
        return false;
      }
    }
  }
  return true;
}

CsrMatrix CsrMatrix::shifted(Scalar shift) const {
  CsrMatrix m = *this;
  for (Index i = 0; i < rows_; ++i) {
    const Index pos = diagonal_positions_[i];
    if (pos < 0) {
      throw UsageError("shifted: diagonal entry of row " + std::to_string(i + 1) + " is not stored");
    }
    m.values_[pos] += shift;
  }
  return m;
}

}  // namespace adasolve
