// SOR kernels and solvers: Gauss-Seidel oracle, residual identity, SSOR preconditioner, diagonal checks.
#include "adasolve/linear/sor.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "adasolve/linear/ssor_pcg.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::linear;

namespace {

// Textbook Gauss-Seidel sweep: x_i <- (b_i - sum_{j != i} a_ij x_j) / a_ii, natural order, in place
// (dividing by multiplying with the reciprocal of a_ii, as every kernel that precomputes 1/a_ii does).
// Floating-point sums depend on their order; the kernel's documented order (sor_sweep.cpp) is every
// off-diagonal entry in column order except column i - 1, which comes last. `kernel_order` sums that way,
// otherwise plainly in column order.
void gauss_seidel_sweep(const CsrMatrix& a, const std::vector<double>& b, std::vector<double>& x,
                        bool kernel_order = true) {
  for (Index i = 0; i < a.rows(); ++i) {
    double s = b[i];
    double d = 0.0;
    Index previous_row_entry = -1;
    for (Index k = a.row_offsets()[i]; k < a.row_offsets()[i + 1]; ++k) {
      const Index j = a.column_indices()[k];
      if (j == i) {
        d = a.values()[k];
      } else if (kernel_order && j == i - 1) {
        previous_row_entry = k;
      } else {
        s -= a.values()[k] * x[j];
      }
    }
    if (previous_row_entry >= 0) {
      s -= a.values()[previous_row_entry] * x[i - 1];
    }
    x[i] = s * (1.0 / d);
  }
}

// A small nonsymmetric matrix with a diagonal whose inverses are not exact in binary.
CsrMatrix irregular_matrix() {
  std::vector<Triplet> t;
  const Index n = 30;
  for (Index i = 0; i < n; ++i) {
    t.push_back({i, i, 3.0 + 0.1 * i});
    if (i > 0)
      t.push_back({i, i - 1, -0.7 - 0.01 * i});
    if (i + 1 < n)
      t.push_back({i, i + 1, -1.1});
    if (i + 5 < n)
      t.push_back({i, i + 5, 0.3});
  }
  return CsrMatrix::from_triplets(n, n, t);
}

}  // namespace

TEST_CASE("SOR with omega = 1 is Gauss-Seidel, iterate for iterate, bit for bit", "[relax][sor]") {
  for (const CsrMatrix& matrix : {test::laplacian_2d(9, 0.3), irregular_matrix()}) {
    auto a = std::make_shared<const CsrMatrix>(matrix);
    const auto b = test::gaussian_vector(a->rows(), 4);
    SorSolver sor(SorSettings{1.0});
    sor.setup(a);
    // The solver against the textbook sweeps, on the system LinearSolver hands it (b scaled by 1/||b||,
    // the solution scaled back by ||b||).
    std::vector<double> x(b.size(), 0.0);
    const SolveReport report = sor.solve(b, x);
    REQUIRE(report.converged());
    const double s = vec::norm2(b);
    std::vector<double> bs(b.size()), y(b.size(), 0.0);
    for (std::size_t i = 0; i < b.size(); ++i)
      bs[i] = b[i] / s;
    for (int k = 0; k < report.iterations; ++k) {
      gauss_seidel_sweep(*a, bs, y);
    }
    vec::scale(s, y);
    CHECK(x == y);  // exact equality, not a tolerance
    // The kernel alone, one sweep at a time.
    SorSweeper sweeper(*a);
    std::vector<double> u(b.size(), 0.0), v(b.size(), 0.0);
    std::vector<double> w(b.size(), 0.0);
    for (int k = 0; k < 5; ++k) {
      sweeper.forward(b, u, 1.0);
      gauss_seidel_sweep(*a, b, v);
      gauss_seidel_sweep(*a, b, w, /*kernel_order=*/false);
      CHECK(u == v);
      CHECK(test::relative_difference(u, w) < 1e-14);  // the order changes rounding only
    }
  }
}

TEST_CASE("the fused sweep residual equals b - A x", "[relax][sor]") {
  const CsrMatrix a = irregular_matrix();
  const auto b = test::gaussian_vector(a.rows(), 9);
  SorSweeper sweeper(a);
  for (double omega : {0.6, 1.0, 1.4, 1.9}) {
    std::vector<double> x = test::gaussian_vector(a.rows(), 2), r(a.rows()), r_true(a.rows());
    std::vector<double> x2 = x;
    sweeper.forward_with_residual(b, x, omega, r);
    sweeper.forward(b, x2, omega);
    CHECK(x == x2);
    a.residual(b, x, r_true);
    CHECK(test::relative_difference(r, r_true) < 1e-12);
  }
}

