#pragma once
// Sparse matrix products the nlp pillar needs (G G^T, G^T G, G D^-1 G^T), by row-wise accumulation
// (Gustavson): row i of A B = sum_k a_ik * row k of B. Cost sum_i sum_{k in row i} nnz(B_k).
#include <span>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::nlp::detail {

/// A diag(d) B (d empty means the identity). Adds 2 flops per multiply-add to *flops when given.
CsrMatrix sparse_product(const CsrMatrix& a, std::span<const double> d, const CsrMatrix& b,
                         double* flops = nullptr);
/// alpha A + beta B (same shape).
CsrMatrix sparse_sum(double alpha, const CsrMatrix& a, double beta, const CsrMatrix& b);
/// ||A||_F
double frobenius_norm(const CsrMatrix& a);

}  // namespace adasolve::nlp::detail
