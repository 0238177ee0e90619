// The adaptive inner accuracy test (inner_accuracy.hpp) in the scaled and in the unscaled norm.
#include "../../../lib/src/nlp/inner_accuracy.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace adasolve;

TEST_CASE("the inner solve stops only when its residual is small in the outer test's (unscaled) norm too",
          "[nlp][accuracy]") {
  // n = 1, m = 1: K = [[1, g], [g, 0]] with the constraint row scaled by s = 1e-4 (a gradient of 1e6 at x0).
  constexpr double s = 1e-4;
  const CsrMatrix k = CsrMatrix::from_triplets(2, 2, std::vector<Triplet>{{0, 0, 1.0}, {0, 1, s}, {1, 0, s}});
  const CsrMatrix h = CsrMatrix::from_triplets(1, 1, std::vector<Triplet>{{0, 0, 1.0}});
  const CsrMatrix g = CsrMatrix::from_triplets(1, 1, std::vector<Triplet>{{0, 0, s}});
  nlp::AdaSketchSettings settings;  // adaptive, delta = 1e-6
  nlp::ProblemScaling scale;
  scale.objective = 1.0;
  scale.constraints = {s};
  // b = -(grad_x L, c~) with grad_x L = 1 and the unscaled c = 1 (c~ = s c): ||b|| = 1, ||b^|| = sqrt(2)
  const std::vector<double> b{-1.0, -s};
  const nlp::detail::InnerAccuracy accuracy(settings, k, 1, h, g, 1.0, b, scale, 1e-6 * s);
  const double delta = 1e-6;
  // r_c~ = 1e-6: ||r|| = 1e-6 <= delta ||b|| holds in the scaled norm (the earlier rule stopped here), but
  // the constraint is then missed by r_c~ / s = 1e-2 = 1e4 delta ||b^||: the next KKT residual of a QP.
  CHECK_FALSE(accuracy.accurate(std::vector<double>{0.0, 1e-6}, delta));
  // r_c~ = 1e-10: 1e-6 in the unscaled norm, below delta ||b^|| = 1.4e-6
  CHECK(accuracy.accurate(std::vector<double>{0.0, 1e-10}, delta));
  // the primal rows are not scaled here (s_f = 1): the same bound in both norms
  CHECK(accuracy.accurate(std::vector<double>{0.9e-6, 0.0}, delta));
  CHECK_FALSE(accuracy.accurate(std::vector<double>{1.5e-6, 0.0}, delta));
}

TEST_CASE("without scaling the inner accuracy test is the scaled one alone", "[nlp][accuracy]") {
  const CsrMatrix k =
      CsrMatrix::from_triplets(2, 2, std::vector<Triplet>{{0, 0, 1.0}, {0, 1, 1.0}, {1, 0, 1.0}});
  const CsrMatrix one = CsrMatrix::from_triplets(1, 1, std::vector<Triplet>{{0, 0, 1.0}});
  nlp::AdaSketchSettings settings;
  nlp::ProblemScaling identity;
  identity.constraints = {1.0};
  const std::vector<double> b{-3.0, -4.0};  // ||b|| = 5
  const nlp::detail::InnerAccuracy accuracy(settings, k, 1, one, one, 1.0, b, identity, settings.kkt_tol);
  CHECK(accuracy.accurate(std::vector<double>{2.9e-6, 3.9e-6}, 1e-6));  // ||r|| < 5e-6 = delta ||b||
  CHECK_FALSE(accuracy.accurate(std::vector<double>{3e-6, 5e-6}, 1e-6));
}
