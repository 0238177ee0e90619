#include "adasolve/linear/sor_sweep.hpp"

#include "adasolve/core/error.hpp"
#include "core/stream_prefetch.hpp"

namespace adasolve::linear {

namespace {

/// The arrays of the bound matrix, for the loops below. Every row has a stored diagonal (checked by the
/// constructor), at position diag[i]: [offsets[i], diag[i]) is row i of L, (diag[i], offsets[i+1]) of U.
struct RowArrays {
  const Index* offsets;
  const Index* cols;
  const Index* diag;
  const double* vals;

  explicit RowArrays(const CsrMatrix& a)
      : offsets(a.row_offsets().data()),
        cols(a.column_indices().data()),
        diag(a.diagonal_positions().data()),
        vals(a.values().data()) {}
};

/// Every sweep and triangular solve here is one recurrence over the rows first, first + Step, ...,
/// up to last (exclusive); Step = +1 ascending, -1 descending:
///   s_i = start(i) - sum_{j in the summed parts of row i} a_ij y_j,    y_i = finish(i, s_i),
/// the summed parts being L (SumLower) and/or U (SumUpper), never the diagonal.
///
/// Why the loop is shaped as it is: row i needs y of the row swept just before it (column i - Step, the
/// "chained" entry, present in every banded or stencil matrix). Summed in stored order, that value would
/// enter the middle of the row sum, after a store and a reload, so each row would wait for the whole
/// previous row: a latency chain, not a bandwidth limit. Here the chained entry is subtracted last, from
/// a register: row i's other products overlap with row i-1's, and the rows only share one multiply-add and
/// the finish. The summation order is thus: L entries ascending, U entries ascending, the chained entry
/// last (only the chained entry moves; with omega = 1 a forward sweep equals Gauss-Seidel summed in this
/// order, bit for bit). Rows outside [first, last) are read as they are; the first row of the range reads
/// its neighbour from memory.
template <int Step, bool SumLower, bool SumUpper, typename Start, typename Finish>
void chained_sweep(const RowArrays& m, double* y, Index first, Index last, Start start, Finish finish) {
  static_assert(Step == 1 || Step == -1);
  static_assert(Step == 1 ? SumLower : SumUpper, "the chained entry lies in a summed part");
  double previous = 0.0;  // y of the row swept just before this one
  for (Index i = first; i != last; i += Step) {
    const Index begin = m.offsets[i];
    const Index end = m.offsets[i + 1];
    const Index d = m.diag[i];
    detail::prefetch_entries(m.vals, m.cols, begin, Step * detail::kPrefetchEntries);
    const Index c = d - Step;  // where the chained entry is stored if row i has one
    const bool chained = i != first && (Step == 1 ? c >= begin : c < end) && m.cols[c] == i - Step;
    double s = start(i);
    if constexpr (SumLower) {
      const Index lower_end = (Step == 1 && chained) ? c : d;
      for (Index k = begin; k < lower_end; ++k) {
        s -= m.vals[k] * y[m.cols[k]];
      }
    }
    if constexpr (SumUpper) {
      const Index upper_begin = (Step == -1 && chained) ? c + 1 : d + 1;
      for (Index k = upper_begin; k < end; ++k) {
        s -= m.vals[k] * y[m.cols[k]];
      }
    }
    // Selects, not a branch: whether a row has its chained entry is unpredictable in irregular matrices.
    const double chained_coefficient = chained ? m.vals[c] : 0.0;
    const double chained_value = chained ? previous : 0.0;
    s -= chained_coefficient * chained_value;
    previous = finish(i, s);
    y[i] = previous;
  }
}

}  // namespace

SorSweeper::SorSweeper(const CsrMatrix& a, const std::string& who) : a_(&a) {
  if (!a.is_square()) {
    throw InputError(who + " needs a square matrix, got " + std::to_string(a.rows()) + " x " +
                     std::to_string(a.cols()));
  }
  const auto diag = a.diagonal_positions();
  const auto values = a.values();
  inverse_diagonal_.resize(static_cast<std::size_t>(a.rows()));
  for (Index i = 0; i < a.rows(); ++i) {
    const double d = diag[i] < 0 ? 0.0 : values[diag[i]];
    if (d == 0.0) {
      throw InputError(who + ": zero or missing diagonal entry in row " + std::to_string(i + 1));
    }
    inverse_diagonal_[i] = 1.0 / d;
  }
}

void SorSweeper::forward(std::span<const double> b, std::span<double> x, double omega) const {
  forward_rows(b, x, omega, 0, a_->rows());
}

void SorSweeper::backward(std::span<const double> b, std::span<double> x, double omega) const {
  backward_rows(b, x, omega, 0, a_->rows());
}

// x_i <- (1 - w) x_i + (w / a_ii) s_i,  s_i = b_i - sum_{j != i} a_ij x_j (x_j new for rows already swept).

void SorSweeper::forward_rows(std::span<const double> b, std::span<double> x, double omega, Index begin,
                              Index end) const {
  const double* inv = inverse_diagonal_.data();
  const double keep = 1.0 - omega;
  chained_sweep<1, true, true>(
      RowArrays(*a_), x.data(), begin, end, [&](Index i) { return b[i]; },
      [&](Index i, double s) { return keep * x[i] + (omega * inv[i]) * s; });
}

void SorSweeper::backward_rows(std::span<const double> b, std::span<double> x, double omega, Index begin,
                               Index end) const {
  const double* inv = inverse_diagonal_.data();
  const double keep = 1.0 - omega;
  chained_sweep<-1, true, true>(
      RowArrays(*a_), x.data(), end - 1, begin - 1, [&](Index i) { return b[i]; },
      [&](Index i, double s) { return keep * x[i] + (omega * inv[i]) * s; });
}

void SorSweeper::symmetric(std::span<const double> b, std::span<double> x, double omega) const {
  forward(b, x, omega);
  backward(b, x, omega);
}

void SorSweeper::forward_with_residual(std::span<const double> b, std::span<double> x, double omega,
                                       std::span<double> r) const {
  const RowArrays m(*a_);
  const Index n = a_->rows();
  const double* inv = inverse_diagonal_.data();
  const double keep = 1.0 - omega;
  chained_sweep<1, true, true>(
      m, x.data(), 0, n, [&](Index i) { return b[i]; },
      [&](Index i, double s) {
        const double x_new = keep * x[i] + (omega * inv[i]) * s;
        r[i] = x_new - x[i];  // delta_i
        return x_new;
      });
  // r_i = (1 - w)/w * a_ii delta_i - sum_{j > i} a_ij delta_j. Ascending i: r_j (j > i) still holds delta_j.
  const double factor = keep / omega;
  for (Index i = 0; i < n; ++i) {
    detail::prefetch_entries(m.vals, m.cols, m.offsets[i], detail::kPrefetchEntries);
    double u = 0.0;
    for (Index k = m.diag[i] + 1; k < m.offsets[i + 1]; ++k) {
      u += m.vals[k] * r[m.cols[k]];
    }
    r[i] = factor * m.vals[m.diag[i]] * r[i] - u;
  }
}

void SorSweeper::apply_ssor_inverse(std::span<const double> r, std::span<double> z, double omega) const {
  const RowArrays m(*a_);
  const Index n = a_->rows();
  const double* inv = inverse_diagonal_.data();
  // M^-1 r = (D + w L)^-1 D (D + w U)^-1 (w (2 - w) r): the factor is applied to r on the way in.
  // Backward solve (D + w U) y = w (2 - w) r:  y_i = (w / a_ii) ((2 - w) r_i - sum_{j > i} a_ij y_j).
  const double two_minus = 2.0 - omega;
  chained_sweep<-1, false, true>(
      m, z.data(), n - 1, -1, [&](Index i) { return two_minus * r[i]; },
      [&](Index i, double s) { return (omega * inv[i]) * s; });
  // Forward solve (D + w L) z = D y, in place:  z_i = y_i - (w / a_ii) sum_{j < i} a_ij z_j.
  chained_sweep<1, true, false>(
      m, z.data(), 0, n, [](Index) { return 0.0; },
      [&](Index i, double s) { return z[i] + (omega * inv[i]) * s; });
}

}  // namespace adasolve::linear
