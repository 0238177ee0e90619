// The exact direction d = A^-1 r through the SuiteSparse boundary (CholmodFactor): the reference coarsest
// solve of the multigrid variant, against which the network's contribution is measured
// (docs/methods/dcdm.md).
#include <memory>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/dcdm/direction_generator.hpp"

namespace adasolve::dcdm {

namespace {

class CholmodDirection final : public DirectionGenerator {
 public:
  std::string name() const override { return "cholmod"; }
  void setup(const CsrMatrix& a) override { factor_ = std::make_unique<backend::CholmodFactor>(a); }
  void apply(std::span<const double> r, std::span<double> d) override {
    if (!factor_) {
      throw UsageError("cholmod direction: apply before setup");
    }
    factor_->solve(r, d);
  }

 private:
  std::unique_ptr<backend::CholmodFactor> factor_;
};

}  // namespace

std::unique_ptr<DirectionGenerator> make_cholmod_direction() { return std::make_unique<CholmodDirection>(); }

}  // namespace adasolve::dcdm
