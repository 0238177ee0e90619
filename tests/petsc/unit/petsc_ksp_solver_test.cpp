// PetscKspSolver on one process: iteration counts against adasolve's own methods and a reference SOR,
// reasons, options under a prefix, and errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "adasolve/linear/pcg.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::backend;
using namespace adasolve::linear;

namespace {

/// One forward SOR sweep in natural ordering: x_i <- (1 - w) x_i + w (b_i - sum_{j != i} a_ij x_j) / a_ii.
void sor_sweep(const CsrMatrix& a, std::span<const double> b, std::span<double> x, double omega) {
  const auto offsets = a.row_offsets();
  const auto cols = a.column_indices();
  const auto vals = a.values();
  for (Index i = 0; i < a.rows(); ++i) {
    double sum = b[i];
    double diag = 0.0;
    for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (cols[k] == i) {
        diag = vals[k];
      } else {
        sum -= vals[k] * x[cols[k]];
      }
    }
    x[i] = (1.0 - omega) * x[i] + omega * sum / diag;
  }
}

/// Forward SOR from x0 = 0 until ||b - A x_k|| <= rtol ||r_0|| (methods/relax.md section 6).
int reference_sor_iterations(const CsrMatrix& a, const std::vector<double>& b, double omega, double rtol) {
  std::vector<double> x(b.size(), 0.0), r(b.size());
  const double r0 = vec::norm2(b);
  for (int k = 1; k <= 100000; ++k) {
    sor_sweep(a, b, x, omega);
    a.residual(b, x, r);
    if (vec::norm2(r) <= rtol * r0) {
      return k;
    }
  }
  return -1;
}

StoppingCriteria relative_to_r0(double rtol) {
  StoppingCriteria stop;
  stop.rtol = rtol;
  stop.baseline = Baseline::initial_residual;
  stop.max_iters = 100000;
  return stop;
}

}  // namespace

TEST_CASE("petsc: Richardson + forward SOR counts the iterations of plain SOR", "[petsc]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(15, 0.02));
  const auto b = test::gaussian_vector(a->rows(), 21);
  PetscKspSolver solver(PetscKspSettings::sor(1.0), relative_to_r0(1e-8));
  solver.setup(a);
  for (double omega : {1.0, 1.5, 1.8, 1.2}) {
    solver.set_omega(omega);
    std::vector<double> x(b.size(), 0.0);
    const auto report = solver.solve(b, x);
    const int expected = reference_sor_iterations(*a, b, omega, 1e-8);
    INFO("omega " << omega << ": PETSc " << report.iterations << ", reference " << expected);
    CHECK(report.converged());
    CHECK(std::abs(report.iterations - expected) <= 1);
    CHECK(report.parameters.at("omega") == omega);
  }
}

TEST_CASE("petsc: CG without preconditioner takes the iterations of adasolve's CG", "[petsc]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(20, 0.01));
  const auto b = test::gaussian_vector(a->rows(), 4);
  StoppingCriteria stop;
  stop.rtol = 1e-8;
  PetscKspSolver petsc(PetscKspSettings::cg_with("none"), stop);
  auto native = make_cg(stop);
  petsc.setup(a);
  native->setup(a);
  std::vector<double> x1(b.size(), 0.0), x2(b.size(), 0.0);
  const auto r1 = petsc.solve(b, x1);
  const auto r2 = native->solve(b, x2);
  CHECK(r1.converged());
  CHECK(std::abs(r1.iterations - r2.iterations) <= 1);
  CHECK(r1.solver == "petsc-cg-none");
}

TEST_CASE("petsc: the iteration cap and an indefinite matrix are reasons, not exceptions", "[petsc]") {
  SECTION("cap") {
    auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(10));
    StoppingCriteria stop;
    stop.max_iters = 5;
    PetscKspSolver solver(PetscKspSettings::sor(1.0), stop);
    solver.setup(a);
    const auto b = test::gaussian_vector(a->rows(), 1);
    std::vector<double> x(b.size(), 0.0);
    const auto report = solver.solve(b, x);
    CHECK(report.reason == StopReason::max_iterations);
    CHECK(report.iterations == 5);
    CHECK(report.residual_history.size() == 6);
  }
  SECTION("indefinite") {
    std::vector<Triplet> t{{0, 0, 1.0}, {1, 1, -2.0}, {2, 2, 3.0}, {3, 3, -4.0}};
    auto a = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(4, 4, t));
    PetscKspSolver solver(PetscKspSettings::cg_with("none"));
    solver.setup(a);
    std::vector<double> b(4, 1.0), x(4, 0.0);
    CHECK(solver.solve(b, x).reason == StopReason::indefinite);
  }
}

