// The singular-Jacobian guard (spectral_checks.hpp, singular_guard.hpp): its value and its threshold are
// one quantity, lambda_min of the Jacobian of the problem as posed, whatever the internal scaling; and it
// ends a run as `singular` only at a stationary point of the infeasibility.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "../../../lib/src/nlp/singular_guard.hpp"
#include "../../../lib/src/nlp/spectral_checks.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"
#include "adasolve/nlp/problems.hpp"

using namespace adasolve;

namespace {

/// The difference matrix of a chain with one fixed end, row i = e_i - e_{i-1} (e_{-1} = 0): G G^T =
/// tridiag(-1, 2, -1) with 1 in its first entry, lambda_min = 2 - 2 cos(pi / (2m + 1)): full rank,
/// ill-conditioned as m grows.
CsrMatrix chain_jacobian(Index m) {
  std::vector<Triplet> t;
  for (Index i = 0; i < m; ++i) {
    if (i > 0) {
      t.push_back({i, i - 1, -1.0});
    }
    t.push_back({i, i, 1.0});
  }
  return CsrMatrix::from_triplets(m, m, t);
}

double chain_lambda_min(Index m) {
  return 2.0 - 2.0 * std::cos(std::numbers::pi / static_cast<double>(2 * m + 1));
}

}  // namespace

TEST_CASE("the singular guard reports the lambda_min it compares with its threshold", "[nlp][spectral]") {
  // m = 400 > kDenseLimit: the large-problem path. lambda_min = 1.5e-5, far from the other eigenvalues of the
  // inverse; 60 plain Lanczos steps on G G^T (the earlier value) stopped near 1e-2 and printed a value above
  // the threshold of a test that had fired.
  constexpr Index m = 400;
  static_assert(m > nlp::detail::kDenseLimit);
  const auto cond = nlp::detail::jacobian_conditioning(chain_jacobian(m), {}, 1e-2);
  CHECK(cond.singular);
  CHECK(cond.lambda_min < 1e-2);
  CHECK(cond.lambda_min == Approx(chain_lambda_min(m)).epsilon(1e-2));
  // and a threshold below lambda_min: not singular, from the same value
  const auto below = nlp::detail::jacobian_conditioning(chain_jacobian(m), {}, 1e-5);
  CHECK_FALSE(below.singular);
  CHECK(below.lambda_min == Approx(chain_lambda_min(m)).epsilon(1e-2));
}

TEST_CASE("the singular guard tests the unscaled Jacobian: constraint scaling does not make it singular",
          "[nlp][spectral]") {
  // G = 1e-3 I is the scaled image of I with s_i = 1e-3 (a gradient scaling of constraints with gradients
  // of 1e5): lambda_min(G G^T) = 1e-6, but the problem's own Jacobian has lambda_min = 1.
  for (const Index m : {Index{20}, Index{300}}) {  // the dense and the sparse path
    std::vector<Triplet> t;
    for (Index i = 0; i < m; ++i) {
      t.push_back({i, i, 1e-3});
    }
    const CsrMatrix scaled = CsrMatrix::from_triplets(m, m, t);
    const std::vector<double> scale(static_cast<std::size_t>(m), 1e-3);
    const auto cond = nlp::detail::jacobian_conditioning(scaled, scale, 1e-2);
    CHECK_FALSE(cond.singular);
    CHECK(cond.lambda_min == Approx(1.0).epsilon(1e-6));
    CHECK(nlp::detail::jacobian_conditioning(scaled, {}, 1e-2).singular);
  }
}

TEST_CASE("PDE control, a convex QP with linear constraints, takes at most 2 outer iterations with MINRES",
          "[nlp][solver][pde]") {
  // G = [L_h, I] has lambda_min(G G^T) >= 1 at every N. The gradient scaling divides its rows by
  // 4 / (100 h^2) (94 at N = 96), which put lambda_min of the scaled Jacobian at 3e-3 < 1e-2: the guard
  // regularized the step with r = 1e-2, whose constraint rows G dx - r dlambda = -c then missed c + G dx = 0
  // by 1.8e4 (N = 128), and the run took 4 outer iterations where exact Newton takes 1.
  auto p = nlp::make_pde_control(96);
  nlp::AdaSketchSettings s;
  s.inner = nlp::InnerSolver::minres_cholmod;
  nlp::AdaSketchNewton solver(s);
  double largest_regularization = 0.0;
  solver.add_monitor([&](const nlp::OuterIteration& it) {
    largest_regularization = std::max(largest_regularization, it.regularization);
  });
  const auto r = solver.solve(*p);
  CHECK(r.status == nlp::NlpStatus::solved);
  CHECK(r.outer_iterations <= 2);
  CHECK(largest_regularization == 0.0);
}

TEST_CASE("a stalled singular iteration ends as singular only near a stationary point of the infeasibility",
          "[nlp][singular]") {
  const nlp::AdaSketchSettings s;  // regularize, stabilized, 10 steps
  // Far from a stationary point of ||c||^2 (a slow iteration on a feasible problem): never `singular`.
  nlp::detail::SingularJacobianGuard slow(s);
  for (int k = 0; k < 5 * s.max_singular_steps; ++k) {
    CHECK(slow.regularization(true, 100.0, false).has_value());
  }
  // At one, with no progress of the KKT residual: `singular` after max_singular_steps.
  nlp::detail::SingularJacobianGuard stalled(s);
  int steps = 0;
  while (stalled.regularization(true, 100.0, true).has_value() && steps < 100) {
    ++steps;
  }
  CHECK(steps == s.max_singular_steps);
}

TEST_CASE("near_infeasible_stationary measures G^T c of the problem as posed", "[nlp][singular]") {
  // x1 + x2 = 1 and x1 + x2 = 2 at x1 + x2 = 1.5: c = (0.5, -0.5), G^T c = 0 (the least-squares point)
  const CsrMatrix g = CsrMatrix::from_triplets(
      2, 2, std::vector<Triplet>{{0, 0, 1.0}, {0, 1, 1.0}, {1, 0, 1.0}, {1, 1, 1.0}});
  const std::vector<double> unit{1.0, 1.0};
  CHECK(nlp::detail::near_infeasible_stationary(g, std::vector<double>{0.5, -0.5}, unit));
  CHECK_FALSE(nlp::detail::near_infeasible_stationary(g, std::vector<double>{-0.6, -1.6}, unit));
  // scaled rows (s = (1, 1e-3)) of the same point: the scaled G~^T c~ = (0.5 - 5e-7, ...) is not small, the
  // problem's own G^T c is
  const CsrMatrix scaled = CsrMatrix::from_triplets(
      2, 2, std::vector<Triplet>{{0, 0, 1.0}, {0, 1, 1.0}, {1, 0, 1e-3}, {1, 1, 1e-3}});
  CHECK(nlp::detail::near_infeasible_stationary(scaled, std::vector<double>{0.5, -0.5e-3},
                                                std::vector<double>{1.0, 1e-3}));
}
