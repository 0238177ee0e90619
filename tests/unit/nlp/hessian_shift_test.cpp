// The Levenberg-Marquardt Hessian shift (hessian_modification.hpp): a reduced Hessian that is singular but
// not indefinite gets t = min(xi_B, ||b||), so the step becomes Newton's again as the KKT residual vanishes;
// an indefinite one still gets the ladder xi_B, 10 xi_B, ...
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "../../../lib/src/nlp/hessian_modification.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"

using namespace adasolve;

namespace {

/// Orthogonal regression in miniature (ORTHREGB's structure): fit the line h^T p = 1 to the point d = (1, 2)
/// with p its projection, min ||p - d||^2 s.t. h1 p1 + h2 p2 = 1, from p = d and h = (0.2, 0.1). Every line
/// through d fits it (f* = 0, lambda* = 0): the solutions form a curve, and Hess_x L = diag(2, 2, 0, 0) at
/// lambda = 0 has zero curvature along it, so the reduced Hessian is singular there, not indefinite.
class LineThroughPoint final : public nlp::NlpProblem {
 public:
  std::string name() const override { return "line-through-point"; }
  Index num_variables() const override { return 4; }  // p1, p2, h1, h2
  Index num_constraints() const override { return 1; }
  std::vector<double> initial_point() const override { return {1.0, 2.0, 0.2, 0.1}; }
  bool objective(std::span<const double> x, double& f) override {
    f = (x[0] - 1.0) * (x[0] - 1.0) + (x[1] - 2.0) * (x[1] - 2.0);
    return true;
  }
  bool gradient(std::span<const double> x, std::span<double> g) override {
    g[0] = 2.0 * (x[0] - 1.0);
    g[1] = 2.0 * (x[1] - 2.0);
    g[2] = 0.0;
    g[3] = 0.0;
    return true;
  }
  bool constraints(std::span<const double> x, std::span<double> c) override {
    c[0] = x[2] * x[0] + x[3] * x[1] - 1.0;
    return true;
  }
  bool jacobian(std::span<const double> x, CsrMatrix& g) override {
    const std::vector<Triplet> t{{0, 0, x[2]}, {0, 1, x[3]}, {0, 2, x[0]}, {0, 3, x[1]}};
    g = CsrMatrix::from_triplets(1, 4, t);
    return true;
  }
  bool lagrangian_hessian(std::span<const double>, double sigma, std::span<const double> lambda,
                          CsrMatrix& h) override {
    // d^2 c / dp_i dh_i = 1: the bilinear coupling, weighted by lambda
    const std::vector<Triplet> t{{0, 0, 2.0 * sigma}, {1, 1, 2.0 * sigma}, {0, 2, lambda[0]},
                                 {2, 0, lambda[0]},   {1, 3, lambda[0]},   {3, 1, lambda[0]}};
    h = CsrMatrix::from_triplets(4, 4, t);
    return true;
  }
};

CsrMatrix diagonal(const std::vector<double>& d) {
  std::vector<Triplet> t;
  for (std::size_t i = 0; i < d.size(); ++i) {
    t.push_back({static_cast<Index>(i), static_cast<Index>(i), d[i]});
  }
  return CsrMatrix::from_triplets(static_cast<Index>(d.size()), static_cast<Index>(d.size()), t);
}

}  // namespace

TEST_CASE("a singular reduced Hessian gets the shift min(xi_B, ||b||), an indefinite one the ladder",
          "[nlp][hessian_shift]") {
  const nlp::AdaSketchSettings s;  // xi_B = 0.1, minimal shift
  const auto g = CsrMatrix::from_triplets(1, 4, std::vector<Triplet>{{0, 2, 1.0}, {0, 3, 1.0}});
  double flops = 0.0;
  // null(G) holds (0, 0, 1, -1), where H has no curvature: singular, not indefinite
  const auto singular = diagonal({2.0, 2.0, 0.0, 0.0});
  for (double kkt : {1e-2, 1e-5}) {
    const auto mod = nlp::detail::modify_hessian(singular, g, s, kkt, flops);
    CHECK(mod.modified);
    CHECK(mod.follows_residual);
    CHECK(mod.shift == kkt);
  }
  // far from a solution the shift is xi_B, as before
  const auto far = nlp::detail::modify_hessian(singular, g, s, 10.0, flops);
  CHECK(far.shift == s.xi_b);
  CHECK_FALSE(far.follows_residual);
  // curvature -1 on null(G): a shift above 1 from the ladder (here the paper's cap xi_B + ||H||_F), whatever
  // ||b||
  const auto indefinite = diagonal({2.0, 2.0, -1.0, -1.0});
  const auto ind = nlp::detail::modify_hessian(indefinite, g, s, 1e-5, flops);
  CHECK(ind.modified);
  CHECK_FALSE(ind.follows_residual);
  CHECK(ind.shift > 1.0);
}

TEST_CASE("at a non-isolated solution the shift falls with the residual: the rate is superlinear, not linear",
          "[nlp][hessian_shift]") {
  LineThroughPoint p;
  const auto r = nlp::AdaSketchNewton(nlp::AdaSketchSettings{}).solve(p);
  REQUIRE(r.status == nlp::NlpStatus::solved);
  CHECK(r.objective <= 1e-10);
  // With the fixed shift xi_B = 0.1 each step is a proximal step and the KKT residual falls by a constant
  // factor of about t / (t + 2) ~ 0.05 per iteration (4 iterations, the last factor 0.049); with
  // t = min(xi_B, ||b||) the factor itself falls with the residual (3 iterations, the last factor 2e-5).
  CHECK(r.outer_iterations <= 3);
  const auto& kkt = r.kkt_history;
  REQUIRE(kkt.size() >= 3);
  const std::size_t last = kkt.size() - 1;
  CHECK(kkt[last] / kkt[last - 1] <= 1e-3);
}
