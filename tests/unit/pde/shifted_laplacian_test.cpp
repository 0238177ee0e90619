#include "adasolve/pde/shifted_laplacian.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::pde;

namespace {

double norm(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) {
    s += x * x;
  }
  return std::sqrt(s);
}

}  // namespace

TEST_CASE("E1 instances are the 10 x 10 Laplacian plus c I", "[pde][e1]") {
  ShiftedLaplacianGenerator gen({});
  const CsrMatrix laplacian = test::laplacian_2d(10);
  REQUIRE(gen.base_matrix().rows() == 100);
  for (int t = 0; t < 5; ++t) {
    const ShiftedInstance inst = gen.next();
    REQUIRE(inst.matrix.nnz() == laplacian.nnz());
    for (Index i = 0; i < 100; ++i) {
      CHECK(inst.matrix.at(i, i) == Approx(4.0 + inst.shift).epsilon(1e-15));
      if (i + 1 < 100) {
        CHECK(inst.matrix.at(i, i + 1) == laplacian.at(i, i + 1));
      }
    }
    CHECK(inst.matrix.is_numerically_symmetric());
    CHECK(inst.rhs.size() == 100);
  }
}

TEST_CASE("E1 shift statistics match -0.15 + 0.6 Beta(alpha, beta)", "[pde][e1]") {
  struct Case {
    ShiftDistribution distribution;
    double alpha, beta;  // relax.md 7.1: high variance Beta(0.5, 1.5), low variance Beta(2, 6)
  };
  for (const Case& test_case :
       {Case{ShiftDistribution::high_variance, 0.5, 1.5}, Case{ShiftDistribution::low_variance, 2.0, 6.0}}) {
    const ShiftDistribution distribution = test_case.distribution;
    const double alpha = test_case.alpha, beta = test_case.beta;
    CHECK(beta_parameters(distribution) == std::pair{alpha, beta});
    ShiftedLaplacianSettings settings;
    settings.distribution = distribution;
    settings.seed = 11;
    ShiftedLaplacianGenerator gen(settings);
    const double mean_beta = alpha / (alpha + beta);
    const double var_beta = alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1.0));
    const int draws = 4000;
    double sum = 0.0, sum2 = 0.0, min_c = 1e300, max_c = -1e300;
    for (int t = 0; t < draws; ++t) {
      const double c = gen.next().shift;
      sum += c;
      sum2 += c * c;
      min_c = std::min(min_c, c);
      max_c = std::max(max_c, c);
    }
    const double mean = sum / draws;
    const double variance = sum2 / draws - mean * mean;
    INFO("distribution " << to_string(distribution));
    // Standard error of the mean is 0.6 sqrt(var_beta / draws) <= 0.0024: allow 4 of them.
    CHECK(std::abs(mean - (-0.15 + 0.6 * mean_beta)) < 4.0 * 0.6 * std::sqrt(var_beta / draws));
    // The two distributions have the same mean (1/4) but variances 0.0625 vs 0.0208: check it within 10%.
    CHECK(variance == Approx(0.36 * var_beta).epsilon(0.10));
    CHECK(min_c >= -0.15);
    CHECK(max_c <= 0.45);
  }
}

TEST_CASE("E1 right-hand sides are truncated Gaussians: ||b|| <= sqrt(n)", "[pde][e1]") {
  ShiftedLaplacianGenerator gen({});
  double mean_square = 0.0;
  const int draws = 500;
  for (int t = 0; t < draws; ++t) {
    const auto b = gen.next().rhs;
    REQUIRE(norm(b) <= 10.0);
    mean_square += norm(b) * norm(b) / 100.0 / draws;
  }
  // E ||b||^2 / n under N(0, I) conditioned on ||b||^2 <= n is about 0.9 for n = 100 (not a tiny or constant
  // b).
  CHECK(mean_square > 0.8);
  CHECK(mean_square < 1.0);
}

TEST_CASE("E1: the same seed gives the same sequence, another seed another one", "[pde][e1]") {
  ShiftedLaplacianSettings a_settings;
  a_settings.seed = 42;
  ShiftedLaplacianSettings c_settings = a_settings;
  c_settings.seed = 43;
  ShiftedLaplacianGenerator a(a_settings), b(a_settings), c(c_settings);
  bool any_difference = false;
  for (int t = 0; t < 20; ++t) {
    const auto ia = a.next();
    const auto ib = b.next();
    const auto ic = c.next();
    CHECK(ia.shift == ib.shift);
    CHECK(ia.rhs == ib.rhs);
    any_difference = any_difference || ia.shift != ic.shift;
  }
  CHECK(any_difference);
}

TEST_CASE("E1 settings and names are validated", "[pde][e1]") {
  CHECK(shift_distribution_from_name("high") == ShiftDistribution::high_variance);
  CHECK(shift_distribution_from_name("low") == ShiftDistribution::low_variance);
  CHECK_THROWS_WITH(shift_distribution_from_name("medium"), "distribution must be high or low, got 'medium'");
  ShiftedLaplacianSettings bad;
  bad.m = 0;
  CHECK_THROWS_AS(ShiftedLaplacianGenerator(bad), UsageError);
}
