// The serial parts of interface-ordered SSOR: the split of a rank's rows into interior and interface rows
// (with the off-process couplings kept apart) and the greedy colouring of the rank graph.
#include "backend/petsc/interface_split.hpp"

#include <catch2/catch.hpp>

#include "adasolve/core/error.hpp"
#include "backend/petsc/rank_colouring.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::backend::petsc_detail;

namespace {

InterfaceSplit split_rows(const CsrMatrix& whole, Index begin, Index end) {
  InterfaceSplitBuilder builder(begin, end);
  const auto offsets = whole.row_offsets();
  const auto columns = whole.column_indices();
  const auto values = whole.values();
  for (Index i = begin; i < end; ++i) {
    const auto first = static_cast<std::size_t>(offsets[i]);
    const auto count = static_cast<std::size_t>(offsets[i + 1] - offsets[i]);
    builder.add_row(columns.subspan(first, count), values.subspan(first, count));
  }
  return builder.finish();
}

}  // namespace

TEST_CASE("interface split: a middle strip of a grid has one interface grid row on each side",
          "[interface-ssor]") {
  const Index m = 6;
  const CsrMatrix a = test::laplacian_2d(m);           // 36 rows, grid rows of 6
  const InterfaceSplit split = split_rows(a, 12, 30);  // grid rows 2, 3, 4 of 0..5
  REQUIRE(split.local_rows() == 18);
  // Interface: grid row 2 (couples to row 1) and grid row 4 (couples to row 5); interior: grid row 3.
  REQUIRE(split.interface_runs.size() == 2);
  CHECK(split.interface_runs[0].begin == 0);
  CHECK(split.interface_runs[0].end == 6);
  CHECK(split.interface_runs[1].begin == 12);
  CHECK(split.interface_runs[1].end == 18);
  REQUIRE(split.interior_runs.size() == 1);
  CHECK(split.interior_runs[0].begin == 6);
  CHECK(split.interior_runs[0].end == 12);
  CHECK(split.interface_rows.size() == 12);
  CHECK(split.is_interface(0));
  CHECK_FALSE(split.is_interface(6));
  // Ghosts: grid rows 1 and 5, i.e. global 6..11 and 30..35, sorted.
  REQUIRE(split.ghost_columns.size() == 12);
  CHECK(split.ghost_columns.front() == 6);
  CHECK(split.ghost_columns.back() == 35);
  // Each interface row keeps exactly one off-process entry (-1), and the diagonal block keeps the rest.
  CHECK(split.off_offsets.size() == 13);
  for (const double v : split.off_values) {
    CHECK(v == -1.0);
  }
  CHECK(split.diagonal_block.nnz() + static_cast<Index>(split.off_values.size()) ==
        a.row_offsets()[30] - a.row_offsets()[12]);
  CHECK(split.diagonal_block.at(0, 0) == 4.0);
  CHECK(split.diagonal_block.at(0, 6) == -1.0);  // global (12, 18): local columns shifted by -12
}

TEST_CASE("interface split: the whole matrix on one rank has no interface rows", "[interface-ssor]") {
  const CsrMatrix a = test::laplacian_2d(5);
  const InterfaceSplit split = split_rows(a, 0, 25);
  CHECK(split.interface_rows.empty());
  CHECK(split.ghost_columns.empty());
  REQUIRE(split.interior_runs.size() == 1);
  CHECK(split.interior_runs[0].end == 25);
}

TEST_CASE("interface split: a missing or extra row is a usage error", "[interface-ssor]") {
  const CsrMatrix a = test::laplacian_2d(3);
  InterfaceSplitBuilder builder(0, 2);
  CHECK_THROWS_AS(builder.finish(), UsageError);  // no row added
  InterfaceSplitBuilder one_row(0, 1);
  const std::vector<Index> columns{0};
  const std::vector<double> values{4.0};
  one_row.add_row(columns, values);
  CHECK_THROWS_AS(one_row.add_row(columns, values), UsageError);  // a second row of a one-row block
}

TEST_CASE("rank colouring: strips alternate two colours, a 2 x 2 box of ranks with corners needs four",
          "[interface-ssor]") {
  // Strips: rank r coupled to r - 1 and r + 1.
  std::vector<std::vector<int>> strips(5);
  for (int r = 0; r + 1 < 5; ++r) {
    strips[r].push_back(r + 1);
    strips[r + 1].push_back(r);
  }
  CHECK(greedy_rank_colouring(strips) == std::vector<int>{0, 1, 0, 1, 0});
  // 2 x 2 boxes with a 9-point stencil: every rank touches every other.
  const std::vector<std::vector<int>> box{{1, 2, 3}, {0, 2, 3}, {0, 1, 3}, {0, 1, 2}};
  CHECK(greedy_rank_colouring(box) == std::vector<int>{0, 1, 2, 3});
  // Isolated ranks share colour 0.
  CHECK(greedy_rank_colouring({{}, {}, {}}) == std::vector<int>{0, 0, 0});
}
