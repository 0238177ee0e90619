// The examples in matrices/ are exactly what the generators produce in-process (and read back bit-exact).
#include <algorithm>
#include <catch2/catch.hpp>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "adasolve/io/sequence_manifest.hpp"
#include "adasolve/pde/heat.hpp"
#include "adasolve/pde/obstacles.hpp"
#include "adasolve/pde/poisson.hpp"
#include "adasolve/pde/shifted_laplacian.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::backend;
using namespace adasolve::pde;

namespace {

std::filesystem::path example(const std::string& name) { return test::source_dir() / "matrices" / name; }

void check_same(const CsrMatrix& a, const CsrMatrix& b) {
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.nnz() == b.nnz());
  CHECK(std::equal(a.row_offsets().begin(), a.row_offsets().end(), b.row_offsets().begin()));
  CHECK(std::equal(a.column_indices().begin(), a.column_indices().end(), b.column_indices().begin()));
  CHECK(std::equal(a.values().begin(), a.values().end(), b.values().begin()));
}

}  // namespace

TEST_CASE("matrices/e1-high-10 is shifted-laplacian --seed 1", "[pde][examples]") {
  ShiftedLaplacianGenerator gen({});
  for (int t = 0; t < 10; ++t) {
    const ShiftedInstance instance = gen.next();
    const std::string number = "000" + std::to_string(t);
    INFO("instance " << t);
    check_same(io::read_matrix_market(example("e1-high-10/A_" + number + ".mtx")), instance.matrix);
    CHECK(io::read_matrix_market_vector(example("e1-high-10/b_" + number + ".mtx")) == instance.rhs);
  }
}

TEST_CASE("matrices/poisson3d-8-sphere is poisson3d --n 8 --obstacle sphere", "[pde][examples]") {
  const GridShape g{8, 8, 8};
  const SolidMask mask = sphere_mask(g);
  check_same(io::read_matrix_market(example("poisson3d-8-sphere/A_0000.mtx")), poisson_3d(g, &mask).matrix);
}

TEST_CASE("matrices/heat-16-5 follows the Crank-Nicolson trajectory", "[pde][examples]") {
  HeatSettings settings;
  settings.nx = 16;
  settings.steps = 5;
  HeatSimulation sim(settings);
  while (!sim.done()) {
    const HeatStep step = sim.current();
    const std::string number = "000" + std::to_string(step.step);
    INFO("step " << step.step);
    const CsrMatrix a = io::read_matrix_market(example("heat-16-5/A_" + number + ".mtx"));
    const auto b = io::read_matrix_market_vector(example("heat-16-5/b_" + number + ".mtx"));
    check_same(a, step.matrix);
    // The file's b was built from a CG solution (rtol 1e-10), ours from the exact one: equal to ~1e-10.
    CHECK(test::relative_difference(b, step.rhs) < 1e-9);
    sim.advance(cholmod_solve(a, b));
  }
}

TEST_CASE("the example manifests read as sequences, in manifest and directory form", "[pde][examples]") {
  const io::SequenceManifest e1 = io::read_sequence_manifest(example("e1-high-10/manifest.txt"));
  REQUIRE(e1.instances.size() == 10);
  CHECK(e1.context_names == std::vector<std::string>{"shift"});
  CHECK(e1.has_rhs());
  ShiftedLaplacianGenerator gen({});
  for (const auto& instance : e1.instances) {
    CHECK(instance.context.at(0) == gen.next().shift);  // written with the shortest exact decimal
  }
  const io::SequenceManifest heat = io::read_sequence_manifest(example("heat-16-5/manifest.txt"));
  REQUIRE(heat.instances.size() == 5);
  CHECK(heat.context_names == std::vector<std::string>{"kappa"});
  CHECK(heat.instances[3].context.at(0) == heat_kappa(0.003));
  const io::SequenceManifest folder = io::list_sequence_directory(example("heat-16-5").string());
  REQUIRE(folder.instances.size() == 5);
  CHECK(folder.instances[4].matrix.filename() == "A_0004.mtx");
  CHECK(folder.instances[4].rhs.filename() == "b_0004.mtx");
}
