// LinearSolver::solve scales x by 1/||b|| while the method runs (#12, defect 16): when the method throws,
// the caller's initial guess must come back unchanged, not scaled.
#include <catch2/catch.hpp>
#include <memory>
#include <stdexcept>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/linear_solver.hpp"

using namespace adasolve;

namespace {

class ThrowingSolver final : public LinearSolver {
 public:
  std::string name() const override { return "throwing"; }

 protected:
  void solve_impl(std::span<const double>, std::span<double> x, IterationLog&) override {
    x[0] += 1.0;  // some work done before the failure
    throw std::runtime_error("method failed");
  }
};

}  // namespace

TEST_CASE("a method that throws leaves the caller's x as it was", "[linear][hostile]") {
  ThrowingSolver solver;
  solver.setup(std::make_shared<const CsrMatrix>(CsrMatrix::identity(3)));
  const std::vector<double> b{30.0, 40.0, 0.0};  // ||b|| = 50
  std::vector<double> x{1.0, 2.0, 3.0};
  CHECK_THROWS_WITH(solver.solve(b, x), "method failed");
  CHECK(x == std::vector<double>{1.0, 2.0, 3.0});  // was {0.04, 0.04, 0.06}
}
