// The reduced-Hessian test when G^T G would be dense (#12, defect 5): G has a row over all n variables,
// so nothing n x n may be formed; Gershgorin or Lanczos on null(G) decides (spectral_checks.hpp).
#include <catch2/catch.hpp>
#include <vector>

#include "../../../lib/src/nlp/spectral_checks.hpp"

using namespace adasolve;

namespace {

constexpr Index kN = 3000;  // above kDenseLimit: the large-problem path

/// G = [e_1^T; 1^T]: null(G) = {x : x_1 = 0, sum x = 0}. The row of ones makes G^T G dense.
CsrMatrix constraints() {
  std::vector<Triplet> t{{0, 0, 1.0}};
  for (Index k = 0; k < kN; ++k) {
    t.push_back({1, k, 1.0});
  }
  return CsrMatrix::from_triplets(2, kN, t);
}

/// diag(1, ..., 1) with h_jj = value.
CsrMatrix diagonal_with(Index j, double value) {
  std::vector<Triplet> t;
  for (Index k = 0; k < kN; ++k) {
    t.push_back({k, k, k == j ? value : 1.0});
  }
  return CsrMatrix::from_triplets(kN, kN, t);
}

}  // namespace

TEST_CASE("reduced Hessian without G^T G: exact no, Lanczos yes, Gershgorin yes", "[nlp][spectral]") {
  static_assert(kN > nlp::detail::kDenseLimit);
  const CsrMatrix g = constraints();
  SECTION("H = I passes by Gershgorin, not estimated") {
    bool estimated = false;
    CHECK(nlp::detail::reduced_hessian_positive(diagonal_with(0, 1.0), g, 1e-6, nullptr, &estimated));
    CHECK_FALSE(estimated);
  }
  SECTION("H indefinite only along e_1, which G removes: positive on null(G), an estimate") {
    bool estimated = false;
    CHECK(nlp::detail::reduced_hessian_positive(diagonal_with(0, -2.0), g, 1e-6, nullptr, &estimated));
    CHECK(estimated);
  }
  SECTION("H negative along e_5, which null(G) contains: not positive") {
    bool estimated = false;
    double flops = 0.0;
    CHECK_FALSE(nlp::detail::reduced_hessian_positive(diagonal_with(4, -2.0), g, 1e-6, &flops, &estimated));
    CHECK_FALSE(estimated);
    CHECK(flops > 0.0);
  }
  SECTION("h_88 = 0: lambda_min(Z^T H Z) = 1 - ||P e_8||^2 = 1/(n - 1), decided on both sides of it") {
    // P e_8 removes the component 1/sqrt(n - 1) along (1 - e_1)/sqrt(n - 1), so ||P e_8||^2 = 1 - 1/(n - 1).
    const double lambda_min = 1.0 / static_cast<double>(kN - 1);
    CHECK_FALSE(nlp::detail::reduced_hessian_positive(diagonal_with(7, 0.0), g, 1.01 * lambda_min));
    CHECK(nlp::detail::reduced_hessian_positive(diagonal_with(7, 0.0), g, 0.99 * lambda_min));
  }
}

TEST_CASE("reduced Hessian through G^T G: a chain of constraints, decided exactly", "[nlp][spectral]") {
  // G has rows e_2i - e_2i+1 (i < n/2): null(G) = {x : x_2i = x_2i+1}, and G^T G is sparse, so the test runs
  // by a Cholesky factorisation of H - eps I + rho G^T G (Debreu's lemma). H = 0 gives Z^T H Z = 0 < eps:
  // a factorisation that stops only at zero pivots (simplicial LDL^T) used to let it pass.
  for (const Index n : {200, 3000}) {
    INFO("n = " << n);
    REQUIRE(n > nlp::detail::kDenseLimit);
    std::vector<Triplet> gt, zero, diag;
    for (Index i = 0; 2 * i + 1 < n; ++i) {
      gt.push_back({i, 2 * i, 1.0});
      gt.push_back({i, 2 * i + 1, -1.0});
    }
    const CsrMatrix g = CsrMatrix::from_triplets(n / 2, n, gt);
    for (Index k = 0; k < n; ++k) {
      zero.push_back({k, k, 0.0});
      // -1 on x_0, +1 on x_1: indefinite H, but Z^T H Z = 0 on the pair (x_0 = x_1), so still not positive;
      // +3 on x_1 makes the pair's curvature -1 + 3 = 2 > 0
      diag.push_back({k, k, k == 0 ? -1.0 : (k == 1 ? 3.0 : 1.0)});
    }
    CHECK_FALSE(nlp::detail::reduced_hessian_positive(CsrMatrix::from_triplets(n, n, zero), g, 1e-6));
    CHECK(nlp::detail::reduced_hessian_positive(CsrMatrix::from_triplets(n, n, diag), g, 1e-6));
    diag[1].value = 0.5;  // the pair's curvature -1 + 0.5 < 0
    CHECK_FALSE(nlp::detail::reduced_hessian_positive(CsrMatrix::from_triplets(n, n, diag), g, 1e-6));
  }
}
