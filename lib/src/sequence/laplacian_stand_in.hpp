#pragma once
// Temporary: the 5-point Laplacian on an m x m grid, until pde/poisson.hpp is implemented.
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::sequence {

inline CsrMatrix laplacian_5point(Index m) {
  std::vector<Triplet> t;
  auto id = [m](Index i, Index j) { return i * m + j; };
  for (Index i = 0; i < m; ++i) {
    for (Index j = 0; j < m; ++j) {
      t.push_back({id(i, j), id(i, j), 4.0});
      if (i > 0) { t.push_back({id(i, j), id(i - 1, j), -1.0}); }
      if (i + 1 < m) { t.push_back({id(i, j), id(i + 1, j), -1.0}); }
      if (j > 0) { t.push_back({id(i, j), id(i, j - 1), -1.0}); }
      if (j + 1 < m) { t.push_back({id(i, j), id(i, j + 1), -1.0}); }
    }
  }
  return CsrMatrix::from_triplets(m * m, m * m, t);
}

}  // namespace adasolve::sequence
