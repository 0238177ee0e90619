#include "hessian_modification.hpp"

#include "kkt_system.hpp"
#include "sparse_products.hpp"
#include "spectral_checks.hpp"

namespace adasolve::nlp::detail {

HessianModification modify_hessian(const CsrMatrix& h, const CsrMatrix& g, const AdaSketchSettings& s,
                                   double& check_flops) {
  HessianModification out;
  out.modified = h.rows() > g.rows() &&
                 !reduced_hessian_positive(h, g, s.reduced_hessian_threshold, &check_flops, &out.estimated);
  if (!out.modified) {
    return out;
  }
  out.shift = s.xi_b + frobenius_norm(h);  // the paper's shift, which always passes
  if (s.minimal_hessian_shift) {
    for (double t = s.xi_b; t < out.shift; t *= 10.0) {
      if (reduced_hessian_positive(shifted(h, t), g, s.reduced_hessian_threshold, &check_flops,
                                   &out.estimated)) {
        out.shift = t;
        break;
      }
    }
  }
  return out;
}

}  // namespace adasolve::nlp::detail
