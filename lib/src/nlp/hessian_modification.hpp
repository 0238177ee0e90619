#pragma once
// Hessian modification (alsketch.md §3.2): B = H + t I when n > m and the reduced Hessian Z^T H Z (Z a basis
// of null(G)) has an eigenvalue below reduced_hessian_threshold; otherwise t = 0.
//   paper:   t = xi_B + ||H||_F (B positive definite outright, often a gradient-like step);
//   minimal: the first of xi_B, 10 xi_B, 100 xi_B, ... below the paper's t whose shifted reduced Hessian
//            passes the same test (an inertia-correction-like choice, as in interior-point codes), so that B
//            stays as close to the Hessian of the Lagrangian as the test allows.
#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"

namespace adasolve::nlp::detail {

struct HessianModification {
  bool modified = false;   ///< the reduced Hessian of H failed the test
  double shift = 0.0;      ///< t
  bool estimated = false;  ///< a "positive" answer came from a Lanczos estimate (spectral_checks.hpp)
};

/// t for H and G; adds the spectral tests' flops to check_flops.
HessianModification modify_hessian(const CsrMatrix& h, const CsrMatrix& g, const AdaSketchSettings& s,
                                   double& check_flops);

}  // namespace adasolve::nlp::detail
