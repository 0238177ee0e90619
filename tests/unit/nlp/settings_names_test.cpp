// The parsers of AdaSketchSettings' enums invert to_string, and a wrong name is refused naming the key.
#include <catch2/catch.hpp>

#include "adasolve/core/error.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"

using namespace adasolve;

TEST_CASE("nlp: every settings enum parses its own names back", "[nlp][settings]") {
  for (auto v : {nlp::InnerSolver::automatic, nlp::InnerSolver::minres_cholmod, nlp::InnerSolver::sketch,
                 nlp::InnerSolver::direct}) {
    CHECK(nlp::parse_inner_solver(nlp::to_string(v)) == v);
  }
  for (auto v : {nlp::AccuracyRule::adaptive, nlp::AccuracyRule::paper}) {
    CHECK(nlp::parse_accuracy_rule(nlp::to_string(v)) == v);
  }
  for (auto v : {nlp::MeritHessian::lagrangian, nlp::MeritHessian::objective}) {
    CHECK(nlp::parse_merit_hessian(nlp::to_string(v)) == v);
  }
  for (auto v : {nlp::ScalingRule::gradient, nlp::ScalingRule::none}) {
    CHECK(nlp::parse_scaling_rule(nlp::to_string(v)) == v);
  }
  for (auto v : {nlp::MeritUpdate::direct, nlp::MeritUpdate::paper}) {
    CHECK(nlp::parse_merit_update(nlp::to_string(v)) == v);
  }
}

TEST_CASE("nlp: a wrong enum name is refused with the setting key and the names", "[nlp][settings]") {
  CHECK_THROWS_WITH(nlp::parse_inner_solver("lu"),
                    "inner must be auto, minres-cholmod, sketch or direct, got 'lu'");
  CHECK_THROWS_WITH(nlp::parse_merit_update("fast"), "merit_update must be direct or paper, got 'fast'");
  CHECK_THROWS_AS(nlp::parse_scaling_rule(""), UsageError);
}

TEST_CASE("nlp: inner = auto is direct up to auto_direct_max_rows and minres-cholmod above",
          "[nlp][settings]") {
  nlp::AdaSketchSettings s;
  CHECK(s.inner == nlp::InnerSolver::automatic);
  s.auto_direct_max_rows = 1000;
  CHECK(nlp::resolved_inner_solver(s, 1000) == nlp::InnerSolver::direct);
  CHECK(nlp::resolved_inner_solver(s, 1001) == nlp::InnerSolver::minres_cholmod);
  s.inner = nlp::InnerSolver::sketch;  // an explicit choice is kept at any size
  CHECK(nlp::resolved_inner_solver(s, 1) == nlp::InnerSolver::sketch);
  CHECK(nlp::resolved_inner_solver(s, 1000000) == nlp::InnerSolver::sketch);
}
