// Run under `mpiexec -n 2` (and correct on any number of ranks): distributed input, distributed solves and
// failure agreement against their one-process counterparts.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "adasolve/backend/petsc_parallel.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "adasolve/io/petsc_binary.hpp"
#include "adasolve/pde/heat_rows.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::backend;

namespace {

/// A folder every rank sees; rank 0 writes the files, the others wait at the barrier.
std::filesystem::path shared_scratch() {
  const auto dir = test::binary_dir() / "petsc_mpi_scratch";
  if (PetscSession::is_root()) {
    std::filesystem::create_directories(dir);
  }
  barrier();
  return dir;
}

}  // namespace

TEST_CASE("mpi: row partitions cover the rows once, in rank order", "[mpi]") {
  for (int size : {1, 2, 3, 7}) {
    Index next = 0;
    for (int rank = 0; rank < size; ++rank) {
      const auto p = RowPartition::of(100, rank, size);
      CHECK(p.begin == next);
      CHECK(p.local_rows() >= 100 / size);
      next = p.end;
    }
    CHECK(next == 100);
  }
}

namespace {

/// Each rank's rows of the distributed read are the serial matrix's, and the right-hand side gathers to b.
void check_distributed_read(const std::filesystem::path& matrix_file, const std::filesystem::path& rhs_file,
                            const CsrMatrix& serial, const std::vector<double>& b) {
  const DistributedSystem system = read_distributed_system(matrix_file, rhs_file);
  REQUIRE(system.rows.global_rows == serial.rows());
  const CsrMatrix expected = row_block(serial, system.rows);
  CHECK(std::vector<Index>(system.matrix->row_offsets().begin(), system.matrix->row_offsets().end()) ==
        std::vector<Index>(expected.row_offsets().begin(), expected.row_offsets().end()));
  CHECK(std::vector<Index>(system.matrix->column_indices().begin(), system.matrix->column_indices().end()) ==
        std::vector<Index>(expected.column_indices().begin(), expected.column_indices().end()));
  CHECK(std::vector<double>(system.matrix->values().begin(), system.matrix->values().end()) ==
        std::vector<double>(expected.values().begin(), expected.values().end()));
  CHECK(gather_to_all(system.rhs, system.rows) == b);
  CHECK(sum_over_ranks(system.matrix->nnz()) == serial.nnz());
}

}  // namespace

TEST_CASE("mpi: the distributed read equals the serial read", "[mpi]") {
  const auto dir = shared_scratch();
  const auto matrix_file = dir / "shifted_laplacian.mtx";
  const auto rhs_file = dir / "rhs.mtx";
  const CsrMatrix a = test::laplacian_2d(9, 0.25);
  const auto b = test::gaussian_vector(a.rows(), 3);
  if (PetscSession::is_root()) {
    io::write_matrix_market(matrix_file, a, /*symmetric=*/true);
    io::write_matrix_market_vector(rhs_file, b);
  }
  barrier();
  check_distributed_read(matrix_file, rhs_file, io::read_matrix_market(matrix_file), b);
}

TEST_CASE("mpi: the distributed read of PETSc binary files equals the serial read", "[mpi]") {
  const auto dir = shared_scratch();
  const auto matrix_file = dir / "shifted_laplacian.bin";
  const auto rhs_file = dir / "rhs.bin";
  const CsrMatrix a = test::laplacian_2d(9, 0.25);
  const auto b = test::gaussian_vector(a.rows(), 4);
  if (PetscSession::is_root()) {
    io::write_petsc_binary(matrix_file, a);
    io::write_petsc_binary_vector(rhs_file, b);
  }
  barrier();
  check_distributed_read(matrix_file, rhs_file, a, b);
}

TEST_CASE("mpi: a distributed CG solve matches the one-process solve", "[mpi]") {
  auto whole = std::make_shared<const CsrMatrix>(test::laplacian_2d(16, 0.05));
  const auto b = test::gaussian_vector(whole->rows(), 9);
  const auto rows = RowPartition::for_this_rank(whole->rows());
  StoppingCriteria stop;
  stop.rtol = 1e-10;
  PetscKspSolver serial(PetscKspSettings::cg_with("none"), stop);
  serial.setup(whole);
  std::vector<double> x_serial(b.size(), 0.0);
  const auto serial_report = serial.solve(b, x_serial);

  PetscDistributedSolver distributed(PetscKspSettings::cg_with("none"), stop);
  distributed.setup(std::make_shared<const CsrMatrix>(row_block(*whole, rows)), rows);
  std::vector<double> b_local(b.begin() + rows.begin, b.begin() + rows.end);
  std::vector<double> x_local(b_local.size(), 0.0);
  const auto report = distributed.solve(b_local, x_local);
  CHECK(report.converged());
  CHECK(std::abs(report.iterations - serial_report.iterations) <= 1);
  CHECK(report.residual_history.size() == static_cast<std::size_t>(report.iterations) + 1);
  CHECK(report.final_residual <= report.threshold);
  CHECK(test::relative_difference(gather_to_all(x_local, rows), x_serial) < 1e-8);
  // The report is the same on every rank.
  CHECK(broadcast_from_root(report.iterations) == report.iterations);
  CHECK(broadcast_from_root(report.final_residual) == report.final_residual);
}

