#pragma once
// "young": Young's optimal SOR factor per instance, omega* = 2 / (1 + sqrt(1 - rho_J^2)), exact for
// consistently ordered matrices (the 5-point Laplacian and its shifts), with the Jacobi spectral radius
// rho_J = rho(I - D^-1 A) estimated by k Lanczos steps on the symmetric S = D^-1/2 A D^-1/2 (same spectrum
// as D^-1 A): rho_J ~ max(theta_max - 1, 1 - theta_min) over the Ritz values theta. The Ritz values lie
// inside the spectrum, so the estimate errs low and omega errs below omega* (the cheaper side: the cost
// curve is much steeper above omega*). Not a learner; its cost, k matrix-vector products per instance, is
// reported by choice_overhead(). Needs inspect(A) before every choose().
#include <cstdint>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/bandit/policy_settings.hpp"

namespace adasolve::bandit {

struct JacobiRadiusEstimate {
  double rho = 0.0;  ///< estimated rho(I - D^-1 A)
  int matvecs = 0;   ///< Lanczos steps actually taken
};

/// Lanczos estimate of rho_J (A symmetric with a positive diagonal; InputError otherwise, naming the row).
JacobiRadiusEstimate estimate_jacobi_radius(const CsrMatrix& a, int steps, std::uint64_t seed);
/// 2 / (1 + sqrt(1 - rho^2)); rho is clamped to [0, 1 - 1e-12].
double young_omega(double rho_jacobi);

class YoungPolicy final : public OmegaPolicy {
 public:
  YoungPolicy(YoungSettings settings, std::uint64_t seed);
  std::string name() const override { return "young"; }
  void inspect(const CsrMatrix& a) override;
  double choose(std::span<const double> context) override;
  void observe(double cost) override;
  double choice_overhead() const override { return last_matvecs_; }
  nlohmann::json state() const override;
  void restore(const nlohmann::json& state) override;

 private:
  YoungSettings settings_;
  std::uint64_t seed_;
  long long instances_ = 0;
  bool inspected_ = false;
  double rho_ = 0.0;
  int last_matvecs_ = 0;
};

}  // namespace adasolve::bandit
