// PcgSolver::reuse_preconditioner: a preconditioner built from one matrix of a sequence serves the next.
#include <catch2/catch.hpp>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/linear/ic0_preconditioner.hpp"
#include "adasolve/linear/pcg.hpp"
#include "adasolve/linear/ssor_pcg.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::linear;

namespace {

SolveReport solve(PcgSolver& solver, const std::shared_ptr<const CsrMatrix>& a,
                  const std::vector<double>& b) {
  solver.setup(a);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport report = solver.solve(b, x);
  // The answer is for the operator given, whatever preconditioned it: check b - A x directly.
  std::vector<double> r(b.size());
  a->residual(b, x, r);
  double rr = 0.0;
  double bb = 0.0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    rr += r[i] * r[i];
    bb += b[i] * b[i];
  }
  CHECK(std::sqrt(rr / bb) <= solver.criteria().rtol);
  return report;
}

}  // namespace

TEST_CASE("a kept IC(0) factor preconditions later matrices of a sequence", "[linear][reuse]") {
  // A drifting sequence: the shift falls from 2 to 0.01, so a factor of the first matrix fits the later one
  // less well than its own.
  const auto b = test::gaussian_vector(400, 2);
  auto first = std::make_shared<const CsrMatrix>(test::laplacian_2d(20, 2.0));
  auto later = std::make_shared<const CsrMatrix>(test::laplacian_2d(20, 0.01));
  PcgSolver fresh(make_ic0_preconditioner());
  PcgSolver kept(make_ic0_preconditioner());
  kept.reuse_preconditioner(true);

  const SolveReport fresh_first = solve(fresh, first, b);
  const SolveReport kept_first = solve(kept, first, b);
  CHECK(kept_first.iterations == fresh_first.iterations);  // the first setup builds it

  const SolveReport fresh_later = solve(fresh, later, b);
  const SolveReport kept_later = solve(kept, later, b);  // factor of `first`, operator `later`
  REQUIRE(kept_later.converged());
  CHECK(kept_later.iterations > fresh_later.iterations);  // a stale factor costs iterations
  CHECK(kept_later.setup_seconds < fresh_later.setup_seconds + 1e-3);

  // Another size cannot use the kept factor: it is rebuilt.
  auto other = std::make_shared<const CsrMatrix>(test::laplacian_2d(15, 0.8));
  PcgSolver reference(make_ic0_preconditioner());
  CHECK(solve(kept, other, test::gaussian_vector(225, 3)).iterations ==
        solve(reference, other, test::gaussian_vector(225, 3)).iterations);
}

TEST_CASE("an SSOR preconditioner cannot be kept: its sweeps read the matrix it was built from",
          "[linear][reuse]") {
  SsorPcgSolver ssor(SorSettings{1.5});
  CHECK_THROWS_WITH(ssor.reuse_preconditioner(true), Catch::Contains("ssor preconditioner"));
  CHECK_NOTHROW(ssor.reuse_preconditioner(false));
}
