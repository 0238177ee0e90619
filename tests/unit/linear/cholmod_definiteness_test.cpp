// CholmodFactor's contract: it throws for a matrix that is not positive definite. CHOLMOD factors sparse
// matrices with little fill by a simplicial LDL^T without pivoting, which stops only at a zero pivot, so an
// indefinite matrix used to "factor" with a negative pivot in D; the nlp pillar's spectral tests (lambda_min
// of G G^T, the reduced Hessian) rest on this exception.
#include <catch2/catch.hpp>
#include <vector>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"

using namespace adasolve;

namespace {

/// tridiag(-1, 2, -1) of size n with a_jj replaced by `corner`: positive definite for corner >= 1, indefinite
/// for corner < 0 (e_j^T A e_j < 0).
CsrMatrix path_laplacian(Index n, Index j, double corner) {
  std::vector<Triplet> t;
  for (Index i = 0; i < n; ++i) {
    t.push_back({i, i, i == j ? corner : 2.0});
    if (i + 1 < n) {
      t.push_back({i, i + 1, -1.0});
      t.push_back({i + 1, i, -1.0});
    }
  }
  return CsrMatrix::from_triplets(n, n, t);
}

}  // namespace

TEST_CASE("CholmodFactor refuses indefinite sparse matrices", "[linear][cholmod]") {
  for (const Index n : {2, 50, 2000}) {
    INFO("n = " << n);
    CHECK_NOTHROW(backend::CholmodFactor(path_laplacian(n, 0, 2.0)));
    CHECK_THROWS_AS(backend::CholmodFactor(path_laplacian(n, 0, -1.0)), InputError);
    CHECK_THROWS_AS(backend::CholmodFactor(path_laplacian(n, n - 1, -1.0)), InputError);
    // a_nn = 0.5: A - 1.5 e_n e_n^T, singular for n = 2 and indefinite beyond
    CHECK_THROWS_AS(backend::CholmodFactor(path_laplacian(n, n - 1, 0.5)), InputError);
  }
}
