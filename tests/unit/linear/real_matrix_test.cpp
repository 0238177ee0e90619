// SOR and SSOR-PCG against CHOLMOD on real SPD matrices of the SuiteSparse collection (../shared/data).
#include <catch2/catch.hpp>
#include <memory>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "adasolve/linear/sor.hpp"
#include "adasolve/linear/ssor_pcg.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::backend;
using namespace adasolve::linear;

namespace {

struct Case {
  const char* file;
  double condition;  // 2-norm condition number from the data README
};

void check_against_cholmod(LinearSolver& solver, const Case& c) {
  auto a = std::make_shared<const CsrMatrix>(
      io::read_matrix_market(test::shared_data() / "matrices/spd" / c.file));
  const auto b = test::gaussian_vector(a->rows(), 21);
  const auto reference = cholmod_solve(*a, b);
  StoppingCriteria stop = solver.criteria();
  stop.rtol = 1e-10;
  stop.max_iters = 20000;
  solver.set_criteria(stop);
  solver.setup(a);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport report = solver.solve(b, x);
  INFO(solver.name() << " on " << c.file << ": " << report.iterations << " iterations, "
                     << to_string(report.reason));
  REQUIRE(report.converged());
  // forward error <= condition number * backward error (with a safety factor of 10)
  CHECK(test::relative_difference(x, reference) <= 10.0 * c.condition * 1e-10);
}

}  // namespace

TEST_CASE("SOR matches CHOLMOD on real SPD matrices", "[relax][shared-data]") {
  ADASOLVE_REQUIRE_SHARED_DATA();
  for (const Case& c : {Case{"mesh1e1.mtx", 5.25}, Case{"Trefethen_20.mtx", 63.1}}) {
    for (double omega : {1.0, 1.4}) {
      SorSolver sor(SorSettings{omega});
      check_against_cholmod(sor, c);
    }
  }
}

TEST_CASE("SSOR-PCG matches CHOLMOD on real SPD matrices", "[relax][shared-data]") {
  ADASOLVE_REQUIRE_SHARED_DATA();
  for (const Case& c :
       {Case{"bcsstk05.mtx", 1.43e4}, Case{"662_bus.mtx", 7.94e5}, Case{"494_bus.mtx", 2.42e6}}) {
    for (double omega : {1.0, 1.6}) {
      SsorPcgSolver pcg(SorSettings{omega});
      check_against_cholmod(pcg, c);
    }
  }
}
