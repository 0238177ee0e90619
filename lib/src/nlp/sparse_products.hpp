#pragma once
// Sparse matrix products the nlp pillar needs (G G^T, G^T G, G D^-1 G^T), by row-wise accumulation
// (Gustavson): row i of A B = sum_k a_ik * row k of B. Cost sum_i sum_{k in row i} nnz(B_k).
#include <span>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::nlp::detail {

/// A diag(d) B (d empty means the identity). Adds 2 flops per multiply-add to *flops when given.
CsrMatrix sparse_product(const CsrMatrix& a, std::span<const double> d, const CsrMatrix& b,
                         double* flops = nullptr);
/// G diag(d) G^T (d empty means the identity). For a few rows (m <= 64) row by row against a dense
/// work vector (O(n) memory), without forming G^T (which for dense constraint rows over 10^6 variables is as
/// large as G); otherwise sparse_product(G, d, G^T).
CsrMatrix gram_rows(const CsrMatrix& g, std::span<const double> d, double* flops = nullptr);
/// alpha A + beta B (same shape).
CsrMatrix sparse_sum(double alpha, const CsrMatrix& a, double beta, const CsrMatrix& b);
/// ||A||_F
double frobenius_norm(const CsrMatrix& a);

}  // namespace adasolve::nlp::detail
