#include "adasolve/nlp/nlp_problem.hpp"

namespace adasolve::nlp {

bool NlpProblem::lagrangian_hessian_product(std::span<const double> x, double sigma,
                                            std::span<const double> lambda, std::span<const double> v,
                                            std::span<double> out) {
  CsrMatrix h;
  if (!lagrangian_hessian(x, sigma, lambda, h)) {
    return false;
  }
  h.multiply(v, out);
  return true;
}

}  // namespace adasolve::nlp
