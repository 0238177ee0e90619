#include "initial_multipliers.hpp"

#include <cmath>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"

namespace adasolve::nlp::detail {

std::optional<std::vector<double>> least_squares_multipliers(std::span<const double> grad_f,
                                                             const CsrMatrix& g, double max_abs) {
  const Index n = g.cols();
  const Index m = g.rows();
  if (m == 0) {
    return std::vector<double>{};
  }
  std::vector<Triplet> t;
  t.reserve(static_cast<std::size_t>(n + 2 * g.nnz()));
  for (Index i = 0; i < n; ++i) {
    t.push_back({i, i, 1.0});
  }
  for (Index i = 0; i < m; ++i) {
    for (Index p = g.row_offsets()[i]; p < g.row_offsets()[i + 1]; ++p) {
      t.push_back({n + i, g.column_indices()[p], g.values()[p]});
      t.push_back({g.column_indices()[p], n + i, g.values()[p]});
    }
  }
  std::vector<double> rhs(static_cast<std::size_t>(n + m), 0.0), sol(rhs.size());
  for (Index i = 0; i < n; ++i) {
    rhs[static_cast<std::size_t>(i)] = -grad_f[static_cast<std::size_t>(i)];
  }
  try {
    const backend::UmfpackFactor lu(CsrMatrix::from_triplets(n + m, n + m, t),
                                    backend::UmfpackStrategy::symmetric_nested_dissection);
    lu.solve(rhs, sol);
  } catch (const InputError&) {
    return std::nullopt;  // rank-deficient G
  }
  std::vector<double> lambda(sol.begin() + n, sol.end());
  for (double v : lambda) {
    if (!std::isfinite(v) || std::abs(v) > max_abs) {
      return std::nullopt;
    }
  }
  return lambda;
}

}  // namespace adasolve::nlp::detail
