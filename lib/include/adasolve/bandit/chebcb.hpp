#pragma once
// ChebCB (Khodak et al. 2024, methods/relax.md section 4): SquareCB inverse-gap weighting (Foster and
// Rakhlin 2020) with a per-arm least-squares oracle on Chebyshev features of the scalar context.
//
//   f(c) = [T_0(x), ..., T_{m-1}(x)],  x = 2 (c - a)/(b - a) - 1 (clamped to [-1, 1]);
//   yhat_i = theta_i . f;  i* = argmin yhat;  p_i = 1/(d + eta (yhat_i - yhat_i*)) (i != i*), p_i* = rest.
//   After k iterations: K = max k, L = (max k - min k)/(b - a), N = 2 + 4 (b - a) L / K (1 + ln m),
//   scale = K N (all arms refit when it changes, else the played arm); theta_i = min-norm LS fit of
//   (k - 1)/scale (pseudo-inverse of the 6x6 normal matrix by its eigendecomposition), replaced by the
//   box-constrained LS fit (projected coordinate descent, warm start) when it leaves the box
//   |theta_0| <= 1/N, |theta_j| <= 2 (b - a) L / (scale j);
//   alpha = (pi + (2/pi) ln(2m + 1)) / (2 scale (m + 1)) (b - a) L;
//   R = sum_s (predicted_s - k_s/scale)^2 (current scale; quirk 1 of the spec kept);
//   eta = 2 t sqrt(d t / (R + 2 alpha^2 t))   (the resnorm term of the MATLAB code is dropped, as in the
//   independent re-implementation behind the spec's reference values).
#include <array>
#include <span>
#include <vector>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/bandit/policy_settings.hpp"

namespace adasolve::bandit {

/// [T_0(x), ..., T_{m-1}(x)] at x = 2 (c - a)/(b - a) - 1, x clamped to [-1, 1].
std::vector<double> chebyshev_features(double c, const ContextRange& range, int m);

class ChebCbPolicy final : public OmegaPolicy {
 public:
  ChebCbPolicy(OmegaGrid grid, ContextRange range, ChebCbSettings settings, std::uint64_t seed);
  ~ChebCbPolicy() override;
  std::string name() const override { return "chebcb"; }
  double choose(std::span<const double> context) override;
  void observe(double cost) override;
  nlohmann::json state() const override;
  void restore(const nlohmann::json& state) override;
  const std::vector<double>& last_probabilities() const { return last_p_; }
  /// Predicted (scaled) loss of every arm at context c.
  std::vector<double> predictions(double c) const;
  double eta() const { return eta_; }

 private:
  struct Arm;
  struct Rng;
  void fit(Arm& arm);

  std::vector<double> grid_;
  ContextRange range_;
  ChebCbSettings settings_;
  std::vector<Arm> arms_;
  std::unique_ptr<Rng> rng_;
  // Running quantities of the update rule.
  long long t_ = 0;
  double k_max_ = 0.0, k_min_ = 0.0;
  double scale_ = 0.0;
  double eta_ = 0.0;
  double sum_pred2_ = 0.0, sum_pred_k_ = 0.0, sum_k2_ = 0.0;  // R from sums, for any scale
  // The last round.
  std::vector<double> last_f_, last_p_;
  int last_arm_ = -1;
  double last_prediction_ = 0.0;
};

}  // namespace adasolve::bandit
