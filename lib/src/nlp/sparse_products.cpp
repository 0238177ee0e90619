#include "sparse_products.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "adasolve/core/error.hpp"

namespace adasolve::nlp::detail {

CsrMatrix sparse_product(const CsrMatrix& a, std::span<const double> d, const CsrMatrix& b, double* flops) {
  if (a.cols() != b.rows()) {
    throw UsageError("sparse_product: inner dimensions differ");
  }
  std::vector<Index> offsets{0}, columns;
  std::vector<double> values;
  std::vector<double> accumulator(static_cast<std::size_t>(b.cols()), 0.0);
  std::vector<Index> marker(static_cast<std::size_t>(b.cols()), -1);
  double count = 0.0;
  for (Index i = 0; i < a.rows(); ++i) {
    std::vector<Index> row_columns;
    for (Index p = a.row_offsets()[i]; p < a.row_offsets()[i + 1]; ++p) {
      const Index k = a.column_indices()[p];
      const double aik = a.values()[p] * (d.empty() ? 1.0 : d[static_cast<std::size_t>(k)]);
      for (Index q = b.row_offsets()[k]; q < b.row_offsets()[k + 1]; ++q) {
        const Index j = b.column_indices()[q];
        if (marker[static_cast<std::size_t>(j)] != i) {
          marker[static_cast<std::size_t>(j)] = i;
          accumulator[static_cast<std::size_t>(j)] = 0.0;
          row_columns.push_back(j);
        }
        accumulator[static_cast<std::size_t>(j)] += aik * b.values()[q];  // (AB)_ij += a_ik b_kj
        count += 2.0;
      }
    }
    std::sort(row_columns.begin(), row_columns.end());
    for (Index j : row_columns) {
      columns.push_back(j);
      values.push_back(accumulator[static_cast<std::size_t>(j)]);
    }
    offsets.push_back(static_cast<Index>(columns.size()));
  }
  if (flops != nullptr) {
    *flops += count;
  }
  return CsrMatrix(a.rows(), b.cols(), std::move(offsets), std::move(columns), std::move(values));
}

CsrMatrix gram_rows(const CsrMatrix& g, std::span<const double> d, double* flops) {
  constexpr Index kPairwiseRows = 64;
  const Index m = g.rows();
  if (m > kPairwiseRows) {
    return sparse_product(g, d, g.transpose(), flops);
  }
  const auto off = g.row_offsets();
  const auto col = g.column_indices();
  const auto val = g.values();
  std::vector<Triplet> t;
  double count = 0.0;
  // Row i of G D, scattered into a dense work vector (n doubles), gathered against each row j >= i:
  // (G D G^T)_ij = sum_k g_ik d_k g_jk. A column that row i lacks reads 0, so no merge is needed.
  std::vector<double> work(static_cast<std::size_t>(g.cols()), 0.0);
  std::vector<char> present(static_cast<std::size_t>(g.cols()), 0);
  for (Index i = 0; i < m; ++i) {
    for (Index p = off[i]; p < off[i + 1]; ++p) {
      const auto k = static_cast<std::size_t>(col[p]);
      work[k] = val[p] * (d.empty() ? 1.0 : d[k]);
      present[k] = 1;
    }
    for (Index j = i; j < m; ++j) {
      double s = 0.0;
      bool shared = false;
      for (Index q = off[j]; q < off[j + 1]; ++q) {
        const auto k = static_cast<std::size_t>(col[q]);
        s += work[k] * val[q];
        shared = shared || present[k] != 0;
      }
      count += 2.0 * static_cast<double>(off[j + 1] - off[j]);
      if (shared) {
        t.push_back({i, j, s});
        if (j != i) {
          t.push_back({j, i, s});
        }
      }
    }
    for (Index p = off[i]; p < off[i + 1]; ++p) {
      work[static_cast<std::size_t>(col[p])] = 0.0;
      present[static_cast<std::size_t>(col[p])] = 0;
    }
  }
  if (flops != nullptr) {
    *flops += count;
  }
  return CsrMatrix::from_triplets(m, m, t);
}

CsrMatrix sparse_sum(double alpha, const CsrMatrix& a, double beta, const CsrMatrix& b) {
  std::vector<Triplet> t;
  t.reserve(static_cast<std::size_t>(a.nnz() + b.nnz()));
  for (const auto* m : {&a, &b}) {
    const double s = (m == &a) ? alpha : beta;
    for (Index i = 0; i < m->rows(); ++i) {
      for (Index p = m->row_offsets()[i]; p < m->row_offsets()[i + 1]; ++p) {
        t.push_back({i, m->column_indices()[p], s * m->values()[p]});
      }
    }
  }
  return CsrMatrix::from_triplets(a.rows(), a.cols(), t);
}

double frobenius_norm(const CsrMatrix& a) {
  double s = 0.0;
  for (double v : a.values()) {
    s += v * v;
  }
  return std::sqrt(s);
}

}  // namespace adasolve::nlp::detail
