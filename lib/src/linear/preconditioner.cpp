#include "adasolve/linear/preconditioner.hpp"

#include <algorithm>
#include <vector>

#include "adasolve/core/error.hpp"

namespace adasolve::linear {

namespace {

class IdentityPreconditioner final : public Preconditioner {
 public:
  std::string name() const override { return "identity"; }
  void setup(const CsrMatrix& /*a*/) override {}
  void apply(std::span<const double> r, std::span<double> z) const override {
    std::copy(r.begin(), r.end(), z.begin());  // z <- r
  }
};

class JacobiPreconditioner final : public Preconditioner {
 public:
  std::string name() const override { return "jacobi"; }
  void setup(const CsrMatrix& a) override {
    inverse_diagonal_.resize(a.rows());
    for (Index i = 0; i < a.rows(); ++i) {
      const double d = a.diagonal(i);
      if (d == 0.0) {
        throw InputError("jacobi preconditioner: zero or missing diagonal entry in row " +
                         std::to_string(i + 1));
      }
      inverse_diagonal_[i] = 1.0 / d;
    }
  }
  void apply(std::span<const double> r, std::span<double> z) const override {
    const std::size_t n = r.size();
    for (std::size_t i = 0; i < n; ++i) {
      z[i] = inverse_diagonal_[i] * r[i];  // z <- D^-1 r
    }
  }

 private:
  std::vector<double> inverse_diagonal_;
};

}  // namespace

std::unique_ptr<Preconditioner> make_identity_preconditioner() {
  return std::make_unique<IdentityPreconditioner>();
}

std::unique_ptr<Preconditioner> make_jacobi_preconditioner() {
  return std::make_unique<JacobiPreconditioner>();
}

}  // namespace adasolve::linear
