#include "adasolve/nlp/nl_file.hpp"

#include <catch2/catch.hpp>

#include "adasolve/nlp/merit.hpp"
#include "test_support.hpp"

using namespace adasolve;

TEST_CASE("AMPL's initial duals become lambda = -pi (Ipopt's sign convention)", "[nlp][nl]") {
  // hs039 with x0 = x* = (1, 1, 0, 0) and AMPL's optimal duals pi = (1, 1) in its d segment. AMPL's duals
  // belong to f - pi^T c; with L = f + lambda^T c the point is a KKT point only for lambda = -pi.
  const auto path =
      (test::source_dir() / "tests" / "unit" / "nlp" / "data" / "hs039_at_solution.nl").string();
  auto p = nlp::load_nl_problem(path);
  const auto lambda0 = p->initial_multipliers();
  REQUIRE(lambda0.size() == 2);
  CHECK(lambda0[0] == -1.0);
  CHECK(lambda0[1] == -1.0);
  nlp::EvaluatedPoint at;
  REQUIRE(nlp::evaluate_point(*p, p->initial_point(), lambda0, at));
  CHECK(at.kkt_residual() <= 1e-12);
}