TEST_CASE("petsc: a patience that says no stops KSPSolve there, x its iterate", "[petsc][patience]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(20));
  const auto b = test::gaussian_vector(a->rows(), 2);
  PetscKspSolver solver(PetscKspSettings::cg_with("jacobi"));
  solver.setup(a);
  solver.set_patience([](const IterationEvent& e, double) { return e.iteration < 4; });
  std::vector<double> x(b.size(), 0.0);
  const auto report = solver.solve(b, x);
  CHECK(report.reason == StopReason::max_iterations);
  CHECK(report.iterations == 4);
  std::vector<double> r(b.size());
  a->residual(b, x, r);
  CHECK(vec::norm2(r) == Approx(report.final_residual).epsilon(1e-10));
  CHECK(report.final_residual < vec::norm2(b));
  solver.set_patience({});
  std::vector<double> y(b.size(), 0.0);
  CHECK(solver.solve(b, y).converged());  // the next solve is not stopped by the last one's patience
}

TEST_CASE("petsc: options given under the prefix override the settings", "[petsc]") {
  PetscSession::insert_options("-pc_type jacobi", "override_");
  auto settings = PetscKspSettings::ssor_pcg(1.5);
  settings.options_prefix = "override_";
  PetscKspSolver solver(settings);
  solver.setup(std::make_shared<const CsrMatrix>(test::laplacian_2d(5)));
  CHECK(solver.name() == "petsc-cg-jacobi");
}

TEST_CASE("petsc: a misspelt option is reported as unused", "[petsc]") {
  PetscSession::insert_options("-pc_tpye gamg", "typo_");
  auto settings = PetscKspSettings::cg_with("none");
  settings.options_prefix = "typo_";
  PetscKspSolver solver(settings);
  solver.setup(std::make_shared<const CsrMatrix>(test::laplacian_2d(5)));
  const auto unused = PetscSession::unused_options("typo_");
  REQUIRE(unused.size() == 1);
  CHECK(unused[0] == "-typo_pc_tpye");
}

TEST_CASE("petsc: unknown types and bad option strings are usage errors with PETSc's message", "[petsc]") {
  auto a = std::make_shared<const CsrMatrix>(test::laplacian_2d(5));
  SECTION("unknown PC type in the settings") {
    PetscKspSolver solver(PetscKspSettings::cg_with("no_such_pc"));
    CHECK_THROWS_WITH(solver.setup(a), Catch::Contains("PETSc error") && Catch::Contains("no_such_pc"));
  }
  SECTION("unknown KSP type from the options") {
    PetscSession::insert_options("-ksp_type no_such_ksp", "badksp_");
    auto settings = PetscKspSettings::cg_with("none");
    settings.options_prefix = "badksp_";
    PetscKspSolver solver(settings);
    CHECK_THROWS_AS(solver.setup(a), UsageError);
  }
  SECTION("options that do not start with a dash") {
    CHECK_THROWS_AS(PetscSession::insert_options("pc_type gamg", "x_"), UsageError);
  }
  SECTION("omega out of range") { CHECK_THROWS_AS(PetscKspSolver(PetscKspSettings::sor(2.5)), UsageError); }
}

TEST_CASE("petsc: SOR on a matrix with a zero diagonal entry is an input error naming the row", "[petsc]") {
  std::vector<Triplet> t{{0, 0, 2.0}, {0, 1, 1.0}, {1, 0, 1.0}, {2, 2, 1.0}};
  auto a = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(3, 3, t));
  PetscKspSolver solver(PetscKspSettings::sor(1.2));
  CHECK_THROWS_WITH(solver.setup(a), Catch::Contains("a(2, 2)"));
}

