// Poisson source control (alsketch.md §5.4). x = (w, z) with w, z on the N x N interior grid (row-major,
// k = i N + j), h = 2 / (N + 1):
//   f = 1/2 ||w - w_true||^2 + 0.05 ||z||^2,   c = Lap_h w + z,
//   (Lap_h w)_ij = (w_{i-1,j} + w_{i+1,j} + w_{i,j-1} + w_{i,j+1} - 4 w_ij) / h^2  (zero Dirichlet boundary),
//   G = [Lap_h, I],  Hess L = diag(I, 0.1 I) (c is linear).
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/nlp/problems.hpp"

namespace adasolve::nlp {

namespace {

class PdeControl final : public NlpProblem {
 public:
  explicit PdeControl(Index grid) : grid_(grid), cells_(grid * grid) {
    const double h = 2.0 / (grid_ + 1);
    const double inv_h2 = 1.0 / (h * h);
    const double center = (grid_ + 1) / 2.0;
    const double step = 0.1 / std::sqrt(15.0);
    w_true_.resize(static_cast<std::size_t>(cells_));
    std::vector<Triplet> t;
    for (Index i = 0; i < grid_; ++i) {
      for (Index j = 0; j < grid_; ++j) {
        const Index k = i * grid_ + j;
        // 1-based grid indices i + 1, j + 1 as in the authors' formula
        w_true_[static_cast<std::size_t>(k)] =
            std::sin(4.0 + step * (i + 1 - center)) + std::cos(3.0 + step * (j + 1 - center));
        t.push_back({k, k, -4.0 * inv_h2});
        if (i > 0) {
          t.push_back({k, k - grid_, inv_h2});
        }
        if (i + 1 < grid_) {
          t.push_back({k, k + grid_, inv_h2});
        }
        if (j > 0) {
          t.push_back({k, k - 1, inv_h2});
        }
        if (j + 1 < grid_) {
          t.push_back({k, k + 1, inv_h2});
        }
        t.push_back({k, cells_ + k, 1.0});
      }
    }
    jacobian_ = CsrMatrix::from_triplets(cells_, 2 * cells_, t);
    std::vector<Triplet> d;
    for (Index k = 0; k < 2 * cells_; ++k) {
      d.push_back({k, k, k < cells_ ? 1.0 : 0.1});
    }
    hessian_ = CsrMatrix::from_triplets(2 * cells_, 2 * cells_, d);
  }

  std::string name() const override { return "pde-control(N=" + std::to_string(grid_) + ")"; }
  Index num_variables() const override { return 2 * cells_; }
  Index num_constraints() const override { return cells_; }
  std::vector<double> initial_point() const override {
    return std::vector<double>(static_cast<std::size_t>(2 * cells_), 1.0);
  }
  std::vector<double> initial_multipliers() const override {
    return std::vector<double>(static_cast<std::size_t>(cells_), 1.0);
  }

  bool objective(std::span<const double> x, double& f) override {
    f = 0.0;
    for (Index k = 0; k < cells_; ++k) {
      const double dw = x[static_cast<std::size_t>(k)] - w_true_[static_cast<std::size_t>(k)];
      const double z = x[static_cast<std::size_t>(cells_ + k)];
      f += 0.5 * dw * dw + 0.05 * z * z;
    }
    return std::isfinite(f);
  }
  bool gradient(std::span<const double> x, std::span<double> g) override {
    for (Index k = 0; k < cells_; ++k) {
      g[static_cast<std::size_t>(k)] = x[static_cast<std::size_t>(k)] - w_true_[static_cast<std::size_t>(k)];
      g[static_cast<std::size_t>(cells_ + k)] = 0.1 * x[static_cast<std::size_t>(cells_ + k)];
    }
    return true;
  }
  bool constraints(std::span<const double> x, std::span<double> c) override {
    jacobian_.multiply(x, c);  // c is linear: c(x) = G x
    return true;
  }
  bool jacobian(std::span<const double>, CsrMatrix& g) override {
    g = jacobian_;
    return true;
  }
  bool lagrangian_hessian(std::span<const double>, double sigma, std::span<const double>,
                          CsrMatrix& h) override {
    h = hessian_;
    for (double& v : h.values_mutable()) {
      v *= sigma;
    }
    return true;
  }

 private:
  Index grid_;
  Index cells_;
  std::vector<double> w_true_;
  CsrMatrix jacobian_;
  CsrMatrix hessian_;
};

}  // namespace

std::unique_ptr<NlpProblem> make_pde_control(Index grid_size) {
  if (grid_size < 1 || grid_size > 4096) {
    throw UsageError("pde-control: N must be in [1, 4096], got " + std::to_string(grid_size));
  }
  return std::make_unique<PdeControl>(grid_size);
}

}  // namespace adasolve::nlp
