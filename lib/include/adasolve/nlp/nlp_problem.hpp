#pragma once
// An equality-constrained nonlinear program, the input of AdaSketchNewton (docs: methods/alsketch.md §2):
//
//     min_x f(x)  subject to  c(x) = 0,      f: R^n -> R,  c: R^n -> R^m,  both C^2.
//
// No bounds and no inequalities. The Lagrangian is L(x, lambda) = f(x) + lambda^T c(x); the Jacobian
// G = dc/dx is m x n; the Hessian of the Lagrangian is sigma * Hess f + sum_i lambda_i Hess c_i (sigma = 1
// for the Lagrangian, and sigma = 1, lambda = 0 gives the objective Hessian that the authors' code uses).
//
// Evaluation failures: every evaluation returns false when it cannot produce a finite value at x (a domain
// error such as log of a negative number, an overflow, a NaN). The solver treats that as "this trial point
// is unacceptable" and backtracks; it never aborts on it. Implementations must not throw for such points.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::nlp {

/// The known optimal objective value of a test problem, when the literature gives one.
struct KnownOptimum {
  double value = 0.0;
  /// false when the problem has several local minima with different values (BT4, MWRIGHT): a solver is
  /// then judged by its KKT residual only (alsketch.md §6a).
  bool unique = true;
};

class NlpProblem {
 public:
  virtual ~NlpProblem() = default;

  virtual std::string name() const = 0;
  /// n, the number of variables.
  virtual Index num_variables() const = 0;
  /// m, the number of equality constraints.
  virtual Index num_constraints() const = 0;

  /// x0 (size n).
  virtual std::vector<double> initial_point() const = 0;
  /// lambda0 (size m); zeros unless the source gives one.
  virtual std::vector<double> initial_multipliers() const {
    return std::vector<double>(static_cast<std::size_t>(num_constraints()), 0.0);
  }
  virtual std::optional<KnownOptimum> known_optimum() const { return std::nullopt; }

  /// f(x).
  virtual bool objective(std::span<const double> x, double& f) = 0;
  /// grad f(x) (size n).
  virtual bool gradient(std::span<const double> x, std::span<double> g) = 0;
  /// c(x) (size m).
  virtual bool constraints(std::span<const double> x, std::span<double> c) = 0;
  /// G = dc/dx(x), m x n, sparse. The sparsity pattern must be the same at every x.
  virtual bool jacobian(std::span<const double> x, CsrMatrix& g) = 0;
  /// sigma * Hess f(x) + sum_i lambda_i Hess c_i(x), n x n, both triangles stored, same pattern at every x.
  virtual bool lagrangian_hessian(std::span<const double> x, double sigma, std::span<const double> lambda,
                                  CsrMatrix& h) = 0;
};

}  // namespace adasolve::nlp