TEST_CASE("petsc: MatSOR sweeps equal the reference sweeps", "[petsc]") {
  const auto a = test::laplacian_2d(12, 0.1);
  const auto b = test::gaussian_vector(a.rows(), 8);
  for (bool symmetric : {false, true}) {
    std::vector<double> x_petsc(b.size(), 0.5), x_ref(b.size(), 0.5);
    const double seconds = petsc_mat_sor_seconds(a, b, x_petsc, 1.4, 3, symmetric);
    CHECK(seconds >= 0.0);
    for (int k = 0; k < 3; ++k) {
      sor_sweep(a, b, x_ref, 1.4);
      if (symmetric) {
        // backward sweep: the forward formula in reverse row order
        const auto offsets = a.row_offsets();
        const auto cols = a.column_indices();
        const auto vals = a.values();
        for (Index i = a.rows() - 1; i >= 0; --i) {
          double sum = b[i], diag = 0.0;
          for (Index p = offsets[i]; p < offsets[i + 1]; ++p) {
            if (cols[p] == i) {
              diag = vals[p];
            } else {
              sum -= vals[p] * x_ref[cols[p]];
            }
          }
          x_ref[i] = (1.0 - 1.4) * x_ref[i] + 1.4 * sum / diag;
        }
      }
    }
    CHECK(test::relative_difference(x_petsc, x_ref) < 1e-12);
  }
}

TEST_CASE("petsc: a new matrix with the old pattern, or another pattern, is solved as itself", "[petsc]") {
  // Values updated in place (same pattern) and a rebuilt matrix (a pattern with an extra entry per row
  // pair) must both give the solution of the matrix handed in, never of the previous one.
  const auto b = test::gaussian_vector(49, 6);
  StoppingCriteria stop;
  stop.rtol = 1e-12;
  PetscKspSolver reused(PetscKspSettings::ssor_pcg(1.3), stop);
  reused.setup(std::make_shared<const CsrMatrix>(test::laplacian_2d(7, 0.1)));
  auto a2 = std::make_shared<const CsrMatrix>(test::laplacian_2d(7, 2.5));  // same pattern, new values
  std::vector<Triplet> t;
  for (Index i = 0; i < 49; ++i) {
    t.push_back({i, i, 3.0});
    t.push_back({i, (i + 7) % 49, -0.5});
    t.push_back({(i + 7) % 49, i, -0.5});
  }
  auto a3 = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(49, 49, t));  // another pattern
  // Same number of entries as a2, other positions: the in-place update must notice and rebuild.
  const CsrMatrix lap = test::laplacian_2d(7, 1.0);
  std::vector<Triplet> permuted;
  auto p = [](Index i) { return (i * 10) % 49; };  // a permutation of 0..48 (gcd(10, 49) = 1)
  for (Index i = 0; i < 49; ++i) {
    for (Index k = lap.row_offsets()[i]; k < lap.row_offsets()[i + 1]; ++k) {
      permuted.push_back({p(i), p(lap.column_indices()[k]), lap.values()[k]});
    }
  }
  auto a4 = std::make_shared<const CsrMatrix>(CsrMatrix::from_triplets(49, 49, permuted));
  REQUIRE(a4->nnz() == a2->nnz());
  for (const auto& a : {a2, a3, a2, a4, a2}) {
    reused.setup(a);
    std::vector<double> x(b.size(), 0.0), r(b.size());
    REQUIRE(reused.solve(b, x).converged());
    a->residual(b, x, r);
    CHECK(vec::norm2(r) <= 1e-11 * vec::norm2(b));
  }
}

TEST_CASE("PETSc: a kept preconditioner serves a later matrix of the same pattern", "[petsc][reuse]") {
  // The shift falls from 2 to 0.01: ICC(0) and BoomerAMG built for the first matrix fit the second less
  // well than their own, so kept they cost iterations; the answer is for the new operator either way.
  auto first = std::make_shared<const CsrMatrix>(test::laplacian_2d(24, 2.0));
  auto later = std::make_shared<const CsrMatrix>(test::laplacian_2d(24, 0.01));
  const auto b = test::gaussian_vector(static_cast<std::size_t>(first->rows()), 4);
  for (const char* pc : {"icc", "hypre"}) {
    INFO(pc);
    PetscKspSolver fresh(PetscKspSettings::cg_with(pc));
    PetscKspSolver kept(PetscKspSettings::cg_with(pc));
    kept.reuse_preconditioner(true);
    auto solve = [&b](PetscKspSolver& solver, const std::shared_ptr<const CsrMatrix>& a) {
      solver.setup(a);
      std::vector<double> x(b.size(), 0.0);
      const SolveReport report = solver.solve(b, x);
      REQUIRE(report.converged());
      std::vector<double> r(b.size());
      a->residual(b, x, r);
      CHECK(vec::norm2(r) <= 1e-8 * vec::norm2(b));
      return report.iterations;
    };
    CHECK(solve(kept, first) == solve(fresh, first));
    const int fresh_later = solve(fresh, later);
    const int kept_later = solve(kept, later);
    CHECK(kept_later > fresh_later);
  }
}
