// Pipelined SSOR under `mpiexec -n 2` (and on 1 rank): the distributed preconditioner against the serial
// natural-order SSOR of the whole matrix (SorSweeper: forward sweep from zero, then backward), CG's
// iterations against one rank's, and the grid-pattern check.
#include "adasolve/backend/pipelined_ssor.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "adasolve/backend/petsc_parallel.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/linear/sor_sweep.hpp"
#include "adasolve/linear/ssor_pcg.hpp"
#include "adasolve/pde/heat_rows.hpp"
#include "split_ssor_support.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::backend;
using namespace adasolve::linear;
using test::heat_matrix;
using test::local_part;

namespace {

struct GridCase {
  CsrMatrix matrix;
  Index m;  ///< grid columns
};

/// The 5-point stencil on an m x m grid plus extra symmetric couplings (i, j) (0-based grid points).
CsrMatrix laplacian_with(Index m, const std::vector<std::pair<Index, Index>>& extra) {
  std::vector<Triplet> t;
  const CsrMatrix base = test::laplacian_2d(m);
  for (Index i = 0; i < base.rows(); ++i) {
    for (Index k = base.row_offsets()[i]; k < base.row_offsets()[i + 1]; ++k) {
      t.push_back(
          {i, base.column_indices()[k], base.values()[k] + (base.column_indices()[k] == i ? 1.0 : 0.0)});
    }
  }
  for (const auto& [i, j] : extra) {
    t.push_back({i, j, -0.5});
    t.push_back({j, i, -0.5});
  }
  return CsrMatrix::from_triplets(base.rows(), base.cols(), t);
}

}  // namespace

TEST_CASE("mpi: pipelined SSOR applies the serial natural-order SSOR", "[mpi][pipelined-ssor]") {
  // 169 and 361 unknowns: on 2 ranks the split (85 | 84, 181 | 180) cuts a grid row in the middle.
  const std::vector<GridCase> cases{{test::laplacian_2d(13, 0.1), 13}, {heat_matrix(20, 0.7), 19}};
  for (const GridCase& c : cases) {
    const auto rows = RowPartition::for_this_rank(c.matrix.rows());
    if (PetscSession::size() == 2) {
      REQUIRE(RowPartition::of(c.matrix.rows(), 0, 2).end % c.m != 0);
    }
    const SorSweeper serial(c.matrix);
    const auto r = test::gaussian_vector(c.matrix.rows(), 5);
    // Block widths: one column, uneven blocks, the default, the whole grid (one block: no overlap).
    for (const Index block : {Index{1}, Index{3}, Index{0}, c.m}) {
      PipelinedSsorPreconditioner m(1.0, c.m, block);
      m.setup(row_block(c.matrix, rows), rows);
      for (double omega : {1.0, 1.4, 1.9}) {
        std::vector<double> expected(r.size(), 0.0);
        serial.forward(r, expected, omega);
        serial.backward(r, expected, omega);
        m.set_omega(omega);
        std::vector<double> z(static_cast<std::size_t>(rows.local_rows()), -7.0);  // garbage: overwritten
        m.apply(local_part(r, rows), z);
        INFO("m = " << c.m << ", block " << block << " (" << m.block_columns() << " in effect, " << m.blocks()
                    << " blocks), omega " << omega << ", " << PetscSession::size() << " rank(s)");
        CHECK(test::relative_difference(gather_to_all(z, rows), expected) < 1e-12);
      }
    }
  }
}

TEST_CASE("mpi: pipelined SSOR sends one message per block and neighbour in each sweep",
          "[mpi][pipelined-ssor]") {
  // m = 20, B = 4: 5 blocks. Strips of 200 unknowns on 2 ranks: each rank reads one grid row of the other.
  const CsrMatrix a = test::laplacian_2d(20);
  const auto rows = RowPartition::for_this_rank(a.rows());
  PipelinedSsorPreconditioner m(1.5, 20, 4);
  m.setup(row_block(a, rows), rows);
  CHECK(m.blocks() == 5);
  CHECK(m.block_columns() == 4);
  CHECK(m.messages_sent_per_apply() == (PetscSession::size() == 2 ? 5 : 0));
  // Default on one rank: a single block (plain natural order); on several, at least 128 columns.
  PipelinedSsorPreconditioner d(1.5, 20);
  d.setup(row_block(a, rows), rows);
  CHECK(d.blocks() == 1);
}

