// Scaling, the merit-parameter update and unit steps near a solution (#17).
#include <catch2/catch.hpp>
#include <cmath>

#include "adasolve/nlp/adasketch_newton.hpp"
#include "adasolve/nlp/nl_file.hpp"
#include "adasolve/nlp/problems.hpp"
#include "adasolve/nlp/scaling.hpp"
#include "test_support.hpp"

using namespace adasolve;

namespace {

/// A problem started from another (x0, lambda0).
class StartedAt final : public nlp::NlpProblem {
 public:
  StartedAt(std::unique_ptr<nlp::NlpProblem> p, std::vector<double> x0, std::vector<double> l0)
      : p_(std::move(p)), x0_(std::move(x0)), l0_(std::move(l0)) {}
  std::string name() const override { return p_->name(); }
  Index num_variables() const override { return p_->num_variables(); }
  Index num_constraints() const override { return p_->num_constraints(); }
  std::vector<double> initial_point() const override { return x0_; }
  std::vector<double> initial_multipliers() const override { return l0_; }
  bool objective(std::span<const double> x, double& f) override { return p_->objective(x, f); }
  bool gradient(std::span<const double> x, std::span<double> g) override { return p_->gradient(x, g); }
  bool constraints(std::span<const double> x, std::span<double> c) override { return p_->constraints(x, c); }
  bool jacobian(std::span<const double> x, CsrMatrix& g) override { return p_->jacobian(x, g); }
  bool lagrangian_hessian(std::span<const double> x, double sigma, std::span<const double> l,
                          CsrMatrix& h) override {
    return p_->lagrangian_hessian(x, sigma, l, h);
  }

 private:
  std::unique_ptr<nlp::NlpProblem> p_;
  std::vector<double> x0_, l0_;
};

/// The built-in problem `name` solved with the default settings and with `without` (the defaults less one
/// mechanism), each from its own fresh copy of the problem.
std::pair<nlp::NlpResult, nlp::NlpResult> solve_with_and_without(const std::string& name,
                                                                 const nlp::AdaSketchSettings& without) {
  auto p = nlp::make_builtin_problem(name);
  auto q = nlp::make_builtin_problem(name);
  return {nlp::AdaSketchNewton(nlp::AdaSketchSettings{}).solve(*p), nlp::AdaSketchNewton(without).solve(*q)};
}

}  // namespace

TEST_CASE("scaling does not change the answer on the HS set", "[nlp][scaling]") {
  nlp::AdaSketchSettings scaled, unscaled;
  unscaled.scaling = nlp::ScalingRule::none;
  int actually_scaled = 0;
  for (const auto& name : nlp::builtin_problem_names()) {
    INFO(name);
    auto p = nlp::make_builtin_problem(name);
    auto q = nlp::make_builtin_problem(name);
    const auto a = nlp::AdaSketchNewton(scaled).solve(*p);
    const auto b = nlp::AdaSketchNewton(unscaled).solve(*q);
    actually_scaled += a.objective_scale < 1.0 || a.min_constraint_scale < 1.0 ? 1 : 0;
    CHECK(b.objective_scale == 1.0);
    CHECK(a.status == nlp::NlpStatus::solved);
    CHECK(b.status == nlp::NlpStatus::solved);
    // the residual is the unscaled one in both runs
    CHECK(a.kkt_residual <= 1e-6);
    const double fstar = p->known_optimum()->value;
    if (p->known_optimum()->unique) {
      CHECK(std::abs(a.objective - fstar) <= 1e-6 * (1.0 + std::abs(fstar)));
      CHECK(std::abs(a.objective - b.objective) <= 1e-6 * (1.0 + std::abs(fstar)));
    }
  }
  CHECK(actually_scaled >= 3);  // the comparison means something only where the factors are not 1
}

