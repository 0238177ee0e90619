#include "adasolve/nlp/problems.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "derivative_check.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::io;

namespace {

/// A deterministic point near x0 that is not special (no zero coordinates, no symmetric values).
std::vector<double> probe_point(const nlp::NlpProblem& p) {
  auto x = p.initial_point();
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] += 0.1 * std::sin(1.0 + 2.0 * static_cast<double>(i)) + 0.05;
  }
  return x;
}

std::vector<double> probe_multipliers(const nlp::NlpProblem& p) {
  std::vector<double> l(static_cast<std::size_t>(p.num_constraints()));
  for (std::size_t i = 0; i < l.size(); ++i) {
    l[i] = 0.7 - 0.3 * static_cast<double>(i);
  }
  return l;
}

}  // namespace

TEST_CASE("every built-in problem has derivatives that match central differences", "[nlp][problems]") {
  const auto names = nlp::builtin_problem_names();
  REQUIRE(names.size() == 24);
  for (const auto& name : names) {
    INFO(name);
    auto p = nlp::make_builtin_problem(name);
    REQUIRE(p != nullptr);
    REQUIRE(p->initial_point().size() == static_cast<std::size_t>(p->num_variables()));
    REQUIRE(p->known_optimum().has_value());
    CHECK(test::max_derivative_error(*p, probe_point(*p), probe_multipliers(*p)) < 1e-6);
  }
}

TEST_CASE("built-in lookup is case-insensitive and unknown names give nullptr", "[nlp][problems]") {
  CHECK(nlp::make_builtin_problem("hs39") != nullptr);
  CHECK(nlp::make_builtin_problem("HS999") == nullptr);
}

TEST_CASE("HS52's known optimum is attained at the published point", "[nlp][problems]") {
  auto p = nlp::make_builtin_problem("HS52");
  const std::vector<double> x{-33.0 / 349, 11.0 / 349, 180.0 / 349, -158.0 / 349, 11.0 / 349};
  double f = 0;
  std::vector<double> c(3);
  REQUIRE(p->objective(x, f));
  REQUIRE(p->constraints(x, c));
  CHECK(f == Approx(p->known_optimum()->value).epsilon(1e-12));
  CHECK(std::abs(c[0]) + std::abs(c[1]) + std::abs(c[2]) < 1e-12);
}

TEST_CASE("PDE control derivatives match central differences", "[nlp][problems]") {
  auto p = nlp::make_pde_control(4);
  CHECK(p->num_variables() == 32);
  CHECK(p->num_constraints() == 16);
  CHECK(test::max_derivative_error(*p, probe_point(*p), probe_multipliers(*p)) < 1e-6);
}

TEST_CASE("logistic regression derivatives match central differences", "[nlp][problems]") {
  ADASOLVE_REQUIRE_SHARED_DATA();
  auto data = read_libsvm((test::shared_data() / "libsvm" / "heart_scale").string());
  binary_labels(data);
  auto p = nlp::make_logistic_regression(std::move(data));
  CHECK(p->num_variables() == 13);
  CHECK(p->num_constraints() == 4);  // r = min(10, floor(13/4)) = 3 rows + the sphere
  CHECK(test::max_derivative_error(*p, probe_point(*p), probe_multipliers(*p)) < 1e-6);
}

TEST_CASE("an evaluation outside the domain is reported, not thrown", "[nlp][problems]") {
  auto p = nlp::make_builtin_problem("HS7");
  double f = 0;
  const std::vector<double> x{1e200, 0.0};  // log(1 + x1^2) overflows
  CHECK_FALSE(p->objective(x, f));
}
