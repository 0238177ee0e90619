// Constrained logistic regression (alsketch.md §5.3). Derivatives by hand:
//   t_i = y_i x_i^T w,  f = (1/N) sum log(1 + e^{-t_i}),
//   grad f = -(1/N) sum y_i s(-t_i) x_i,   Hess f = (1/N) sum s(t_i) s(-t_i) x_i x_i^T,   s(u) =
//   1/(1+e^{-u}). c_j = a_j^T w - b_j (j < r),  c_r = ||w||^2 - 1;  Hess of lambda^T c = 2 lambda_r I.
#include <algorithm>
#include <cmath>
#include <random>

#include "adasolve/core/error.hpp"
#include "adasolve/core/memory.hpp"
#include "adasolve/nlp/problems.hpp"

namespace adasolve::nlp {

namespace {

double sigmoid(double u) { return u >= 0 ? 1.0 / (1.0 + std::exp(-u)) : std::exp(u) / (1.0 + std::exp(u)); }
/// log(1 + e^{-t}) without overflow.
double log1p_exp_neg(double t) { return t > 0 ? std::log1p(std::exp(-t)) : -t + std::log1p(std::exp(t)); }

class LogisticRegression final : public NlpProblem {
 public:
  LogisticRegression(io::LibsvmData data, unsigned seed) : data_(std::move(data)) {
    n_ = data_.features.cols();
    r_ = std::min<Index>(10, n_ / 4);
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    a_.resize(static_cast<std::size_t>(r_) * static_cast<std::size_t>(n_));
    for (auto& v : a_) {
      v = normal(rng);
    }
    b_.resize(static_cast<std::size_t>(r_));
    for (auto& v : b_) {
      v = normal(rng);
    }
  }

  std::string name() const override { return "logreg(" + data_.source + ")"; }
  Index num_variables() const override { return n_; }
  Index num_constraints() const override { return r_ + 1; }
  std::vector<double> initial_point() const override {
    return std::vector<double>(static_cast<std::size_t>(n_), 1.0);
  }
  std::vector<double> initial_multipliers() const override {
    return std::vector<double>(static_cast<std::size_t>(r_ + 1), 1.0);
  }

