// The PETSc binary sequence source: instance k = k-th matrix with k-th vector, the three ways of giving
// right-hand sides, resume, a manifest line naming a binary file, and mismatched files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "adasolve/core/error.hpp"
#include "adasolve/io/petsc_binary.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::sequence;

namespace {

std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("adasolve-binary-sequence-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Three shifted Laplacians (m = 4) and three seeded right-hand sides.
struct Dump {
  std::vector<CsrMatrix> matrices;
  std::vector<std::vector<double>> rhs;
  Dump() {
    for (int k = 0; k < 3; ++k) {
      matrices.push_back(test::laplacian_2d(4, 0.1 * k));
      rhs.push_back(test::gaussian_vector(16, static_cast<unsigned>(k + 1)));
    }
  }
};

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("petsc binary sequence: the k-th matrix with the k-th vector of a second file", "[sequence]") {
  const Dump dump;
  const auto dir = scratch("two-files");
  io::PetscBinaryWriter a(dir / "A.bin");
  io::PetscBinaryWriter b(dir / "b.bin");
  for (int k = 0; k < 3; ++k) {
    a.write(dump.matrices[k]);
    b.write(dump.rhs[k]);
  }
  a.close();
  b.close();

  auto source = make_petsc_binary_sequence(dir / "A.bin", dir / "b.bin");
  CHECK(source->size() == 3U);
  CHECK(source->context_names().empty());
  for (int k = 0; k < 3; ++k) {
    REQUIRE_FALSE(source->done());
    const Instance instance = source->next();
    CHECK(instance.index == static_cast<std::size_t>(k));
    CHECK(instance.name == "A-" + std::to_string(k + 1));
    CHECK(instance.origin == (dir / "A.bin").string() + ": matrix " + std::to_string(k + 1));
    CHECK(instance.matrix->at(0, 0) == dump.matrices[k].at(0, 0));
    CHECK(instance.rhs == dump.rhs[k]);
    source->advance({});
  }
  CHECK(source->done());

  // Resume at instance 2 on a fresh source.
  auto resumed = make_petsc_binary_sequence(dir / "A.bin", dir / "b.bin");
  resumed->restore(nlohmann::json{{"position", 2}});
  CHECK(resumed->next().rhs == dump.rhs[2]);
  CHECK_THROWS_AS(resumed->restore(nlohmann::json{{"position", 4}}), InputError);
}

TEST_CASE("petsc binary sequence: vectors of the same file, or b = A * ones without any", "[sequence]") {
  const Dump dump;
  const auto dir = scratch("one-file");
  io::PetscBinaryWriter both(dir / "both.bin");  // -ksp_view_mat and -ksp_view_rhs on one viewer
  io::PetscBinaryWriter only(dir / "only.bin");
  for (int k = 0; k < 3; ++k) {
    both.write(dump.matrices[k]);
    both.write(dump.rhs[k]);
    only.write(dump.matrices[k]);
  }
  both.close();
  only.close();

  auto interleaved = make_petsc_binary_sequence(dir / "both.bin");
  for (int k = 0; k < 3; ++k) {
    CHECK(interleaved->next().rhs == dump.rhs[k]);
  }
  auto ones = make_petsc_binary_sequence(dir / "only.bin");
  const Instance first = ones->next();
  std::vector<double> expected(16);
  first.matrix->multiply(std::vector<double>(16, 1.0), expected);
  CHECK(first.rhs == expected);
}

TEST_CASE("petsc binary sequence: counts and lengths that do not pair up are refused in one line",
          "[sequence]") {
  const Dump dump;
  const auto dir = scratch("mismatch");
  {
    io::PetscBinaryWriter a(dir / "A.bin");
    io::PetscBinaryWriter b(dir / "b.bin");
    for (int k = 0; k < 3; ++k) {
      a.write(dump.matrices[k]);
    }
    b.write(dump.rhs[0]);
    b.write(dump.rhs[1]);
    a.close();
    b.close();
    io::write_petsc_binary_vector(dir / "short.bin", std::vector<double>(5, 1.0));
  }
  const auto a = (dir / "A.bin").string();
  const auto b = (dir / "b.bin").string();
  CHECK(error_of([&] { make_petsc_binary_sequence(a, b); }) ==
        b + ": holds 2 right-hand-side vectors, but " + a +
            " holds 3 matrices: the k-th matrix is solved with the "
            "k-th vector");
  CHECK(error_of([&] { make_petsc_binary_sequence(b); }) == b + ": holds no matrix, only 2 vectors");

  // One matrix of 16 rows with a vector of 5.
  io::write_petsc_binary(dir / "one.bin", dump.matrices[0]);
  const auto one = (dir / "one.bin").string();
  const auto short_rhs = (dir / "short.bin").string();
  auto source = make_petsc_binary_sequence(one, short_rhs);
  CHECK(error_of([&] { source->next(); }) ==
        short_rhs + ": vector 1 has 5 entries, matrix 1 of " + one + " has 16 rows");

  // A rectangular matrix is no system.
  io::write_petsc_binary(dir / "wide.bin", CsrMatrix::from_triplets(2, 3, std::vector<Triplet>{{0, 0, 1.0}}));
  auto wide = make_petsc_binary_sequence(dir / "wide.bin");
  CHECK(error_of([&] { wide->next(); }) ==
        (dir / "wide.bin").string() + ": matrix 1: the sequence needs square matrices, this one is 2 x 3");
}

TEST_CASE("petsc binary sequence: a manifest line may name a binary file of one matrix and one vector",
          "[sequence]") {
  const Dump dump;
  const auto dir = scratch("manifest");
  io::write_petsc_binary(dir / "A_1.bin", dump.matrices[1]);
  io::write_petsc_binary_vector(dir / "b_1.bin", dump.rhs[1]);
  {
    io::PetscBinaryWriter two(dir / "two.bin");
    two.write(dump.matrices[0]);
    two.write(dump.matrices[1]);
    two.close();
  }
  std::ofstream(dir / "good.txt") << "A_1.bin b_1.bin shift=0.1\n";
  std::ofstream(dir / "two.txt") << "two.bin\n";
  auto source = make_manifest_sequence(dir / "good.txt");
  const Instance instance = source->next();
  CHECK(instance.matrix->at(0, 0) == dump.matrices[1].at(0, 0));
  CHECK(instance.rhs == dump.rhs[1]);
  auto two = make_manifest_sequence(dir / "two.txt");
  CHECK(error_of([&] { two->next(); }) == (dir / "two.bin").string() +
                                              ": holds 2 matrices, not one: a sequence of systems in one "
                                              "file is read as a PETSc binary sequence");
}