TEST_CASE("gradient-based scaling: factors and multipliers as Ipopt defines them", "[nlp][scaling]") {
  // HS100LNP at x0: grad f = (2(x1-10), 10(x2-12), 4 x3^3, 6(x4-11), 60 x5^5, 14 x6 - 4 x7 - 10, 4 x7^3 - 4
  // x6 - 8) = (-18, -100, 0, -42, 0, 0, -8): ||.||_inf = 100, not above g_max: s_f = 1. c1 = 127 - 2 x1^2 - 3
  // x2^4
  // - x3 - 4 x4^2 - 5 x5: row (-4, -96, -1, -32, -5, 0, 0), s_1 = 1; with g_max = 10: s_f = 0.1, s_1 = 10/96.
  auto p = nlp::make_builtin_problem("HS100LNP");
  const auto x0 = p->initial_point();
  const auto f1 = nlp::gradient_based_scaling(*p, x0);
  CHECK(f1.objective == 1.0);
  const auto f = nlp::gradient_based_scaling(*p, x0, 10.0);
  CHECK(f.objective == Approx(0.1));
  CHECK(f.constraints[0] == Approx(10.0 / 96.0));
  nlp::ScaledProblem sp(*p, f);
  // lambda~ = s_f lambda / s and back
  const std::vector<double> l{2.0, -3.0};
  const auto back = sp.unscaled_multipliers(
      std::vector<double>{l[0] * 0.1 / f.constraints[0], l[1] * 0.1 / f.constraints[1]});
  CHECK(back[0] == Approx(2.0));
  CHECK(back[1] == Approx(-3.0));
}

TEST_CASE("the direct merit update gives sufficient descent at once where mu = 1 does not", "[nlp][merit]") {
  // HS40 at x0: the exact Newton step is not a sufficient descent direction of the merit with mu0 = 1 (the
  // paper's rule needs a re-solve with mu = rho^2); the direct rule sets mu once and the slope meets the
  // descent test.
  auto first = [](nlp::MeritUpdate rule) {
    nlp::AdaSketchSettings s;
    s.merit_update = rule;
    s.inner = nlp::InnerSolver::direct;
    s.least_squares_multipliers = false;  // the paper's start, lambda0 = 0
    auto p = nlp::make_builtin_problem("HS40");
    nlp::AdaSketchNewton solver(s);
    std::vector<nlp::OuterIteration> its;
    solver.add_monitor([&](const nlp::OuterIteration& it) { its.push_back(it); });
    const auto r = solver.solve(*p);
    CHECK(r.status == nlp::NlpStatus::solved);
    REQUIRE_FALSE(its.empty());
    return its.front();
  };
  const auto paper = first(nlp::MeritUpdate::paper);
  const auto direct = first(nlp::MeritUpdate::direct);
  CHECK(paper.descent_resolves >= 1);  // mu = 1 was not a sufficient descent
  CHECK(direct.descent_resolves == 0);
  CHECK(direct.mu > 1.0);
  CHECK(direct.merit_slope <= direct.required_slope);
}

TEST_CASE("with the direct rule every step of the HS set is a sufficient descent direction", "[nlp][merit]") {
  for (const auto& name : nlp::builtin_problem_names()) {
    INFO(name);
    auto p = nlp::make_builtin_problem(name);
    nlp::AdaSketchNewton solver;
    int k = 0, bad = 0;
    solver.add_monitor([&](const nlp::OuterIteration& it) {
      ++k;
      bad += it.merit_slope <= it.required_slope ? 0 : 1;
    });
    const auto r = solver.solve(*p);
    CHECK(r.status == nlp::NlpStatus::solved);
    CHECK(k > 0);
    CHECK(bad == 0);
  }
}

