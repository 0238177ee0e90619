#include "adasolve/core/stopping.hpp"

#include <catch2/catch.hpp>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "adasolve/linear/pcg.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::linear;

TEST_CASE("StoppingCriteria validates its ranges with the setting's name", "[stopping]") {
  StoppingCriteria s;
  CHECK_NOTHROW(s.validate());
  s.rtol = 2.0;
  CHECK_THROWS_WITH(s.validate(), Catch::Contains("stop.rtol"));
  s = {};
  s.max_iters = -1;
  CHECK_THROWS_WITH(s.validate(), Catch::Contains("stop.max_iters"));
  s = {};
  s.rtol = 0.0;
  CHECK_THROWS_AS(s.validate(), UsageError);
  CHECK(s.threshold(10.0) == 0.0);
}

TEST_CASE("CG reports indefiniteness instead of looping", "[cg]") {
  // diag(1, -1): p^T A p < 0 on the first step for b = (1, 2).
  std::vector<Triplet> t{{0, 0, 1.0}, {1, 1, -1.0}};
  auto a = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(2, 2, t));
  auto cg = make_cg();
  cg->setup(a);
  std::vector<double> b{1.0, 2.0}, x(2, 0.0);
  const auto report = cg->solve(b, x);
  CHECK(report.reason == StopReason::indefinite);
  CHECK_FALSE(report.converged());
}

TEST_CASE("CG stops at max_iters with that reason", "[cg]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(20));
  StoppingCriteria stop;
  stop.max_iters = 5;
  auto cg = make_cg(stop);
  cg->setup(a);
  const auto b = test::gaussian_vector(a->rows(), 1);
  std::vector<double> x(b.size(), 0.0);
  const auto report = cg->solve(b, x);
  CHECK(report.reason == StopReason::max_iterations);
  CHECK(report.iterations == 5);
  CHECK(report.residual_history.size() == 6);
}

TEST_CASE("CG asks its patience from the initial residual on and stops where it says no, x its iterate",
          "[cg][patience]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(20));
  auto cg = make_cg();
  cg->setup(a);
  const auto b = test::gaussian_vector(a->rows(), 1);
  std::vector<int> asked;
  cg->set_patience([&asked](const IterationEvent& e, double threshold) {
    asked.push_back(e.iteration);
    CHECK(threshold > 0.0);
    return e.iteration < 7;
  });
  std::vector<double> x(b.size(), 0.0);
  const auto report = cg->solve(b, x);
  CHECK(report.reason == StopReason::max_iterations);
  CHECK(report.iterations == 7);
  CHECK(asked == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7});
  // x is the 7th iterate, not the initial guess: its residual is the one reported, below ||b||.
  std::vector<double> r(b.size());
  a->residual(b, x, r);
  CHECK(vec::norm2(r) == Approx(report.final_residual).epsilon(1e-10));
  CHECK(report.final_residual < 0.9 * vec::norm2(b));
  // An empty patience never abandons.
  cg->set_patience({});
  std::vector<double> y(b.size(), 0.0);
  CHECK(cg->solve(b, y).converged());
}

TEST_CASE("NaN in the right-hand side stops with nan_or_inf", "[cg]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(3));
  auto cg = make_cg();
  cg->setup(a);
  std::vector<double> b(9, 1.0), x(9, 0.0);
  b[4] = std::nan("");
  CHECK(cg->solve(b, x).reason == StopReason::nan_or_inf);
}

TEST_CASE("Jacobi preconditioner rejects a zero diagonal naming the row", "[pcg]") {
  std::vector<Triplet> t{{0, 0, 1.0}, {1, 0, 1.0}, {0, 1, 1.0}};
  auto a = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(2, 2, t));
  auto pcg = make_jacobi_pcg();
  CHECK_THROWS_WITH(pcg->setup(a), Catch::Contains("row 2"));
}
