// Eliminating the couplings to unmirrored Dirichlet rows (MatZeroRows-style boundary rows): the same
// solution, a symmetric matrix, and one shared matrix for instances that shared one.
#include "adasolve/sequence/dirichlet_columns.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/sequence/solver_arm.hpp"

using namespace adasolve;
using namespace adasolve::sequence;

namespace {

/// The 5-point Laplacian on an m x m grid with its boundary nodes as Dirichlet rows a_ii = 2 (the way a
/// PETSc program's MatZeroRows leaves them): interior rows keep their couplings to boundary nodes.
CsrMatrix laplacian_with_zeroed_boundary_rows(Index m) {
  std::vector<Triplet> t;
  auto id = [m](Index i, Index j) { return i * m + j; };
  for (Index i = 0; i < m; ++i) {
    for (Index j = 0; j < m; ++j) {
      const Index row = id(i, j);
      if (i == 0 || j == 0 || i == m - 1 || j == m - 1) {
        t.push_back({row, row, 2.0});
        continue;
      }
      t.push_back({row, row, 4.0 + 0.1 * static_cast<double>(i)});
      for (auto [di, dj] : {std::pair{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
        t.push_back({row, id(i + di, j + dj), -1.0});
      }
    }
  }
  return CsrMatrix::from_triplets(m * m, m * m, t);
}

/// Dense Gaussian elimination with partial pivoting (small test systems only).
std::vector<double> dense_solve(const CsrMatrix& a, std::vector<double> b) {
  const auto n = static_cast<std::size_t>(a.rows());
  std::vector<std::vector<double>> d(n, std::vector<double>(n, 0.0));
  for (Index i = 0; i < a.rows(); ++i) {
    for (Index j = 0; j < a.cols(); ++j) {
      d[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = a.at(i, j);
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    std::size_t p = k;
    for (std::size_t i = k + 1; i < n; ++i) {
      if (std::abs(d[i][k]) > std::abs(d[p][k])) {
        p = i;
      }
    }
    std::swap(d[k], d[p]);
    std::swap(b[k], b[p]);
    for (std::size_t i = k + 1; i < n; ++i) {
      const double f = d[i][k] / d[k][k];
      for (std::size_t j = k; j < n; ++j) {
        d[i][j] -= f * d[k][j];
      }
      b[i] -= f * b[k];
    }
  }
  std::vector<double> x(n, 0.0);
  for (std::size_t k = n; k-- > 0;) {
    double s = b[k];
    for (std::size_t j = k + 1; j < n; ++j) {
      s -= d[k][j] * x[j];
    }
    x[k] = s / d[k][k];
  }
  return x;
}

std::vector<double> some_rhs(Index n, double shift) {
  std::vector<double> b(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < b.size(); ++i) {
    b[i] = std::sin(1.0 + shift + static_cast<double>(i));
  }
  return b;
}

/// Hands out the given instances in order.
class ListSource final : public InstanceSource {
 public:
  explicit ListSource(std::vector<Instance> list) : list_(std::move(list)) {}
  std::string description() const override { return "list"; }
  std::vector<std::string> context_names() const override { return {}; }
  std::optional<std::size_t> size() const override { return list_.size(); }
  std::size_t position() const override { return next_; }
  bool done() const override { return next_ == list_.size(); }
  Instance next() override { return list_.at(next_++); }
  nlohmann::json state() const override { return next_; }
  void restore(const nlohmann::json& state) override { next_ = state.get<std::size_t>(); }

 private:
  std::vector<Instance> list_;
  std::size_t next_ = 0;
};

}  // namespace

TEST_CASE("eliminating unmirrored Dirichlet columns keeps the solution and makes the matrix symmetric",
          "[sequence][dirichlet]") {
  const auto a = std::make_shared<const CsrMatrix>(laplacian_with_zeroed_boundary_rows(6));
  REQUIRE(unmirrored_dirichlet_rows(*a) == 16);  // the boundary nodes next to the interior, corners aside
  REQUIRE_FALSE(unless_symmetric(*a, "cg", Symmetry::exact).empty());
  REQUIRE(unless_symmetric(*a, "cg").empty());  // symmetric apart from its Dirichlet rows

  Instance given;
  given.matrix = a;
  given.rhs = some_rhs(a->rows(), 0.0);
  const Instance eliminated = eliminate_dirichlet_columns(given);
  CHECK(unmirrored_dirichlet_rows(*eliminated.matrix) == 0);
  CHECK(unless_symmetric(*eliminated.matrix, "cg", Symmetry::exact).empty());
  const auto x = dense_solve(*a, given.rhs);
  const auto y = dense_solve(*eliminated.matrix, eliminated.rhs);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(y[i] == Approx(x[i]).margin(1e-12));
  }
}

TEST_CASE("a matrix without unmirrored Dirichlet rows passes through unchanged", "[sequence][dirichlet]") {
  const auto mirrored =
      eliminate_dirichlet_columns({0,
                                   "a",
                                   "",
                                   std::make_shared<const CsrMatrix>(laplacian_with_zeroed_boundary_rows(5)),
                                   some_rhs(25, 0.0),
                                   {}});
  Instance again = mirrored;
  const Instance same = eliminate_dirichlet_columns(again);
  CHECK(same.matrix == mirrored.matrix);
  CHECK(same.rhs == mirrored.rhs);
}

TEST_CASE("the eliminating source keeps instances that shared a matrix sharing one, each with its own b",
          "[sequence][dirichlet]") {
  const auto a = std::make_shared<const CsrMatrix>(laplacian_with_zeroed_boundary_rows(5));
  std::vector<Instance> list;
  for (std::size_t k = 0; k < 3; ++k) {
    list.push_back({k,
                    std::string(1, static_cast<char>('a' + k)),
                    "",
                    a,
                    some_rhs(a->rows(), static_cast<double>(k)),
                    {}});
  }
  auto source = with_dirichlet_columns_eliminated(std::make_unique<ListSource>(list));
  std::shared_ptr<const CsrMatrix> first;
  for (std::size_t k = 0; k < 3; ++k) {
    const Instance got = source->next();
    CHECK(got.matrix != a);
    if (k == 0) {
      first = got.matrix;
    }
    CHECK(got.matrix == first);
    const auto x = dense_solve(*a, list[k].rhs);
    const auto y = dense_solve(*got.matrix, got.rhs);
    for (std::size_t i = 0; i < x.size(); ++i) {
      CHECK(y[i] == Approx(x[i]).margin(1e-12));
    }
  }
  CHECK(source->done());
}

TEST_CASE("a forwarding source needs a source to forward to", "[sequence][dirichlet]") {
  CHECK_THROWS_AS(with_dirichlet_columns_eliminated(nullptr), UsageError);
}
