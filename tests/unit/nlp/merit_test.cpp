#include "adasolve/nlp/merit.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "adasolve/nlp/problems.hpp"

using namespace adasolve;

TEST_CASE("the exact merit gradient matches central differences", "[nlp][merit]") {
  for (const char* name : {"HS39", "HS47", "HS78", "HS100LNP"}) {
    INFO(name);
    auto p = nlp::make_builtin_problem(name);
    const std::size_t n = static_cast<std::size_t>(p->num_variables());
    const std::size_t m = static_cast<std::size_t>(p->num_constraints());
    std::vector<double> x = p->initial_point(), lambda(m);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] += 0.1 * std::cos(static_cast<double>(i));
    }
    for (std::size_t i = 0; i < m; ++i) {
      lambda[i] = 0.5 - 0.25 * static_cast<double>(i);
    }
    const double mu = 3.0, nu = 0.2;
    nlp::EvaluatedPoint point;
    REQUIRE(nlp::evaluate_point(*p, x, lambda, point));
    CsrMatrix h;
    REQUIRE(p->lagrangian_hessian(x, 1.0, lambda, h));
    const auto grad = nlp::merit_gradient(point, h, mu, nu);
    auto merit_at = [&](std::vector<double> xv, std::vector<double> lv) {
      nlp::EvaluatedPoint q;
      REQUIRE(nlp::evaluate_point(*p, xv, lv, q));
      return nlp::merit_value(q, mu, nu);
    };
    for (std::size_t k = 0; k < n + m; ++k) {
      const double step = 1e-6;
      auto xp = x, xm = x;
      auto lp = lambda, lm = lambda;
      if (k < n) {
        xp[k] += step;
        xm[k] -= step;
      } else {
        lp[k - n] += step;
        lm[k - n] -= step;
      }
      const double fd = (merit_at(xp, lp) - merit_at(xm, lm)) / (2 * step);
      CHECK(std::abs(grad[k] - fd) <= 1e-5 * (1.0 + std::abs(fd)));
    }
  }
}

TEST_CASE("the objective-Hessian merit gradient differs from the exact one when c is nonlinear",
          "[nlp][merit]") {
  auto p = nlp::make_builtin_problem("HS39");
  const std::vector<double> x{1.5, 0.7, 0.3, 0.2}, lambda{0.8, -0.6};
  nlp::EvaluatedPoint point;
  REQUIRE(nlp::evaluate_point(*p, x, lambda, point));
  CsrMatrix h_lag, h_obj;
  p->lagrangian_hessian(x, 1.0, lambda, h_lag);
  p->lagrangian_hessian(x, 1.0, std::vector<double>{0.0, 0.0}, h_obj);
  const auto exact = nlp::merit_gradient(point, h_lag, 1.0, 0.1);
  const auto approx = nlp::merit_gradient(point, h_obj, 1.0, 0.1);
  double diff = 0.0;
  for (std::size_t i = 0; i < exact.size(); ++i) {
    diff += std::abs(exact[i] - approx[i]);
  }
  CHECK(diff > 1e-3);
}
