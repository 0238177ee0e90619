#include "adasolve/dcdm/direction_generator.hpp"

#include "adasolve/core/error.hpp"
#include "adasolve/linear/ic0_preconditioner.hpp"
#include "adasolve/linear/preconditioner.hpp"

namespace adasolve::dcdm {

namespace {

/// A fixed SPD preconditioner M used as a direction generator: d = M^-1 r.
class PreconditionerDirection final : public DirectionGenerator {
 public:
  explicit PreconditionerDirection(std::unique_ptr<linear::Preconditioner> preconditioner)
      : preconditioner_(std::move(preconditioner)) {}
  std::string name() const override { return preconditioner_->name(); }
  void setup(const CsrMatrix& a) override { preconditioner_->setup(a); }
  void apply(std::span<const double> r, std::span<double> d) override { preconditioner_->apply(r, d); }

 private:
  std::unique_ptr<linear::Preconditioner> preconditioner_;
};

}  // namespace

std::unique_ptr<DirectionGenerator> make_identity_direction() {
  return std::make_unique<PreconditionerDirection>(linear::make_identity_preconditioner());
}

std::unique_ptr<DirectionGenerator> make_jacobi_direction() {
  return std::make_unique<PreconditionerDirection>(linear::make_jacobi_preconditioner());
}

std::unique_ptr<DirectionGenerator> make_ic0_direction() {
  return std::make_unique<PreconditionerDirection>(linear::make_ic0_preconditioner());
}

std::unique_ptr<DirectionGenerator> make_classical_direction(const std::string& name) {
  if (name == "identity") {
    return make_identity_direction();
  }
  if (name == "jacobi") {
    return make_jacobi_direction();
  }
  if (name == "ic0") {
    return make_ic0_direction();
  }
  if (name == "cholmod") {
    return make_cholmod_direction();
  }
  throw UsageError("dcdm: unknown direction generator '" + name +
                   "' (identity, jacobi, ic0, cholmod, network)");
}

}  // namespace adasolve::dcdm
