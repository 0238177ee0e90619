#pragma once
// The Newton-KKT system of one outer iteration (alsketch.md §3.1-§3.2),
//
//     K = [[B, G^T], [G, -r I]],   B = H + t I,
//
// with t the Hessian shift (hessian_modification.hpp) and r the dual regularization at a singular Jacobian
// (singular_guard.hpp), and what is built on K (spectral tests, inner solver, LU) kept while H and G do not
// change: a QP with linear constraints, such as the PDE control problem, has the same K at every iterate.
#include <memory>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/nlp/sketch.hpp"
#include "spectral_checks.hpp"

namespace adasolve::nlp::detail {

/// K = [[H + shift I, G^T], [G, -reg I]] in CSR (the diagonal of the top block always stored, so that K has
/// a fixed pattern).
CsrMatrix kkt_matrix(const CsrMatrix& h, double shift, const CsrMatrix& g, double reg);

/// H + t I (diagonal entries added where H has none).
CsrMatrix shifted(const CsrMatrix& h, double t);

/// Same shape, pattern and values.
bool same_matrix(const CsrMatrix& a, const CsrMatrix& b);

/// true when G equals the constraint rows of K = kkt_matrix(H, shift, G', r): row n + j of K is G'_j
/// (columns < n) and at most the diagonal entry -r.
bool jacobian_in_kkt(const CsrMatrix& g, const CsrMatrix& k, Index n);

/// ||B||_F^2, read from the top-left n x n block of K.
double top_block_norm2(const CsrMatrix& k, Index n);

/// What depends only on (Hess_x L, G), kept while they do not change.
struct KktCache {
  bool valid = false;
  CsrMatrix hess;  ///< G is not copied: it is the last m rows of k (jacobian_in_kkt)
  JacobianConditioning cond;
  bool modify = false;
  double shift = 0.0;
  bool shift_follows_residual = false;  ///< the Levenberg-Marquardt shift: K is rebuilt every iteration
  double reg = 0.0;  ///< the regularization r inside k: K changes with it while H and G do not
  std::shared_ptr<const CsrMatrix> k;
  std::unique_ptr<SketchProjectSolver> sketch;
  std::unique_ptr<backend::UmfpackFactor> lu;

  /// true when (hess, jac) are the matrices the cache was built from.
  bool holds(const CsrMatrix& h, const CsrMatrix& jac, Index n) const {
    return valid && same_matrix(h, hess) && jacobian_in_kkt(jac, *k, n);
  }
};

}  // namespace adasolve::nlp::detail
