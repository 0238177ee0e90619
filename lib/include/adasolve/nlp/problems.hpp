#pragma once
// Problem sources of adasolve-nlp (alsketch.md §5.3, §5.4, §6):
//   * the built-in equality-only Hock-Schittkowski set and MARATOS (exact derivatives by forward AD);
//   * constrained logistic regression on a LIBSVM data set;
//   * PDE-constrained Poisson source control on an N x N grid.
// AMPL .nl files come in through nl_file.hpp.
#include <memory>
#include <string>
#include <vector>

#include "adasolve/io/libsvm.hpp"
#include "adasolve/nlp/nlp_problem.hpp"

namespace adasolve::nlp {

/// Names of the built-in problems (HS6 ... HS100LNP, MARATOS), in table order.
std::vector<std::string> builtin_problem_names();
/// The built-in problem of that name (case-insensitive), or nullptr when there is none.
std::unique_ptr<NlpProblem> make_builtin_problem(const std::string& name);

/// Constrained logistic regression (alsketch.md §5.3):
///     min_w (1/N) sum_i log(1 + exp(-y_i x_i^T w))   s.t.   A w = b,  ||w||^2 = 1,
/// with A (r x n) and b (r) drawn N(0, 1) from `seed` and r = min(10, floor(n / 4)) rows: the paper's
/// r = 10 leaves small data sets (n < 40) with an empty or nearly empty feasible set, r <= n/4 keeps the
/// sphere cut by the affine subspace non-empty with high probability. m = r + 1. Labels must already be
/// +-1 (LibsvmData does that). Start w0 = 1, lambda0 = 1 as in the authors' code.
std::unique_ptr<NlpProblem> make_logistic_regression(io::LibsvmData data, unsigned seed = 2023);

/// Poisson source control (alsketch.md §5.4) on an N x N interior grid of [-1, 1]^2, h = 2 / (N + 1):
///     min 1/2 ||w - w_true||^2 + (0.1 / 2) ||z||^2   s.t.   Lap_h w + z = 0,
/// x = (w, z), n = 2 N^2, m = N^2, Jacobian [Lap_h, I], Hessian diag(I, 0.1 I). Start x0 = 1, lambda0 = 1.
/// Throws UsageError unless N >= 1.
std::unique_ptr<NlpProblem> make_pde_control(Index grid_size);

}  // namespace adasolve::nlp