  bool objective(std::span<const double> w, double& f) override {
    const auto t = margins(w);
    f = 0.0;
    for (double ti : t) {
      f += log1p_exp_neg(ti);
    }
    f /= static_cast<double>(t.size());
    return std::isfinite(f);
  }
  bool gradient(std::span<const double> w, std::span<double> g) override {
    const auto t = margins(w);
    std::fill(g.begin(), g.end(), 0.0);
    const auto& x = data_.features;
    const double inv_n = 1.0 / static_cast<double>(t.size());
    for (Index i = 0; i < x.rows(); ++i) {
      const double coef =
          -inv_n * data_.labels[static_cast<std::size_t>(i)] * sigmoid(-t[static_cast<std::size_t>(i)]);
      for (Index k = x.row_offsets()[i]; k < x.row_offsets()[i + 1]; ++k) {
        g[static_cast<std::size_t>(x.column_indices()[k])] += coef * x.values()[k];
      }
    }
    return true;
  }
  bool constraints(std::span<const double> w, std::span<double> c) override {
    for (Index j = 0; j < r_; ++j) {
      double s = -b_[static_cast<std::size_t>(j)];
      for (Index k = 0; k < n_; ++k) {
        s += a(j, k) * w[static_cast<std::size_t>(k)];
      }
      c[static_cast<std::size_t>(j)] = s;
    }
    double ww = 0.0;
    for (double v : w) {
      ww += v * v;
    }
    c[static_cast<std::size_t>(r_)] = ww - 1.0;
    return std::isfinite(ww);
  }
  bool jacobian(std::span<const double> w, CsrMatrix& jac) override {
    // G = [A; 2 w^T]: r + 1 dense rows, written straight into CSR arrays (no triplets: at 10^6 features
    // those would be another 16 bytes per entry).
    const auto n = static_cast<std::size_t>(n_);
    const std::size_t rows = static_cast<std::size_t>(r_) + 1;
    std::vector<Index> offsets(rows + 1), columns(rows * n);
    std::vector<double> values(rows * n);
    for (std::size_t j = 0; j < rows; ++j) {
      offsets[j + 1] = static_cast<Index>((j + 1) * n);
      for (std::size_t k = 0; k < n; ++k) {
        columns[j * n + k] = static_cast<Index>(k);
        values[j * n + k] = j < static_cast<std::size_t>(r_) ? a_[j * n + k] : 2.0 * w[k];
      }
    }
    jac = CsrMatrix(r_ + 1, n_, std::move(offsets), std::move(columns), std::move(values));
    return true;
  }
  bool lagrangian_hessian(std::span<const double> w, double sigma, std::span<const double> lambda,
                          CsrMatrix& h) override {
    // Hess = sigma (1/N) sum_i s_i (1 - s_i) x_i x_i^T + 2 lambda_r I, assembled sparsely: sample i adds
    // nnz(x_i)^2 entries and from_triplets sums the duplicates. The pattern is that of X^T X plus the
    // diagonal, so 10^6 features cost memory in proportion to the data, never n^2.
    const auto t = margins(w);
    const auto& x = data_.features;
    const double inv_n = 1.0 / static_cast<double>(t.size());
    std::size_t count = static_cast<std::size_t>(n_);
    for (Index i = 0; i < x.rows(); ++i) {
      const auto k = static_cast<std::size_t>(x.row_offsets()[i + 1] - x.row_offsets()[i]);
      count += k * k;
    }
    std::vector<Triplet> trip;
    trip.reserve(count);
    for (Index i = 0; i < x.rows(); ++i) {
      const double s = sigmoid(t[static_cast<std::size_t>(i)]);
      const double coef = sigma * inv_n * s * (1.0 - s);
      for (Index p = x.row_offsets()[i]; p < x.row_offsets()[i + 1]; ++p) {
        const double xp = coef * x.values()[p];
        for (Index q = x.row_offsets()[i]; q < x.row_offsets()[i + 1]; ++q) {
          trip.push_back({x.column_indices()[p], x.column_indices()[q], xp * x.values()[q]});
        }
      }
    }
    const double shift = 2.0 * lambda[static_cast<std::size_t>(r_)];
    for (Index i = 0; i < n_; ++i) {
      trip.push_back({i, i, shift});  // every diagonal entry stored, as before (the KKT pattern needs it)
    }
    h = CsrMatrix::from_triplets(n_, n_, trip);
    return true;
  }

 private:
  double a(Index j, Index k) const {
    return a_[static_cast<std::size_t>(j) * static_cast<std::size_t>(n_) + static_cast<std::size_t>(k)];
  }
  /// t_i = y_i x_i^T w
  std::vector<double> margins(std::span<const double> w) const {
    std::vector<double> t(static_cast<std::size_t>(data_.features.rows()));
    data_.features.multiply(w, t);
    for (std::size_t i = 0; i < t.size(); ++i) {
      t[i] *= data_.labels[i];
    }
    return t;
  }

  io::LibsvmData data_;
  Index n_ = 0;
  Index r_ = 0;
  std::vector<double> a_, b_;
};

}  // namespace

std::unique_ptr<NlpProblem> make_logistic_regression(io::LibsvmData data, unsigned seed) {
  if (data.features.cols() < 1) {
    throw InputError::at(data.source, 0, "no features");
  }
  // Up front, before any allocation, per feature: the r = min(10, n/4) dense constraint rows (A: 8 r
  // bytes), the Jacobian G = [A; 2 w^T] in CSR (12 (r + 1)) held by the current point, the trial point,
  // the KKT matrix (twice: G and G^T) and the preconditioner's copy (60 (r + 1) in all), and ~30 work
  // vectors of n doubles in the solver. About 1 KB per feature (measured: 0.95 GB at 10^6 features). The
  // data and the Hessian (pattern of X^T X) are in proportion to the file.
  const double n = static_cast<double>(data.features.cols());
  const double r = std::min(10.0, std::floor(n / 4.0));
  require_fits_in_memory((8.0 * r + 60.0 * (r + 1.0) + 30.0 * 8.0) * n,
                         data.source + ":" + std::to_string(data.widest_line) + ": logistic regression on " +
                             std::to_string(data.features.cols()) +
                             " features (the largest index is on this line)");
  return std::make_unique<LogisticRegression>(std::move(data), seed);
}

}  // namespace adasolve::nlp
