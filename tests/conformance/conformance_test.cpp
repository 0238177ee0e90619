// One conformance suite for every LinearSolver (design principle 10, after Eigen's
// check_sparse_spd_solving): SPD solves to rtol, b unchanged, zero rhs, rhs scaled by 1e+-200,
// non-square input throws, history length = iterations + 1, and agreement with CHOLMOD.
#include <catch2/catch.hpp>
#include <cmath>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "solver_registry.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::backend;

namespace {

double true_relative_residual(const CsrMatrix& a, const std::vector<double>& b,
                              const std::vector<double>& x) {
  std::vector<double> r(b.size());
  a.residual(b, x, r);
  return vec::norm2(r) / vec::norm2(b);
}

}  // namespace

TEST_CASE("conformance: SPD solve reaches rtol, matches CHOLMOD, leaves b unchanged", "[conformance]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(12, 0.05));
  const auto b = test::gaussian_vector(a->rows(), 7);
  const auto reference = cholmod_solve(*a, b);
  for (const auto& entry : test::conformance_solvers()) {
    SECTION(entry.label) {
      StoppingCriteria stop;
      stop.rtol = 1e-10;
      stop.max_iters = 20 * a->rows();
      auto solver = entry.make(stop);
      solver->setup(a);
      const auto b_copy = b;
      std::vector<double> x(b.size(), 0.0);
      const SolveReport report = solver->solve(b, x);
      CHECK(report.converged());
      CHECK(b == b_copy);
      CHECK(true_relative_residual(*a, b, x) <= 1e-10 * 1.0001);
      CHECK(report.final_residual <= report.threshold);
      CHECK(test::relative_difference(x, reference) < 1e-7);
      CHECK(report.residual_history.size() == static_cast<std::size_t>(report.iterations) + 1);
      CHECK(report.iterations > 0);
    }
  }
}

TEST_CASE("conformance: zero right-hand side gives x = 0 after 0 iterations", "[conformance]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(6));
  for (const auto& entry : test::conformance_solvers()) {
    SECTION(entry.label) {
      auto solver = entry.make({});
      solver->setup(a);
      std::vector<double> b(a->rows(), 0.0);
      std::vector<double> x(a->rows(), 3.0);
      const SolveReport report = solver->solve(b, x);
      CHECK(report.converged());
      CHECK(report.iterations == 0);
      CHECK(report.residual_history.size() == 1);
      CHECK(vec::norm_inf(x) == 0.0);
    }
  }
}

TEST_CASE("conformance: right-hand sides scaled by 1e+200 and 1e-200 solve like the unscaled one",
          "[conformance]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(8, 0.1));
  const auto b = test::gaussian_vector(a->rows(), 11);
  for (const auto& entry : test::conformance_solvers()) {
    SECTION(entry.label) {
      StoppingCriteria stop;
      stop.max_iters = 20 * a->rows();
      auto solver = entry.make(stop);
      solver->setup(a);
      std::vector<double> x1(b.size(), 0.0);
      const auto r1 = solver->solve(b, x1);
      REQUIRE(r1.converged());
      for (double factor : {1e200, 1e-200}) {
        std::vector<double> bs = b;
        vec::scale(factor, bs);
        std::vector<double> xs(b.size(), 0.0);
        const auto rs = solver->solve(bs, xs);
        CHECK(rs.converged());
        CHECK(rs.iterations == r1.iterations);
        vec::scale(1.0 / factor, xs);
        CHECK(test::relative_difference(xs, x1) < 1e-12);
      }
    }
  }
}

TEST_CASE("conformance: non-square input is rejected at setup", "[conformance]") {
  std::vector<Triplet> t{{0, 0, 1.0}, {1, 1, 1.0}, {1, 2, 1.0}};
  auto a = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(2, 3, t));
  for (const auto& entry : test::conformance_solvers()) {
    SECTION(entry.label) {
      auto solver = entry.make({});
      CHECK_THROWS_AS(solver->setup(a), InputError);
    }
  }
}

TEST_CASE("conformance: wrong vector sizes are a usage error", "[conformance]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(4));
  for (const auto& entry : test::conformance_solvers()) {
    SECTION(entry.label) {
      auto solver = entry.make({});
      solver->setup(a);
      std::vector<double> b(a->rows() + 1, 1.0), x(a->rows(), 0.0);
      CHECK_THROWS_AS(solver->solve(b, x), UsageError);
    }
  }
}

TEST_CASE("conformance: monitors see every iteration", "[conformance]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(6, 0.2));
  const auto b = test::gaussian_vector(a->rows(), 3);
  for (const auto& entry : test::conformance_solvers()) {
    SECTION(entry.label) {
      auto solver = entry.make({});
      solver->setup(a);
      std::vector<double> seen;
      solver->add_monitor([&](const IterationEvent& e) { seen.push_back(e.residual_norm); });
      std::vector<double> x(b.size(), 0.0);
      const auto report = solver->solve(b, x);
      CHECK(seen == report.residual_history);
    }
  }
}

TEST_CASE("conformance: a warm start that already passes returns after 0 iterations", "[conformance]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(7, 0.3));
  const auto b = test::gaussian_vector(a->rows(), 5);
  auto x_exact = cholmod_solve(*a, b);
  for (const auto& entry : test::conformance_solvers()) {
    SECTION(entry.label) {
      auto solver = entry.make({});
      solver->setup(a);
      auto x = x_exact;
      const auto report = solver->solve(b, x);
      CHECK(report.converged());
      CHECK(report.iterations == 0);
    }
  }
}
