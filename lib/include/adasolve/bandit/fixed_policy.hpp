#pragma once
// "fixed": always the same omega (the baseline of methods/relax.md section 6 (a)). Learns nothing.
#include "adasolve/bandit/omega_policy.hpp"

namespace adasolve::bandit {

class FixedOmegaPolicy final : public OmegaPolicy {
 public:
  /// omega in (0, 2) (UsageError otherwise).
  explicit FixedOmegaPolicy(double omega);
  std::string name() const override { return "fixed"; }
  double choose(std::span<const double> context) override;
  void observe(double cost) override;
  nlohmann::json state() const override;
  void restore(const nlohmann::json& state) override;

 private:
  double omega_;
  long long observed_ = 0;
};

}  // namespace adasolve::bandit
