#pragma once
// Hessian modification (alsketch.md §3.2): B = H + t I when n > m and the reduced Hessian Z^T H Z (Z a basis
// of null(G)) has an eigenvalue below reduced_hessian_threshold; otherwise t = 0.
//   paper:   t = xi_B + ||H||_F (B positive definite outright, often a gradient-like step);
//   minimal: the first of xi_B, 10 xi_B, 100 xi_B, ... below the paper's t whose shifted reduced Hessian
//            passes the same test (an inertia-correction-like choice, as in interior-point codes), so that B
//            stays as close to the Hessian of the Lagrangian as the test allows. Before that ladder, a
//            reduced Hessian that is singular but not indefinite, lambda_min(Z^T H Z) >= -t/2 for
//            t = min(xi_B, ||b||) (||b|| the KKT residual of the scaled problem), gets that t: the
//            Levenberg-Marquardt (regularized Newton) parameter, proportional to the residual (Li, Fukushima,
//            Qi, Yamashita 2004; Fan, Yuan 2005). At a non-isolated solution set (ORTHREGB: an ellipsoid
//            through 6 points leaves 3 of its 9 parameters free, and Hess f is 0 on them) a fixed shift t
//            makes the step a proximal step, which converges linearly by about t / (t + curvature) per
//            iteration (0.05 with xi_B = 0.1); a shift O(||b||) restores the quadratic rate under a local
//            error bound, and the step stays bounded (the null-space part is about the reduced gradient / t,
//            both O(||b||)), which a small fixed shift does not ensure (a shift from 1e-5 sent BT1 to another
//            point). Negative curvature beyond t/2 goes to the ladder from xi_B as before: only it decides an
//            indefinite B.
// Step-length bound (max_step_ratio > 0): a reduced Hessian that passes the test can still be nearly
// singular (CATENARY: a linear objective, so Hess_x L = sum lambda_i Hess c_i, with lambda_min(Z^T H Z) ~
// 1e-6 ||H||), and the Newton step along its small eigenvectors is absurdly long (||dx|| ~ 1e8 from ||x|| ~
// 1e2), which the line search then cuts to alpha ~ 1e-5 iteration after iteration. When the full step fails
// the Armijo test and ||dx|| > kStepBoundTrigger ratio max(1, ||x||), t is raised to the next of xi_B,
// 10 xi_B, ... (up to the paper's xi_B + ||H||_F) and the step solved again until ||dx|| <= ratio
// max(1, ||x||): the shift damps exactly the null-space directions of small curvature (a Levenberg-
// Marquardt step), and leaves the normal part of dx (G dx = -c) as it is. Only steps ten times longer than
// the bound trigger it: a step a few times ||x|| long is an ordinary Newton step far from a solution
// (BYRDSPHR's from its singular start), and shortening it changes the path for no gain. At a singular
// Jacobian (K regularized) the long part of dx is the normal step, which a shift does not control: no bound.
#include <span>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"

namespace adasolve::nlp::detail {

struct HessianModification {
  bool modified = false;          ///< the reduced Hessian of H failed the test
  double shift = 0.0;             ///< t
  bool estimated = false;         ///< a "positive" answer came from a Lanczos estimate (spectral_checks.hpp)
  bool follows_residual = false;  ///< t is the Levenberg-Marquardt shift min(xi_B, ||b||)
};

/// t for H and G at an iterate with KKT residual kkt = ||b||; adds the spectral tests' flops to check_flops.
HessianModification modify_hessian(const CsrMatrix& h, const CsrMatrix& g, const AdaSketchSettings& s,
                                   double kkt, double& check_flops);

/// The Levenberg-Marquardt shift min(xi_B, ||b||) (see above).
double levenberg_marquardt_shift(double xi_b, double kkt);

/// The bound acts on steps longer than this many times ratio max(1, ||x||) (see above).
inline constexpr double kStepBoundTrigger = 10.0;

/// ratio max(1, ||x||_2): the longest primal step the bound leaves alone once it acts.
double step_length_bound(std::span<const double> x, double ratio);

/// ||dx|| of z = (dx, dlambda), dx its first n entries.
double primal_norm(const std::vector<double>& z, Index n);

/// The shift after `shift` in the sequence xi_B, 10 xi_B, ..., capped at `cap`.
double next_length_shift(double shift, double xi_b, double cap);

}  // namespace adasolve::nlp::detail
