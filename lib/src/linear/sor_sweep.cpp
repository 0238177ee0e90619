#include "adasolve/linear/sor_sweep.hpp"

#include "adasolve/core/error.hpp"

namespace adasolve {

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

// The loops below read the row in two halves split at the stored diagonal: [begin, diag) is L, (diag, end)
// is U. Every row has a stored diagonal (checked in the constructor).

void SorSweeper::forward(std::span<const double> b, std::span<double> x, double omega) const {
  forward_rows(b, x, omega, 0, a_->rows());
}

void SorSweeper::backward(std::span<const double> b, std::span<double> x, double omega) const {
  backward_rows(b, x, omega, 0, a_->rows());
}

void SorSweeper::forward_rows(std::span<const double> b, std::span<double> x, double omega, Index begin,
                              Index end) const {
  const Index* offsets = a_->row_offsets().data();
  const Index* cols = a_->column_indices().data();
  const Index* diag = a_->diagonal_positions().data();
  const double* vals = a_->values().data();
  const double* inv = inverse_diagonal_.data();
  const double keep = 1.0 - omega;
  for (Index i = begin; i < end; ++i) {
    double s = b[i];  // s = b_i - sum_{j != i} a_ij x_j  (x_j new for j < i, old for j > i)
    for (Index k = offsets[i]; k < diag[i]; ++k) {
      s -= vals[k] * x[cols[k]];
    }
    for (Index k = diag[i] + 1; k < offsets[i + 1]; ++k) {
      s -= vals[k] * x[cols[k]];
    }
    x[i] = keep * x[i] + omega * (s * inv[i]);  // x_i <- (1 - w) x_i + w s / a_ii
  }
}

void SorSweeper::backward_rows(std::span<const double> b, std::span<double> x, double omega, Index begin,
                               Index end) const {
  const Index* offsets = a_->row_offsets().data();
  const Index* cols = a_->column_indices().data();
  const Index* diag = a_->diagonal_positions().data();
  const double* vals = a_->values().data();
  const double* inv = inverse_diagonal_.data();
  const double keep = 1.0 - omega;
  for (Index i = end - 1; i >= begin; --i) {
    double s = b[i];  // s = b_i - sum_{j != i} a_ij x_j  (x_j new for j > i, old for j < i)
    for (Index k = offsets[i]; k < diag[i]; ++k) {
      s -= vals[k] * x[cols[k]];
    }
    for (Index k = diag[i] + 1; k < offsets[i + 1]; ++k) {
      s -= vals[k] * x[cols[k]];
    }
    x[i] = keep * x[i] + omega * (s * inv[i]);
  }
}

void SorSweeper::symmetric(std::span<const double> b, std::span<double> x, double omega) const {
  forward(b, x, omega);
  backward(b, x, omega);
}

void SorSweeper::forward_with_residual(std::span<const double> b, std::span<double> x, double omega,
                                       std::span<double> r) const {
  const Index n = a_->rows();
  const Index* offsets = a_->row_offsets().data();
  const Index* cols = a_->column_indices().data();
  const Index* diag = a_->diagonal_positions().data();
  const double* vals = a_->values().data();
  const double* inv = inverse_diagonal_.data();
  const double keep = 1.0 - omega;
  for (Index i = 0; i < n; ++i) {
    double s = b[i];
    for (Index k = offsets[i]; k < diag[i]; ++k) {
      s -= vals[k] * x[cols[k]];
    }
    for (Index k = diag[i] + 1; k < offsets[i + 1]; ++k) {
      s -= vals[k] * x[cols[k]];
    }
    const double x_new = keep * x[i] + omega * (s * inv[i]);
    r[i] = x_new - x[i];  // delta_i
    x[i] = x_new;
  }
  // r_i = (1 - w)/w * a_ii delta_i - sum_{j > i} a_ij delta_j. Ascending i: r_j (j > i) still holds delta_j.
  const double factor = keep / omega;
  for (Index i = 0; i < n; ++i) {
    double u = 0.0;
    for (Index k = diag[i] + 1; k < offsets[i + 1]; ++k) {
      u += vals[k] * r[cols[k]];
    }
    r[i] = factor * vals[diag[i]] * r[i] - u;
  }
}

void SorSweeper::apply_ssor_inverse(std::span<const double> r, std::span<double> z, double omega) const {
  const Index n = a_->rows();
  const Index* offsets = a_->row_offsets().data();
  const Index* cols = a_->column_indices().data();
  const Index* diag = a_->diagonal_positions().data();
  const double* vals = a_->values().data();
  const double* inv = inverse_diagonal_.data();
  // M^-1 r = (D + w L)^-1 D (D + w U)^-1 (w (2 - w) r): the factor is applied to r on the way in.
  // Backward solve (D + w U) y = w (2 - w) r:  y_i = (w (2 - w) r_i - w sum_{j > i} a_ij y_j) / a_ii.
  const double scale = omega * (2.0 - omega);
  for (Index i = n - 1; i >= 0; --i) {
    double s = 0.0;
    for (Index k = diag[i] + 1; k < offsets[i + 1]; ++k) {
      s += vals[k] * z[cols[k]];
    }
    z[i] = (scale * r[i] - omega * s) * inv[i];
  }
  // Forward solve (D + w L) z = D y, in place:  z_i = y_i - w / a_ii sum_{j < i} a_ij z_j.
  for (Index i = 0; i < n; ++i) {
    double s = 0.0;
    for (Index k = offsets[i]; k < diag[i]; ++k) {
      s += vals[k] * z[cols[k]];
    }
    z[i] = z[i] - omega * inv[i] * s;
  }
}

}  // namespace adasolve
