// A residual that cannot be computed is reported as NaN, never as 0 and never with status solved (#12).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "adasolve/nlp/adasketch_newton.hpp"

using namespace adasolve;

namespace {

enum class Broken { objective_nan, gradient_nan, evaluation_fails };

/// min f(x) over x in R^2 (m = 0) or s.t. x_1 = 0 (m = 1), where f or its gradient is NaN everywhere, or
/// the evaluation of f fails (as an AMPL function error does).
class NanProblem final : public nlp::NlpProblem {
 public:
  NanProblem(Index m, Broken broken) : m_(m), broken_(broken) {}
  std::string name() const override { return "nan"; }
  Index num_variables() const override { return 2; }
  Index num_constraints() const override { return m_; }
  std::vector<double> initial_point() const override { return {1.0, 1.0}; }
  std::vector<double> initial_multipliers() const override { return std::vector<double>(m_, 0.0); }
  bool objective(std::span<const double> x, double& f) override {
    f = broken_ == Broken::objective_nan ? std::numeric_limits<double>::quiet_NaN()
                                         : x[0] * x[0] + x[1] * x[1];
    return broken_ != Broken::evaluation_fails;
  }
  bool gradient(std::span<const double>, std::span<double> g) override {
    g[0] = g[1] = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  bool constraints(std::span<const double> x, std::span<double> c) override {
    if (m_ > 0) {
      c[0] = x[0];
    }
    return true;
  }
  bool jacobian(std::span<const double>, CsrMatrix& g) override {
    g = m_ > 0 ? CsrMatrix::from_triplets(1, 2, std::vector<Triplet>{{0, 0, 1.0}})
               : CsrMatrix(0, 2, {0}, {}, {});
    return true;
  }
  bool lagrangian_hessian(std::span<const double>, double sigma, std::span<const double>,
                          CsrMatrix& h) override {
    h = CsrMatrix::from_triplets(2, 2, std::vector<Triplet>{{0, 0, 2.0 * sigma}, {1, 1, 2.0 * sigma}});
    return true;
  }

 private:
  Index m_;
  Broken broken_;
};

}  // namespace

TEST_CASE("a KKT residual that is NaN is reported as NaN, not 0, and not as solved", "[nlp][nan]") {
  for (const Index m : {0, 1}) {
    for (const auto broken : {Broken::objective_nan, Broken::gradient_nan, Broken::evaluation_fails}) {
      for (const auto scaling : {nlp::ScalingRule::gradient, nlp::ScalingRule::none}) {
        CAPTURE(m, static_cast<int>(broken), nlp::to_string(scaling));
        nlp::AdaSketchSettings s;
        s.scaling = scaling;
        NanProblem p(m, broken);
        const auto r = nlp::AdaSketchNewton(s).solve(p);
        CHECK(r.status != nlp::NlpStatus::solved);
        CHECK(std::isnan(r.kkt_residual));
        if (!r.kkt_history.empty()) {
          CHECK(std::isnan(r.kkt_history.back()));
        }
      }
    }
  }
}