TEST_CASE("mpi: processor-local SOR needs at least the one-process iterations", "[mpi]") {
  auto whole = std::make_shared<const CsrMatrix>(test::laplacian_2d(16, 0.05));
  const auto b = test::gaussian_vector(whole->rows(), 9);
  const auto rows = RowPartition::for_this_rank(whole->rows());
  StoppingCriteria stop;
  stop.baseline = Baseline::initial_residual;
  PetscKspSolver serial(PetscKspSettings::sor(1.6), stop);
  serial.setup(whole);
  std::vector<double> x_serial(b.size(), 0.0);
  const auto serial_report = serial.solve(b, x_serial);

  PetscDistributedSolver distributed(PetscKspSettings::sor(1.6), stop);
  distributed.setup(std::make_shared<const CsrMatrix>(row_block(*whole, rows)), rows);
  std::vector<double> b_local(b.begin() + rows.begin, b.begin() + rows.end);
  std::vector<double> x_local(b_local.size(), 0.0);
  const auto report = distributed.solve(b_local, x_local);
  CHECK(report.converged());
  if (PetscSession::size() == 1) {
    CHECK(report.iterations == serial_report.iterations);
  } else {
    // Block Jacobi between the ranks' blocks: never faster than the global sweep on this matrix.
    CHECK(report.iterations >= serial_report.iterations);
  }
}

TEST_CASE("mpi: heat E2 assembled by row blocks steps like HeatSimulation", "[mpi]") {
  pde::HeatSettings settings;
  settings.nx = 24;
  settings.steps = 3;
  settings.t0 = 0.6;
  pde::HeatSimulation sim(settings);
  const auto rows = RowPartition::for_this_rank(sim.unknowns());
  StoppingCriteria stop;
  stop.rtol = 1e-12;
  auto serial = make_petsc_ksp_solver(PetscKspSettings::cg_with("none"), stop);
  PetscDistributedSolver distributed(PetscKspSettings::cg_with("none"), stop);
  std::vector<double> u = pde::heat_initial_rows(settings, rows.begin, rows.end);
  for (int k = 0; k < settings.steps; ++k) {
    const auto step = sim.current();
    serial->setup(std::make_shared<const CsrMatrix>(step.matrix));
    std::vector<double> u_serial = sim.state();
    serial->solve(step.rhs, u_serial);
    sim.advance(u_serial);

    // b = 2 u + f - A u with the distributed A.
    const double s = pde::heat_step_s(settings, step.t);
    distributed.setup(
        std::make_shared<const CsrMatrix>(pde::heat_matrix_rows(settings, s, rows.begin, rows.end)), rows);
    std::vector<double> b = pde::heat_forcing_rows(settings, step.t, rows.begin, rows.end);
    std::vector<double> two_u_plus_f(b.size());
    for (std::size_t i = 0; i < b.size(); ++i) {
      two_u_plus_f[i] = 2.0 * u[i] + b[i];
    }
    distributed.residual(two_u_plus_f, u, b);
    const auto report = distributed.solve(b, u);
    REQUIRE(report.converged());
  }
  CHECK(test::relative_difference(gather_to_all(u, rows), sim.state()) < 1e-9);
}

TEST_CASE("mpi: a failure on one rank becomes the same error on every rank", "[mpi]") {
  const int last = PetscSession::size() - 1;
  SECTION("agree_on_failure") {
    std::exception_ptr error;
    if (PetscSession::rank() == last) {
      error = std::make_exception_ptr(InputError("data.mtx:7: bad entry on the last rank"));
    }
    CHECK_THROWS_AS(agree_on_failure(error), InputError);
    CHECK_NOTHROW(agree_on_failure(nullptr));
  }
  SECTION("a file missing on one rank only") {
    const auto dir = shared_scratch();
    const auto good = dir / "good.mtx";
    if (PetscSession::is_root()) {
      io::write_matrix_market(good, test::laplacian_2d(4));
    }
    barrier();
    const auto path = PetscSession::rank() == last ? dir / "missing.mtx" : good;
    CHECK_THROWS_WITH(read_distributed_system(path), Catch::Contains("missing.mtx"));
  }
  SECTION("an unknown preconditioner") {
    const auto rows = RowPartition::for_this_rank(16);
    PetscDistributedSolver solver(PetscKspSettings::cg_with("no_such_pc"));
    CHECK_THROWS_AS(
        solver.setup(std::make_shared<const CsrMatrix>(row_block(test::laplacian_2d(4), rows)), rows),
        UsageError);
  }
}
