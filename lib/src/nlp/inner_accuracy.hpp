#pragma once
// When the inner solve of K z = b may stop (adasketch_newton.hpp; r = K z - b, ||b|| = the KKT residual):
//   paper    ||K||_F Psi ||r|| <= theta delta ||b||,  Psi = 20 max(||B||_F^2, 1) / (min(xi_G, 1) min(xi_B,
//   1))
//            (alsketch.md §3.4), with delta_trial = (0.5 - beta) nu / ((1 + mu + nu) Upsilon^2 Psi^2),
//            Upsilon = max(||G||_F, ||H||_F, 1) (§3.6);
//   adaptive ||r|| <= max(eta ||b||, 0.1 tol~),  eta = min(delta, theta ||b||), in the scaled problem's norm
//            (tol~ = tol min(s_f, min_i s_i)), and
//            ||r^|| <= max(eta^ ||b^||, 0.1 tol),  eta^ = min(delta, theta ||b^||), in the unscaled norm
//            of the outer test: r^ = (r_x / s_f, S^-1 r_c), b^ = (grad_x L / s_f, S^-1 c).
// Why both. With a unit step on a QP with linear constraints the next KKT residual is the inner residual
// itself, c(x + dx) = c + G dx = r_c and grad_x L(x + dx, lambda + dlambda) = r_x (B = H), so the outer
// loop converges as fast as the forcing term eta lets ||b^_{k+1}|| = ||r^_k|| <= eta ||b^_k|| fall: in
// the norm of the outer test. The scaled test alone bounds ||r^|| only by eta ||b|| / min(s_f, min_i s_i):
// on PDE control at N = 1024 (s_i = 9.5e-5) an effective forcing term of 1e-2 in the unscaled norm. The
// constraint rows are the ones the gradient scaling shrinks (c + G dx = r_c is the linearised feasibility
// of inexact SQP, Byrd, Curtis and Nocedal 2008, here asked to the same relative accuracy as the whole
// residual). The scaled test stays: the merit and its descent test live in the scaled problem. Both floors
// agree: ||r|| <= 0.1 tol~ implies ||r^|| <= 0.1 tol, so the pair is reachable whenever the scaled test is.
// Frobenius norms throughout, as in the Julia code.
#include <span>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"
#include "adasolve/nlp/scaling.hpp"

namespace adasolve::nlp::detail {

class InnerAccuracy {
 public:
  /// For K (n + m square, top block B), H and G of this iteration; xi_g = lambda_min(G G^T) (or the
  /// regularization r when larger), b = -(grad_x L, c) of the scaled problem, `scale` its factors,
  /// scaled_tol = the outer tolerance in the scaled problem.
  InnerAccuracy(const AdaSketchSettings& s, const CsrMatrix& k, Index n, const CsrMatrix& h,
                const CsrMatrix& g, double xi_g, std::span<const double> b, const ProblemScaling& scale,
                double scaled_tol);

  /// The paper's delta_trial(mu, nu).
  double delta_trial(double mu, double nu) const;
  /// true when the residual r = K z - b (scaled problem) is accurate enough at relative accuracy delta.
  bool accurate(std::span<const double> r, double delta) const;

 private:
  /// ||(v_x / s_f, S^-1 v_c)||: a vector of the scaled problem in the unscaled norm.
  double unscaled_norm(std::span<const double> v) const;

  const AdaSketchSettings& s_;
  const ProblemScaling& scale_;
  Index n_ = 0;
  double psi_ = 0.0, upsilon_ = 0.0, k_norm_ = 0.0;
  double kkt_ = 0.0, kkt_unscaled_ = 0.0, scaled_tol_ = 0.0;
};

}  // namespace adasolve::nlp::detail
