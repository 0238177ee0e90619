#include "adasolve/dcdm/two_level_direction.hpp"

#include <vector>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"

namespace adasolve::dcdm {

namespace {

class TwoLevelDirection final : public DirectionGenerator {
 public:
  TwoLevelDirection(std::unique_ptr<DirectionGenerator> smoother, std::unique_ptr<DirectionGenerator> network,
                    int network_period)
      : smoother_(std::move(smoother)), network_(std::move(network)), period_(network_period) {
    if (!smoother_ || !network_) {
      throw UsageError("two-level direction: null generator");
    }
    if (period_ < 1) {
      throw UsageError("dcdm.network_period must be >= 1, got " + std::to_string(period_));
    }
  }

  std::string name() const override {
    return smoother_->name() + "+" + network_->name() + (period_ > 1 ? "/" + std::to_string(period_) : "");
  }

  void setup(const CsrMatrix& a) override {
    smoother_->setup(a);
    network_->setup(a);
    a_ = &a;
    const auto n = static_cast<std::size_t>(a.rows());
    s_.assign(n, 0.0);
    correction_.assign(n, 0.0);
  }

  void begin_solve() override {
    calls_ = 0;
    smoother_->begin_solve();
    network_->begin_solve();
  }

  void apply(std::span<const double> r, std::span<double> d) override {
    smoother_->apply(r, d);                  // z = M^-1 r (held in d)
    if (calls_++ % period_ != 0) {
      return;
    }
    a_->residual(r, d, s_);                  // s = r - A z
    const double s_norm = vec::norm2(s_);
    if (!(s_norm > 0.0)) {
      return;
    }
    vec::scale(1.0 / s_norm, s_);
    network_->apply(s_, correction_);        // N(s / ||s||)
    vec::axpy(s_norm, correction_, d);       // d = z + ||s|| N(s / ||s||)
  }

 private:
  std::unique_ptr<DirectionGenerator> smoother_, network_;
  int period_;
  long calls_ = 0;
  const CsrMatrix* a_ = nullptr;
  std::vector<double> s_, correction_;
};

}  // namespace

std::unique_ptr<DirectionGenerator> make_two_level_direction(std::unique_ptr<DirectionGenerator> smoother,
                                                             std::unique_ptr<DirectionGenerator> network,
                                                             int network_period) {
  return std::make_unique<TwoLevelDirection>(std::move(smoother), std::move(network), network_period);
}

}  // namespace adasolve::dcdm