TEST_CASE("MARATOS: the unit step is accepted near the solution", "[nlp][merit][maratos]") {
  // On the circle near x* = (1, 0) with lambda* = -9.5, the Newton step raises both f and ||c|| (the Maratos
  // effect that makes an l1 merit reject it). The exact augmented Lagrangian accepts alpha = 1.
  for (double theta : {0.05, 0.02, 0.01}) {
    INFO("theta " << theta);
    auto p = std::make_unique<StartedAt>(nlp::make_builtin_problem("MARATOS"),
                                         std::vector<double>{std::cos(theta), std::sin(theta)},
                                         std::vector<double>{-9.5});
    nlp::AdaSketchSettings s;
    s.inner = nlp::InnerSolver::direct;
    nlp::AdaSketchNewton solver(s);
    std::vector<double> steps;
    solver.add_monitor([&](const nlp::OuterIteration& it) { steps.push_back(it.step_size); });
    const auto r = solver.solve(*p);
    CHECK(r.status == nlp::NlpStatus::solved);
    REQUIRE_FALSE(steps.empty());
    for (double a : steps) {
      CHECK(a == 1.0);
    }
  }
}

TEST_CASE("the second-order correction takes corrected steps on HS6 and saves outer iterations",
          "[nlp][soc]") {
  // HS6's constraint 10 (x2 - x1^2) = 0 is curved: from x0 = (-1.2, 1) full Newton steps raise ||c|| and the
  // merit, and the line search cuts them; the correction of the same KKT system with c(x) + c(x + dx)
  // removes the second-order error and is accepted at alpha = 1.
  nlp::AdaSketchSettings without;
  without.second_order_correction = false;
  const auto [a, b] = solve_with_and_without("HS6", without);
  REQUIRE(a.status == nlp::NlpStatus::solved);
  REQUIRE(b.status == nlp::NlpStatus::solved);
  CHECK(a.corrected_steps > 0);
  CHECK(b.corrected_steps == 0);
  CHECK(a.outer_iterations < b.outer_iterations);
  CHECK(std::abs(a.objective - b.objective) <= 1e-8);
  CHECK(a.kkt_residual <= 1e-6);
}

TEST_CASE("the watchdog keeps HS6's full steps that raise ||c|| and converges like Ipopt",
          "[nlp][watchdog]") {
  // From x0 = (-1.2, 1) the first full Newton step raises ||c|| and the merit; the monotone search cuts it
  // and the steps after it to alpha ~ 1e-2 for 15 iterations (18 outer iterations, Ipopt 5). The watchdog
  // takes the step (or its correction) anyway and accepts the next ones once the merit falls below the
  // saved iterate's target.
  nlp::AdaSketchSettings without;
  without.watchdog = 0;
  const auto [a, b] = solve_with_and_without("HS6", without);
  REQUIRE(a.status == nlp::NlpStatus::solved);
  REQUIRE(b.status == nlp::NlpStatus::solved);
  CHECK(a.relaxed_steps > 0);
  CHECK(b.relaxed_steps == 0);
  CHECK(a.outer_iterations <= 6);
  CHECK(b.outer_iterations > 12);
  CHECK(std::abs(a.objective) <= 1e-10);  // f* = 0 at (1, 1)
  CHECK(a.kkt_residual <= 1e-6);
}

TEST_CASE("a full step that worsens both f and ||c|| starts no watch", "[nlp][watchdog]") {
  // HS77's sixth full step raises the objective and the constraint violation: not a Maratos-type step. A
  // watch started there fails and costs three outer iterations (11 instead of 8).
  nlp::AdaSketchSettings without;
  without.watchdog = 0;
  const auto [a, b] = solve_with_and_without("HS77", without);
  REQUIRE(a.status == nlp::NlpStatus::solved);
  CHECK(a.relaxed_steps == 0);
  CHECK(a.outer_iterations == b.outer_iterations);
}

TEST_CASE("a failed watch returns to the saved iterate and the run still converges", "[nlp][watchdog]") {
  // With one relaxed step allowed, HS6's relaxed step does not reach the target: the iteration goes back to
  // x0 and backtracks from alpha = 1/2 along the saved direction, and no new watch starts until an ordinary
  // full step is accepted.
  nlp::AdaSketchSettings s;
  s.watchdog = 1;
  auto p = nlp::make_builtin_problem("HS6");
  nlp::AdaSketchNewton solver(s);
  std::vector<nlp::OuterIteration> its;
  solver.add_monitor([&](const nlp::OuterIteration& it) { its.push_back(it); });
  const auto r = solver.solve(*p);
  REQUIRE(r.status == nlp::NlpStatus::solved);
  REQUIRE(its.size() >= 2);
  CHECK(its[0].relaxed);
  CHECK(its[1].watchdog_return);
  CHECK(its[1].step_size <= 0.5);
  CHECK(r.watchdog_returns >= 1);
  CHECK(std::abs(r.objective) <= 1e-10);
}

