#include "adasolve/nlp/sketch.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <random>

#include "adasolve/core/vector_ops.hpp"
#include "test_support.hpp"

using namespace adasolve;

namespace {

/// [[B, G^T], [G, 0]] with B = 2D Laplacian (4 x 4 grid, n = 16) and G = rows picking pairs of variables.
CsrMatrix small_kkt() {
  const CsrMatrix b = test::laplacian_2d(4);
  std::vector<Triplet> t;
  for (Index i = 0; i < 16; ++i) {
    for (Index p = b.row_offsets()[i]; p < b.row_offsets()[i + 1]; ++p) {
      t.push_back({i, b.column_indices()[p], b.values()[p]});
    }
  }
  for (Index r = 0; r < 5; ++r) {  // constraint r: x_{3r} - 2 x_{3r+1} + 0.5 x_{3r+2}
    const Index row = 16 + r;
    const std::pair<Index, double> entries[] = {{3 * r, 1.0}, {3 * r + 1, -2.0}, {3 * r + 2, 0.5}};
    for (auto [j, v] : entries) {
      t.push_back({row, j, v});
      t.push_back({j, row, v});
    }
  }
  return CsrMatrix::from_triplets(21, 21, t);
}

double solve_relative_residual(const CsrMatrix& k, Index primal, nlp::SketchKind kind, double rtol,
                               long* steps) {
  auto kp = std::make_shared<const CsrMatrix>(k);
  nlp::SketchSettings s;
  s.kind = kind;
  s.block_size = 4;
  s.max_steps = 2000000;
  std::mt19937_64 rng(2023);
  nlp::SketchProjectSolver solver(kp, primal, s, rng);
  const auto b = test::gaussian_vector(static_cast<std::size_t>(k.rows()), 5);
  solver.reset(b);
  const double bn = vec::norm2(b);
  const auto run = solver.run([&](std::span<const double> r) { return vec::norm2(r) <= rtol * bn; });
  *steps = run.steps;
  CHECK_FALSE(run.capped);
  std::vector<double> r(b.size());
  const auto z = solver.solution();
  k.residual(b, std::vector<double>(z.begin(), z.end()), r);
  return vec::norm2(r) / bn;
}

const nlp::SketchKind kAll[] = {nlp::SketchKind::gaussian,         nlp::SketchKind::kaczmarz,
                                nlp::SketchKind::kaczmarz_rownorm, nlp::SketchKind::block_gaussian,
                                nlp::SketchKind::block_kaczmarz,   nlp::SketchKind::preconditioned};

}  // namespace

TEST_CASE("every sketch solves a small SPD system to the requested accuracy", "[nlp][sketch]") {
  const CsrMatrix a = test::laplacian_2d(4);
  for (auto kind : kAll) {
    INFO(nlp::to_string(kind));
    long steps = 0;
    // primal_size = n: the whole matrix is the (1,1) block (no constraints)
    CHECK(solve_relative_residual(a, a.rows(), kind, 1e-8, &steps) <= 1e-8);
    CHECK(steps > 0);
  }
}

TEST_CASE("every sketch solves a small KKT system to the requested accuracy", "[nlp][sketch]") {
  const CsrMatrix k = small_kkt();
  for (auto kind : kAll) {
    INFO(nlp::to_string(kind));
    long steps = 0;
    CHECK(solve_relative_residual(k, 16, kind, 1e-8, &steps) <= 1e-8);
  }
}

TEST_CASE("the preconditioned sketch needs few steps where uniform Kaczmarz needs many", "[nlp][sketch]") {
  const CsrMatrix k = small_kkt();
  long pre = 0, rk = 0;
  solve_relative_residual(k, 16, nlp::SketchKind::preconditioned, 1e-8, &pre);
  solve_relative_residual(k, 16, nlp::SketchKind::kaczmarz, 1e-8, &rk);
  CHECK(pre <= 21 * 2);
  CHECK(rk > 10 * pre);
}

TEST_CASE("sketch names round-trip and bad settings are rejected", "[nlp][sketch]") {
  for (auto kind : kAll) {
    CHECK(nlp::parse_sketch_kind(nlp::to_string(kind)) == kind);
  }
  CHECK_THROWS(nlp::parse_sketch_kind("count"));
  nlp::SketchSettings s;
  s.block_size = 0;
  CHECK_THROWS(s.validate());
}
