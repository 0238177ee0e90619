#pragma once
// Least-squares initial multipliers (Ipopt's default, Waechter & Biegler 2006, §3.6): when the problem
// gives no lambda0, take
//
//     lambda0 = argmin_lambda ||grad f(x0) + G^T lambda||_2,
//
// from the augmented system [[I, G^T], [G, 0]] (w, lambda) = (-grad f, 0) (no normal equations, so an
// ill-conditioned G loses no more than it must). Ipopt discards the estimate when max |lambda_i| > 1000
// (a poor estimate far from a solution); so does this. Why: with lambda0 = 0 the Hessian of the Lagrangian
// at x0 is the objective's alone (zero for a linear objective such as CATENARY's), and the first steps are
// taken with a meaningless model.
#include <optional>
#include <span>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::nlp::detail {

/// The estimate, or nothing when the augmented system is singular, the result is not finite or
/// max |lambda_i| > max_abs.
std::optional<std::vector<double>> least_squares_multipliers(std::span<const double> grad_f,
                                                             const CsrMatrix& g, double max_abs = 1000.0);

}  // namespace adasolve::nlp::detail
