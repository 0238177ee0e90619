#include "adasolve/io/libsvm.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "adasolve/core/error.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::io;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("adasolve_libsvm_" + name);
  std::ofstream(path) << text;
  return path.string();
}

std::string error_of(const std::string& text) {
  try {
    read_libsvm(write_temp("bad", text));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("LIBSVM reader builds the sparse matrix and maps any two labels to -1/+1", "[io][libsvm]") {
  auto d = read_libsvm(write_temp("ok", "4 1:0.5 3:2\n\n2 2:-1 # comment\n4 3:1e-3\n"));
  CHECK(d.features.rows() == 3);
  CHECK(d.features.cols() == 3);
  CHECK(d.features.at(0, 2) == 2.0);
  CHECK(d.features.at(1, 1) == -1.0);
  binary_labels(d);
  CHECK(d.labels == std::vector<double>{1.0, -1.0, 1.0});
}

TEST_CASE("LIBSVM reader rejects malformed lines with file:line", "[io][libsvm]") {
  CHECK_THAT(error_of("+1 1:1\nx 1:1\n"), Catch::Contains(":2: label 'x' is not a number"));
  CHECK_THAT(error_of("+1 1:1 1:2\n"), Catch::Contains(":1: feature indices must be strictly increasing"));
  CHECK_THAT(error_of("+1 0:1\n"), Catch::Contains(":1: feature index '0' is not a positive integer"));
  CHECK_THAT(error_of("+1 1=1\n"), Catch::Contains(":1: expected index:value"));
  CHECK_THAT(error_of("+1 1:abc\n"), Catch::Contains(":1: value 'abc' is not a finite number"));
  CHECK_THAT(error_of("\n\n"), Catch::Contains("no samples"));
  auto one_class = read_libsvm(write_temp("one", "1 1:1\n1 1:2\n"));
  CHECK_THROWS_AS(binary_labels(one_class), InputError);
}
