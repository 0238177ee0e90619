#include "adasolve/linear/ic0_preconditioner.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "adasolve/core/error.hpp"

namespace adasolve::linear {

namespace {

class Ic0Preconditioner final : public Preconditioner {
 public:
  std::string name() const override { return "ic0"; }

  void setup(const CsrMatrix& a) override {
    extract_lower_triangle(a);
    factor();
  }

  void apply(std::span<const double> r, std::span<double> z) const override {
    const Index n = static_cast<Index>(r.size());
    // Forward: L y = r (y stored in z).
    for (Index i = 0; i < n; ++i) {
      double s = r[i];
      const Index diag = offsets_[i + 1] - 1;  // the diagonal is the last entry of each lower row
      for (Index p = offsets_[i]; p < diag; ++p) {
        s -= values_[p] * z[columns_[p]];  // y_i <- r_i - sum_{j<i} l_ij y_j
      }
      z[i] = s / values_[diag];  // y_i <- y_i / l_ii
    }
    // Backward: L^T z = y, column-oriented over the rows of L.
    for (Index i = n - 1; i >= 0; --i) {
      const Index diag = offsets_[i + 1] - 1;
      z[i] /= values_[diag];  // z_i <- y_i / l_ii
      const double zi = z[i];
      for (Index p = offsets_[i]; p < diag; ++p) {
        z[columns_[p]] -= values_[p] * zi;  // y_j <- y_j - l_ij z_i  for j < i
      }
    }
  }

 private:
  void extract_lower_triangle(const CsrMatrix& a) {
    const Index n = a.rows();
    offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
    columns_.clear();
    values_.clear();
    const auto ro = a.row_offsets();
    const auto ci = a.column_indices();
    const auto va = a.values();
    for (Index i = 0; i < n; ++i) {
      bool has_diagonal = false;
      for (Index p = ro[i]; p < ro[i + 1] && ci[p] <= i; ++p) {
        columns_.push_back(ci[p]);
        values_.push_back(va[p]);
        has_diagonal = ci[p] == i;
      }
      if (!has_diagonal) {
        throw InputError("ic0 preconditioner: row " + std::to_string(i + 1) +
                         " has no stored diagonal entry");
      }
      offsets_[i + 1] = static_cast<Index>(columns_.size());
    }
  }

  // Row-oriented (IKJ) IC(0): for each row i and each stored k < i,
  //   l_ik = (a_ik - sum_{j<k, j in row i and row k} l_ij l_kj) / l_kk,
  //   l_ii = sqrt(a_ii - sum_{j<i} l_ij^2).
  void factor() {
    const Index n = static_cast<Index>(offsets_.size()) - 1;
    for (Index i = 0; i < n; ++i) {
      const Index diag_i = offsets_[i + 1] - 1;
      for (Index p = offsets_[i]; p < diag_i; ++p) {
        const Index k = columns_[p];
        const Index diag_k = offsets_[k + 1] - 1;
        double s = values_[p];
        // Sorted merge of row i (before column k) and row k (before its diagonal).
        Index pi = offsets_[i];
        Index pk = offsets_[k];
        while (pi < p && pk < diag_k) {
          if (columns_[pi] == columns_[pk]) {
            s -= values_[pi] * values_[pk];
            ++pi;
            ++pk;
          } else if (columns_[pi] < columns_[pk]) {
            ++pi;
          } else {
            ++pk;
          }
        }
        values_[p] = s / values_[diag_k];
      }
      double pivot = values_[diag_i];
      for (Index p = offsets_[i]; p < diag_i; ++p) {
        pivot -= values_[p] * values_[p];
      }
      if (!(pivot > 0.0)) {
        throw InputError("ic0 preconditioner: nonpositive pivot " + std::to_string(pivot) + " in row " +
                         std::to_string(i + 1) + " (the matrix is not SPD, or IC(0) does not exist for it)");
      }
      values_[diag_i] = std::sqrt(pivot);
    }
  }

  std::vector<Index> offsets_;
  std::vector<Index> columns_;
  std::vector<double> values_;
};

}  // namespace

std::unique_ptr<Preconditioner> make_ic0_preconditioner() { return std::make_unique<Ic0Preconditioner>(); }

}  // namespace adasolve::linear
