#include "adasolve/core/csr_matrix.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "test_support.hpp"

using namespace adasolve;

TEST_CASE("CsrMatrix sorts columns and sums duplicates", "[csr]") {
  std::vector<Triplet> t{{0, 2, 1.0}, {0, 0, 2.0}, {1, 1, 3.0}, {0, 2, 4.0}, {2, 0, 5.0}, {1, 1, -1.0}};
  const CsrMatrix a = CsrMatrix::from_triplets(3, 3, t);
  CHECK(a.nnz() == 4);
  CHECK(a.at(0, 0) == 2.0);
  CHECK(a.at(0, 2) == 5.0);
  CHECK(a.at(1, 1) == 2.0);
  CHECK(a.at(2, 0) == 5.0);
  CHECK(a.at(2, 2) == 0.0);
  const std::vector<Index> cols(a.column_indices().begin(), a.column_indices().end());
  CHECK(cols == std::vector<Index>{0, 2, 1, 0});
}

TEST_CASE("CsrMatrix finds the diagonal without search and reports missing entries", "[csr]") {
  std::vector<Triplet> t{{0, 0, 2.0}, {0, 1, 1.0}, {1, 0, 1.0}, {2, 2, 7.0}};
  const CsrMatrix a = CsrMatrix::from_triplets(3, 3, t);
  CHECK(a.diagonal_positions()[0] == 0);
  CHECK(a.diagonal_positions()[1] == -1);
  CHECK(a.diagonal(2) == 7.0);
  CHECK(a.diagonal() == std::vector<double>{2.0, 0.0, 7.0});
}

TEST_CASE("CsrMatrix rejects out-of-range entries and bad CSR arrays", "[csr]") {
  std::vector<Triplet> t{{0, 3, 1.0}};
  CHECK_THROWS_AS(CsrMatrix::from_triplets(3, 3, t), InputError);
  CHECK_THROWS_AS(CsrMatrix(2, 2, {0, 1, 1}, {1, 0}, {1.0, 2.0}), InputError);
  CHECK_THROWS_AS(CsrMatrix(1, 2, {0, 2}, {1, 0}, {1.0, 2.0}), InputError);  // unsorted row
}

TEST_CASE("multiply, residual, transpose and symmetry", "[csr]") {
  std::vector<Triplet> t{{0, 0, 1.0}, {0, 1, 2.0}, {1, 0, 3.0}, {1, 1, 4.0}, {1, 2, 5.0}};
  const CsrMatrix a = CsrMatrix::from_triplets(2, 3, t);
  std::vector<double> x{1.0, 1.0, 1.0}, y(2);
  a.multiply(x, y);
  CHECK(y == std::vector<double>{3.0, 12.0});
  const CsrMatrix at = a.transpose();
  CHECK(at.rows() == 3);
  CHECK(at.at(2, 1) == 5.0);
  CHECK_FALSE(test::laplacian_2d(3).transpose().at(0, 1) != -1.0);
  CHECK(test::laplacian_2d(4).is_numerically_symmetric());
  CHECK_FALSE(CsrMatrix::from_triplets(2, 2, std::vector<Triplet>{{0, 1, 1.0}}).is_numerically_symmetric());
  CHECK(test::laplacian_2d(3).shifted(1.5).diagonal(4) == 5.5);
}

TEST_CASE("norm2 neither overflows nor underflows", "[vector]") {
  std::vector<double> big{3e200, 4e200}, tiny{3e-200, 4e-200};
  CHECK(vec::norm2(big) == Approx(5e200));
  CHECK(vec::norm2(tiny) == Approx(5e-200));
  CHECK(vec::norm2(std::vector<double>{0.0, 0.0}) == 0.0);
}

TEST_CASE("symmetry check is not fooled by inf or NaN", "[csr]") {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<Triplet> t{{0, 0, inf}, {0, 1, 1.0}, {1, 0, 2.0}, {1, 1, 1.0}};
  CHECK_FALSE(CsrMatrix::from_triplets(2, 2, t).is_numerically_symmetric(1e-12));
  std::vector<Triplet> u{{0, 0, 1.0}, {0, 1, std::nan("")}, {1, 0, std::nan("")}};
  CHECK_FALSE(CsrMatrix::from_triplets(2, 2, u).is_numerically_symmetric(1e-12));
  std::vector<Triplet> v{{0, 1, inf}, {1, 0, inf}, {1, 1, 3.0}};
  CHECK(CsrMatrix::from_triplets(2, 2, v).is_numerically_symmetric(1e-12));
}
