#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "adasolve/linear/pcg.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::linear;
using namespace adasolve::sequence;

namespace {

// Solves one instance with CG and hands the solution back (what the runner does).
std::vector<double> solve_and_advance(InstanceSource& source, const Instance& instance) {
  auto cg = make_cg();
  cg->setup(instance.matrix);
  std::vector<double> x(instance.rhs.size(), 0.0);
  REQUIRE(cg->solve(instance.rhs, x).converged());
  source.advance(x);
  return x;
}

bool same_matrix(const CsrMatrix& a, const CsrMatrix& b) {
  auto eq = [](auto x, auto y) { return std::equal(x.begin(), x.end(), y.begin(), y.end()); };
  return eq(a.row_offsets(), b.row_offsets()) && eq(a.column_indices(), b.column_indices()) &&
         eq(a.values(), b.values());
}

std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("adasolve-sequence-test-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("Poisson sequence: one shared matrix, seeded right-hand sides", "[sources]") {
  auto source = make_poisson_sequence({6, 3, 4});
  CHECK(source->size() == 3u);
  CHECK(source->context_names().empty());
  const Instance a = source->next();
  const Instance b = source->next();
  CHECK(a.matrix == b.matrix);
  CHECK(a.matrix->rows() == 36);
  CHECK(same_matrix(*a.matrix, test::laplacian_2d(6)));
  CHECK(a.rhs != b.rhs);
  auto again = make_poisson_sequence({6, 3, 4});
  CHECK(again->next().rhs == a.rhs);
  auto other_seed = make_poisson_sequence({6, 3, 5});
  CHECK(other_seed->next().rhs != a.rhs);
  source->next();
  CHECK(source->done());
  CHECK_THROWS_AS(make_poisson_sequence({0, 3, 1}), UsageError);
}

TEST_CASE("E1 sequence: context is the shift on the diagonal, resumable by redrawing", "[sources]") {
  ShiftedLaplacianSequenceSettings settings;
  settings.count = 10;
  settings.seed = 42;
  auto source = make_shifted_laplacian_sequence(settings);
  CHECK(source->context_names() == std::vector<std::string>{"shift"});
  CHECK(source->context_range("shift") == std::make_pair(-0.15, 0.65));
  std::vector<Instance> all;
  while (!source->done()) {
    all.push_back(source->next());
    source->advance(std::vector<double>(100, 0.0));
  }
  REQUIRE(all.size() == 10);
  for (const auto& i : all) {
    const double c = i.context.at(0).value;
    CHECK(c >= -0.15);
    CHECK(c <= 0.45);
    CHECK(i.matrix->diagonal(0) == Approx(4.0 + c));
  }
  auto resumed = make_shifted_laplacian_sequence(settings);
  resumed->restore(nlohmann::json::parse(nlohmann::json{{"position", 6}}.dump()));
  CHECK(resumed->position() == 6);
  const Instance seventh = resumed->next();
  CHECK(seventh.index == 6);
  CHECK(seventh.rhs == all[6].rhs);
  CHECK(seventh.context.at(0).value == all[6].context.at(0).value);
}

TEST_CASE("Heat sequence: a trajectory whose state restores bit-exactly", "[sources]") {
  HeatSequenceSettings settings;
  settings.nx = 12;
  settings.steps = 6;
  auto source = make_heat_sequence(settings);
  CHECK(source->context_names() == std::vector<std::string>{"kappa"});
  CHECK(source->context_range("kappa") == std::make_pair(0.0, 10.0));
  for (int k = 0; k < 3; ++k) {
    solve_and_advance(*source, source->next());
  }
  const auto saved = nlohmann::json::parse(source->state().dump());
  const Instance reference = source->next();
  CHECK(reference.index == 3);

  auto resumed = make_heat_sequence(settings);
  resumed->restore(saved);
  CHECK(resumed->position() == 3);
  const Instance again = resumed->next();
  CHECK(again.index == 3);
  CHECK(again.rhs == reference.rhs);  // bit-exact: built from the saved u
  CHECK(same_matrix(*again.matrix, *reference.matrix));
  CHECK(again.context.at(0).value == reference.context.at(0).value);

  // The right-hand side depends on the solution handed back.
  auto other = make_heat_sequence(settings);
  const Instance first = other->next();
  other->advance(std::vector<double>(first.rhs.size(), 0.0));
  auto solved = make_heat_sequence(settings);
  solve_and_advance(*solved, solved->next());
  CHECK(other->next().rhs != solved->next().rhs);

  settings.nx = 1;
  CHECK_THROWS_AS(make_heat_sequence(settings), UsageError);
}

TEST_CASE("Manifest sequence: lazy files, repeated matrices read once, b = A ones by default", "[sources]") {
  const auto dir = fresh_dir("manifest");
  io::write_matrix_market(dir / "A.mtx", test::laplacian_2d(3));
  io::write_matrix_market(dir / "B.mtx", test::laplacian_2d(3, 1.0));
  io::write_matrix_market_vector(dir / "b.mtx", std::vector<double>(9, 2.0));
  std::ofstream(dir / "seq.txt")
      << "# test\nA.mtx b.mtx kappa=0.5\nA.mtx b.mtx kappa=2\nB.mtx b.mtx kappa=1\n";
  auto source = make_manifest_sequence(dir / "seq.txt");
  CHECK(source->size() == 3u);
  CHECK(source->context_names() == std::vector<std::string>{"kappa"});
  CHECK(source->context_range("kappa") == std::make_pair(0.5, 2.0));
  CHECK_FALSE(source->context_range("shift").has_value());
  const Instance first = source->next();
  const Instance second = source->next();
  const Instance third = source->next();
  CHECK(first.matrix == second.matrix);  // same path: not read again
  CHECK(third.matrix != second.matrix);
  CHECK(third.matrix->diagonal(0) == 5.0);
  CHECK(first.rhs == std::vector<double>(9, 2.0));
  CHECK(second.context.at(0).name == "kappa");
  CHECK(second.context.at(0).value == 2.0);
  CHECK(second.origin == (dir / "seq.txt").string() + ":3");
  CHECK(source->done());
  source->restore({{"position", 1}});
  CHECK(source->next().context.at(0).value == 2.0);

  // Without right-hand sides: b = A * ones.
  std::ofstream(dir / "plain.txt") << "A.mtx\n";
  auto plain = make_manifest_sequence(dir / "plain.txt");
  const Instance p = plain->next();
  std::vector<double> expected(9);
  p.matrix->multiply(std::vector<double>(9, 1.0), expected);
  CHECK(p.rhs == expected);
  std::filesystem::remove_all(dir);
}

TEST_CASE("Manifest and glob errors name the file and line", "[sources]") {
  const auto dir = fresh_dir("errors");
  io::write_matrix_market(dir / "A.mtx", test::laplacian_2d(2));
  std::ofstream(dir / "bad.txt") << "A.mtx c=1\nA.mtx c=x\n";
  CHECK_THROWS_WITH(make_manifest_sequence(dir / "bad.txt"), Catch::Contains("bad.txt:2:"));
  std::ofstream(dir / "rect.mtx") << "%%MatrixMarket matrix coordinate real general\n2 3 1\n1 1 1\n";
  std::ofstream(dir / "rect.txt") << "rect.mtx\n";
  auto rect = make_manifest_sequence(dir / "rect.txt");
  CHECK_THROWS_WITH(rect->next(), Catch::Contains("needs square matrices"));
  auto files = make_glob_sequence((dir / "A*.mtx").string());
  CHECK(files->size() == 1u);
  CHECK(files->context_names().empty());
  CHECK(files->next().name == "A");
  std::filesystem::remove_all(dir);
}