namespace {

/// The generated hanging chain with N interior points (`adasolve-bench nl-generate --N N`, n = 3N + 1, m =
/// N + 1): a linear objective, so Hess_x L = sum lambda_i Hess c_i and the reduced Hessian is nearly
/// singular.
nlp::NlpResult solve_chain(int points, const nlp::AdaSketchSettings& s) {
  const auto path =
      test::source_dir() / "tests" / "unit" / "nlp" / "data" / ("catenary" + std::to_string(points) + ".nl");
  auto p = nlp::load_nl_problem(path.string());
  return nlp::AdaSketchNewton(s).solve(*p);
}

}  // namespace

TEST_CASE("the step-length bound turns the chain's 1e8-long steps into Levenberg-Marquardt steps",
          "[nlp][step_bound]") {
  // Without the bound the Newton step along the nearly singular reduced Hessian is orders of magnitude longer
  // than x, the line search cuts it to alpha ~ 1e-5 for dozens of iterations, and the run takes 83 outer
  // iterations; raising the shift until ||dx|| <= max(1, ||x||) takes 40.
  nlp::AdaSketchSettings with, without;
  with.inner = without.inner = nlp::InnerSolver::direct;
  without.max_step_ratio = 0.0;
  const auto a = solve_chain(10, with);
  const auto b = solve_chain(10, without);
  REQUIRE(a.status == nlp::NlpStatus::solved);
  REQUIRE(b.status == nlp::NlpStatus::solved);
  CHECK(a.outer_iterations <= 50);
  CHECK(b.outer_iterations > 70);
  CHECK(std::abs(a.objective - b.objective) <= 1e-6 * (1.0 + std::abs(b.objective)));
}

TEST_CASE("the step-length bound leaves a full step the merit accepts alone", "[nlp][step_bound]") {
  // HS28 and HS52 are convex QPs whose Newton step from x0 is longer than max(1, ||x0||): it is the step to
  // the solution, so one outer iteration must still do.
  for (const char* name : {"HS28", "HS52"}) {
    INFO(name);
    nlp::AdaSketchSettings tight;
    tight.max_step_ratio = 1e-3;
    auto p = nlp::make_builtin_problem(name);
    const auto r = nlp::AdaSketchNewton(tight).solve(*p);
    CHECK(r.status == nlp::NlpStatus::solved);
    CHECK(r.outer_iterations == 1);
  }
}

TEST_CASE("the chain with 40 points takes fewer than 100 outer iterations", "[nlp][step_bound][singular]") {
  // lambda_min(G G^T) of the chain is under the absolute threshold 1e-2 on part of the path while G has full
  // rank. With r = min(1e-2, ||b||) the regularized steps converged linearly while ||b|| fell from 1e4 to
  // 1e-2, and without the step-length bound the first steps were cut to 1e-5: 309 outer iterations before
  // both changes, 254 with the relative regularization alone, 82 with both (Ipopt: 41).
  for (auto inner : {nlp::InnerSolver::direct, nlp::InnerSolver::minres_cholmod}) {
    INFO(nlp::to_string(inner));
    nlp::AdaSketchSettings s;
    s.inner = inner;
    const auto a = solve_chain(40, s);
    REQUIRE(a.status == nlp::NlpStatus::solved);
    CHECK(a.outer_iterations < 100);
    s.max_step_ratio = 0.0;
    const auto b = solve_chain(40, s);
    REQUIRE(b.status == nlp::NlpStatus::solved);
    CHECK(b.outer_iterations > 200);
    CHECK(std::abs(a.objective - b.objective) <= 1e-6 * (1.0 + std::abs(b.objective)));
  }
}
