#pragma once
// The right-hand side of a sequence file that gives none.
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::sequence::detail {

/// b = A * ones, so that the exact solution is the vector of ones.
inline std::vector<double> ones_rhs(const CsrMatrix& a) {
  const std::vector<double> ones(static_cast<std::size_t>(a.cols()), 1.0);
  std::vector<double> b(static_cast<std::size_t>(a.rows()));
  a.multiply(ones, b);
  return b;
}

}  // namespace adasolve::sequence::detail