TEST_CASE("mpi: pipelined SSOR-PCG takes one rank's iterations on every number of ranks",
          "[mpi][pipelined-ssor]") {
  const std::vector<GridCase> cases{{test::laplacian_2d(30, 0.02), 30}, {heat_matrix(60, 0.7), 59}};
  for (const GridCase& c : cases) {
    const auto a = std::make_shared<const CsrMatrix>(c.matrix);
    const auto rows = RowPartition::for_this_rank(a->rows());
    const auto b = test::gaussian_vector(a->rows(), 11);
    PetscKspSettings settings = PetscKspSettings::pipelined_ssor_pcg(1.0, c.m);
    settings.pipeline_block_columns = 7;  // several blocks: the pipeline, not one rank after the other
    PetscDistributedSolver distributed(settings);
    distributed.setup(std::make_shared<const CsrMatrix>(row_block(*a, rows)), rows);
    PetscKspSolver one_rank(settings);  // PETSC_COMM_SELF: the same preconditioner on one rank
    one_rank.setup(a);
    SsorPcgSolver native(SorSettings{1.0});  // natural order, backward-forward sweep
    native.setup(a);
    for (double omega : {1.0, 1.5, 1.9}) {
      distributed.set_omega(omega);
      one_rank.set_omega(omega);
      native.set_omega(omega);
      std::vector<double> x_local(static_cast<std::size_t>(rows.local_rows()), 0.0);
      const auto report = distributed.solve(local_part(b, rows), x_local);
      std::vector<double> x1(b.size(), 0.0), x2(b.size(), 0.0);
      const auto single = one_rank.solve(b, x1);
      const auto reference = native.solve(b, x2);
      INFO(PetscSession::size() << " rank(s), n = " << a->rows() << ", omega " << omega << ": pipelined "
                                << report.iterations << ", one rank " << single.iterations << ", native "
                                << reference.iterations);
      CHECK(report.converged());
      CHECK(std::abs(report.iterations - single.iterations) <= 1);
      CHECK(std::abs(single.iterations - reference.iterations) <= 1);
      CHECK(std::abs(report.iterations - reference.iterations) <= 1);
      CHECK(test::relative_difference(gather_to_all(x_local, rows), x2) < 1e-6);
    }
  }
}

TEST_CASE("mpi: pipelined SSOR-PCG set up again with new values on the same pattern equals a fresh setup",
          "[mpi][pipelined-ssor]") {
  PetscKspSettings settings = PetscKspSettings::pipelined_ssor_pcg(1.8, 39);
  settings.pipeline_block_columns = 5;
  test::check_setup_again_equals_fresh(settings);
}

TEST_CASE("mpi: pipelined SSOR rejects a pattern outside the grid order with one line on every rank",
          "[mpi][pipelined-ssor]") {
  // A full 9-point stencil (m = 6): row 2 = grid point (1, 0) has its north-west neighbour (0, 1) =
  // column 7 after it but at a smaller grid column.
  std::vector<std::pair<Index, Index>> diagonals;
  const Index m = 6;
  for (Index y = 0; y + 1 < m; ++y) {
    for (Index x = 0; x < m; ++x) {
      if (x + 1 < m) {
        diagonals.push_back({y * m + x, (y + 1) * m + x + 1});  // north-east
      }
      if (x > 0) {
        diagonals.push_back({y * m + x, (y + 1) * m + x - 1});  // north-west
      }
    }
  }
  const CsrMatrix nine_point = laplacian_with(m, diagonals);
  const auto rows = RowPartition::for_this_rank(nine_point.rows());
  PipelinedSsorPreconditioner p(1.5, m);
  CHECK_THROWS_WITH(p.setup(row_block(nine_point, rows), rows),
                    Catch::StartsWith("pipelined-ssor: row 2 (grid column 2 of 6) has an entry in column 7 "
                                      "(grid column 1)"));

  // A 5-point stencil with one south-east coupling in the last rank's rows only: point (3, 7) of a
  // 10 x 10 grid (row 74) to (4, 6) (row 65). Row 65 is the first that breaks the order (its later
  // column 74 lies at a smaller grid column); on 2 ranks it belongs to rank 1, and both ranks throw.
  const CsrMatrix one_diagonal = laplacian_with(10, {{73, 64}});
  const auto rows10 = RowPartition::for_this_rank(100);
  PipelinedSsorPreconditioner q(1.5, 10);
  try {
    q.setup(row_block(one_diagonal, rows10), rows10);
    FAIL("no error");
  } catch (const UsageError& e) {
    const std::string message = e.what();
    CHECK(message.find('\n') == std::string::npos);
    CHECK_THAT(message, Catch::StartsWith("pipelined-ssor: row 65 (grid column 5 of 10) has an entry in "
                                          "column 74 (grid column 4)"));
  }
  PetscDistributedSolver solver(PetscKspSettings::pipelined_ssor_pcg(1.5, 10));
  CHECK_THROWS_AS(solver.setup(std::make_shared<const CsrMatrix>(row_block(one_diagonal, rows10)), rows10),
                  UsageError);
  // Without the grid's width there is nothing to pipeline.
  CHECK_THROWS_WITH(PetscDistributedSolver(PetscKspSettings::pipelined_ssor_pcg(1.5, 0)),
                    Catch::Contains("pipelined-ssor needs the grid's width"));
}
