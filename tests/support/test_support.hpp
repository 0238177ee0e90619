#pragma once
// Helpers shared by the test binaries: the shared-data folder, small SPD matrices, seeded vectors.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::test {

/// ../shared/data as configured by CMake (ADASOLVE_SHARED_DATA).
inline std::filesystem::path shared_data() { return std::filesystem::path(ADASOLVE_SHARED_DATA); }
/// True under continuous integration (ADASOLVE_CI or CI set and not "0"/"false").
inline bool in_ci() {
  for (const char* name : {"ADASOLVE_CI", "CI"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0' && std::string_view(value) != "0" &&
        std::string_view(value) != "false") {
      return true;
    }
  }
  return false;
}
inline bool have_shared_data() { return std::filesystem::is_directory(shared_data() / "matrices"); }
inline std::filesystem::path source_dir() { return std::filesystem::path(ADASOLVE_SOURCE_DIR); }
inline std::filesystem::path binary_dir() { return std::filesystem::path(ADASOLVE_BINARY_DIR); }

/// 5-point Laplacian on an m x m interior grid (n = m^2, diagonal 4, off-diagonals -1), plus shift * I.
inline CsrMatrix laplacian_2d(Index m, double shift = 0.0) {
  std::vector<Triplet> t;
  auto id = [m](Index i, Index j) { return i * m + j; };
  for (Index i = 0; i < m; ++i) {
    for (Index j = 0; j < m; ++j) {
      t.push_back({id(i, j), id(i, j), 4.0 + shift});
      if (i > 0)
        t.push_back({id(i, j), id(i - 1, j), -1.0});
      if (i + 1 < m)
        t.push_back({id(i, j), id(i + 1, j), -1.0});
      if (j > 0)
        t.push_back({id(i, j), id(i, j - 1), -1.0});
      if (j + 1 < m)
        t.push_back({id(i, j), id(i, j + 1), -1.0});
    }
  }
  return CsrMatrix::from_triplets(m * m, m * m, t);
}

/// Fixed-seed standard Gaussian vector.
inline std::vector<double> gaussian_vector(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<double> v(n);
  for (auto& x : v)
    x = normal(rng);
  return v;
}

/// ||a - b||_2 / ||b||_2
inline double relative_difference(const std::vector<double>& a, const std::vector<double>& b) {
  double num = 0.0, den = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    num += (a[i] - b[i]) * (a[i] - b[i]);
    den += b[i] * b[i];
  }
  return den > 0 ? std::sqrt(num / den) : std::sqrt(num);
}

}  // namespace adasolve::test

/// Use at the top of a test that reads ../shared/data: it is skipped, with a visible message, without it
/// on a developer's machine, and fails in CI (ADASOLVE_CI or CI set, as .ci/test does): there a missing
/// folder is a broken setup, never a pass.
#define ADASOLVE_REQUIRE_SHARED_DATA()                                                               \
  do {                                                                                               \
    if (!::adasolve::test::have_shared_data()) {                                                     \
      if (::adasolve::test::in_ci()) {                                                               \
        FAIL("shared data folder not found at " << ::adasolve::test::shared_data().string()          \
                                                << " (required in CI)");                             \
      }                                                                                              \
      WARN("SKIPPED: shared data folder not found at " << ::adasolve::test::shared_data().string()); \
      return;                                                                                        \
    }                                                                                                \
  } while (false)
