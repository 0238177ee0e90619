// Deflated PCG: the DCDM paper's DPCG baseline, built on PcgSolver's loop.
#include "adasolve/dcdm/deflated_pcg.hpp"

#include <catch2/catch.hpp>

#include "adasolve/linear/pcg.hpp"
#include "adasolve/pde/poisson.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::linear;

TEST_CASE("deflated PCG removes the lowest modes: fewer iterations than Jacobi-PCG, the same answer",
          "[dcdm][deflation]") {
  auto a = std::make_shared<const CsrMatrix>(pde::poisson_3d({12, 12, 12}).matrix);
  const auto b = test::gaussian_vector(static_cast<std::size_t>(a->rows()), 5);
  StoppingCriteria stop;
  stop.rtol = 1e-10;
  dcdm::DeflatedPcgSolver deflated(dcdm::DeflationSettings{}, stop);
  auto jacobi = make_jacobi_pcg(stop);
  deflated.setup(a);
  jacobi->setup(a);
  std::vector<double> x_deflated(b.size(), 0.0);
  std::vector<double> x_jacobi(b.size(), 0.0);
  const SolveReport d = deflated.solve(b, x_deflated);
  const SolveReport j = jacobi->solve(b, x_jacobi);
  REQUIRE(d.converged());
  REQUIRE(j.converged());
  CHECK(d.iterations < j.iterations);  // 50 against 56 here
  for (std::size_t i = 0; i < b.size(); ++i) {
    CHECK(x_deflated[i] == Approx(x_jacobi[i]).epsilon(1e-6).margin(1e-8));
  }
}

TEST_CASE("deflated PCG keeps its iterations on PcgSolver's loop", "[dcdm][deflation]") {
  // Reference counts of the stand-alone loop it replaced (cube 8, seed 6): 45 iterations to 1e-14, 48 to
  // 1e-15, with relative residuals 6.4e-15 and 5.9e-16.
  auto a = std::make_shared<const CsrMatrix>(pde::poisson_3d({8, 8, 8}).matrix);
  const auto b = test::gaussian_vector(static_cast<std::size_t>(a->rows()), 6);
  for (const auto& [rtol, iterations] : std::vector<std::pair<double, int>>{{1e-14, 45}, {1e-15, 48}}) {
    StoppingCriteria stop;
    stop.rtol = rtol;
    dcdm::DeflatedPcgSolver deflated(dcdm::DeflationSettings{}, stop);
    deflated.setup(a);
    std::vector<double> x(b.size(), 0.0);
    const SolveReport report = deflated.solve(b, x);
    CHECK(report.converged());
    CHECK(report.iterations == iterations);
    CHECK(report.relative_residual() <= rtol);
  }
}
