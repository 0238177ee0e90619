#include "adasolve/nlp/nl_file.hpp"

#include <catch2/catch.hpp>

#include "adasolve/core/error.hpp"
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

TEST_CASE("a J segment naming a variable beyond the header's count is refused naming the file", "[nlp][nl]") {
  // A fuzzing finding: bt5.nl mutated so that constraint 1's J segment names variable 4 of 3. The ASL reads
  // it without complaint; the old reader then failed building the Jacobian with a message that named no
  // file, and every evaluation would have written outside its arrays.
  const auto path =
      (test::source_dir() / "tests" / "unit" / "nlp" / "data" / "j_segment_variable_outside.nl").string();
  try {
    nlp::load_nl_problem(path);
    FAIL("accepted");
  } catch (const InputError& e) {
    const std::string message = e.what();
    CHECK(message.rfind(path, 0) == 0);
    CHECK(message.find("J segment of constraint 1 names variable 4, outside the 3 variables") !=
          std::string::npos);
  }
}

TEST_CASE("header counts beyond the totals of line 2 are refused before the ASL reads the file",
          "[nlp][nl]") {
  // A fuzzing finding: hs061.nl with 4 nonlinear variables of 3 on line 5. The ASL sized its arrays by one
  // count and copied by the other: the old reader crashed with a corrupted heap on the first evaluation.
  const auto path =
      (test::source_dir() / "tests" / "unit" / "nlp" / "data" / "nonlinear_variables_beyond_n.nl").string();
  try {
    nlp::load_nl_problem(path);
    FAIL("accepted");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == path + ":5: 4 nonlinear variables, more than the 3 variables of line 2");
  }
}

TEST_CASE("an evaluation error inside the ASL's Hessian is a false return, not the end of the program",
          "[nlp][nl]") {
  // A fuzzing finding: at this file's start point the ASL's sphes meets a derivative it cannot evaluate and
  // called exit(1) (sphes has no nerror argument); lagrangian_hessian now sets err_jmp around it.
  const auto path =
      (test::source_dir() / "tests" / "unit" / "nlp" / "data" / "hessian_evaluation_error.nl").string();
  auto p = nlp::load_nl_problem(path);
  CsrMatrix h;
  CHECK_FALSE(p->lagrangian_hessian(p->initial_point(), 1.0, p->initial_multipliers(), h));
}