TEST_CASE("the SOR iteration count follows Young's theory on the Laplacian", "[relax][sor]") {
  // 10 x 10 Laplacian: rho_J = cos(pi/11); Gauss-Seidel contracts by rho_J^2 per sweep, optimal SOR by
  // omega* - 1. The counts to reach 1e-8 must be close to log(1e-8)/log(rate) (near-asymptotic).
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(10));
  const auto b = test::gaussian_vector(a->rows(), 1);
  const double rho = std::cos(M_PI / 11.0);
  const double omega_star = 2.0 / (1.0 + std::sqrt(1.0 - rho * rho));
  SorSolver sor;
  sor.setup(a);
  std::vector<double> x(b.size(), 0.0);
  const int gs = sor.solve(b, x).iterations;
  CHECK(gs == Approx(std::log(1e-8) / std::log(rho * rho)).epsilon(0.1));
  sor.set_omega(omega_star);
  vec::fill(x, 0.0);
  const int opt = sor.solve(b, x).iterations;
  CHECK(opt < gs / 4);
}

TEST_CASE("hitting the cap is a result: max_iterations with iterations == cap", "[relax][sor]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(10));
  const auto b = test::gaussian_vector(a->rows(), 1);
  StoppingCriteria stop = sor_default_criteria();
  stop.max_iters = 7;
  SorSolver sor(SorSettings{1.0}, stop);
  sor.setup(a);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport report = sor.solve(b, x);
  CHECK(report.reason == StopReason::max_iterations);
  CHECK(report.iterations == 7);
  CHECK_FALSE(report.converged());
}

TEST_CASE("SOR and SSOR-PCG reject a zero or missing diagonal entry, naming the row", "[relax][sor]") {
  std::vector<Triplet> missing{{0, 0, 2.0}, {0, 1, -1.0}, {1, 0, -1.0}, {2, 2, 1.0}, {1, 2, 0.5}};
  std::vector<Triplet> zero{{0, 0, 2.0}, {1, 1, 1.0}, {2, 2, 0.0}, {2, 1, 1.0}};
  auto a_missing = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(3, 3, missing));
  auto a_zero = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(3, 3, zero));
  SorSolver sor;
  SsorPcgSolver pcg;
  CHECK_THROWS_WITH(sor.setup(a_missing), Catch::Contains("row 2"));
  CHECK_THROWS_AS(sor.setup(a_missing), InputError);
  CHECK_THROWS_WITH(sor.setup(a_zero), Catch::Contains("row 3"));
  CHECK_THROWS_WITH(pcg.setup(a_missing), Catch::Contains("row 2"));
  CHECK_THROWS_AS(pcg.setup(a_zero), InputError);
}

TEST_CASE("omega out of (0, 2) is a usage error", "[relax][sor]") {
  CHECK_THROWS_AS(SorSolver(SorSettings{2.0}), UsageError);
  CHECK_THROWS_AS(SorSolver(SorSettings{0.0}), UsageError);
  SsorPcgSolver pcg;
  CHECK_THROWS_WITH(pcg.set_omega(2.5), Catch::Contains("sor.omega must be in (0, 2)"));
}

TEST_CASE("the SSOR preconditioner applies M^-1 with M = (D + wU) D^-1 (D + wL) / (w (2 - w))",
          "[relax][ssor]") {
  const CsrMatrix a = test::laplacian_2d(5, 0.2);
  const Index n = a.rows();
  const double omega = 1.3;
  SsorPreconditioner ssor(omega);
  ssor.setup(a);
  const auto r = test::gaussian_vector(n, 3);
  std::vector<double> z(n);
  ssor.apply(r, z);
  // M z must give back r: form M z = (D + wU) D^-1 (D + wL) z / (w (2 - w)) with dense loops.
  std::vector<double> t(n, 0.0), s(n, 0.0);
  for (Index i = 0; i < n; ++i) {  // t = (D + wL) z
    for (Index j = 0; j <= i; ++j)
      t[i] += (j == i ? a.at(i, i) : omega * a.at(i, j)) * z[j];
  }
  for (Index i = 0; i < n; ++i)
    t[i] /= a.at(i, i);
  for (Index i = 0; i < n; ++i) {  // s = (D + wU) t / (w (2 - w))
    for (Index j = i; j < n; ++j)
      s[i] += (j == i ? a.at(i, i) : omega * a.at(i, j)) * t[j];
    s[i] /= omega * (2.0 - omega);
  }
  CHECK(test::relative_difference(s, r) < 1e-13);
}

TEST_CASE("SSOR-PCG: warm start from the solution costs 0 iterations, SSOR beats Jacobi", "[relax][ssor]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(30, 0.01));
  const auto b = test::gaussian_vector(a->rows(), 8);
  SsorPcgSolver ssor(SorSettings{1.7});
  ssor.setup(a);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport first = ssor.solve(b, x);
  REQUIRE(first.converged());
  CHECK(first.final_residual <= 1e-8 * first.rhs_norm);
  CHECK(first.parameters.at("omega") == 1.7);
  const SolveReport again = ssor.solve(b, x);
  CHECK(again.iterations == 0);
  auto jacobi = make_jacobi_pcg();
  jacobi->setup(a);
  std::vector<double> xj(b.size(), 0.0);
  CHECK(first.iterations < jacobi->solve(b, xj).iterations / 2);
}
