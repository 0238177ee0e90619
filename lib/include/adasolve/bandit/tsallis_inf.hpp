#pragma once
// Tsallis-INF (Zimmert and Seldin 2021) as used by Khodak et al. 2024 (methods/relax.md section 3):
// 1/2-Tsallis-entropy FTRL over the omega grid with importance-weighted loss estimates.
//
//   eta_t = eta_scale / sqrt(t);  L_i = Khat_i / scale;
//   p_i = 4 / (eta (L_i - x))^2  with the normaliser x < min_i L_i solving sum_i p_i = 1;
//   play i ~ p (p renormalised);  after the solve with k iterations:
//   scale = mean(k_1..k_t) - 1 (1 while that is <= 0),  Khat_i += (k - 1) / p_i for the played arm only.
//
// The normaliser is found by a safeguarded Newton iteration on f(x) = sum_i p_i(x) - 1, which is increasing
// and convex on (-inf, min L): the root is bracketed in [min L - 2 sqrt(d)/eta, min L) (at the left end every
// term is <= 1/d), each Newton step x <- x - f / (eta sum_i p_i^{3/2}) that leaves the bracket is replaced by
// bisection, and the iteration stops when |f| <= tolerance.
#include <span>
#include <vector>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/bandit/policy_settings.hpp"

namespace adasolve::bandit {

struct TsallisNormaliser {
  double x = 0.0;      ///< the root
  double lower = 0.0;  ///< final bracket [lower, upper] around it
  double upper = 0.0;
  int steps = 0;          ///< Newton or bisection steps taken
  double residual = 0.0;  ///< sum_i p_i(x) - 1
};

/// Solves sum_i 4 / (eta (L_i - x))^2 = 1 for x < min L (see above).
TsallisNormaliser tsallis_normaliser(std::span<const double> losses, double eta, double tolerance = 1e-10,
                                     int max_steps = 100);
/// The normalised probabilities p_i of the losses at rate eta.
std::vector<double> tsallis_inf_probabilities(std::span<const double> losses, double eta,
                                              double tolerance = 1e-10, int max_steps = 100);

/// One Tsallis-INF learner over d arms, without its random source (TsallisInfPolicy and the per-bin
/// learners of Tsallis-INF-CB share this).
class TsallisInfLearner {
 public:
  TsallisInfLearner(int arms, TsallisInfSettings settings);
  /// The distribution for the next round.
  std::vector<double> probabilities() const;
  /// Feedback for arm played with probability p (normalised).
  void update(int arm, double p, double cost);
  nlohmann::json state() const;
  void restore(const nlohmann::json& state);
  long long rounds() const { return rounds_; }

 private:
  TsallisInfSettings settings_;
  std::vector<double> khat_;  // cumulative IW estimates of (k - 1)
  double cost_sum_ = 0.0;     // sum of k over the rounds so far
  long long rounds_ = 0;      // t - 1
};

class TsallisInfPolicy final : public OmegaPolicy {
 public:
  TsallisInfPolicy(OmegaGrid grid, TsallisInfSettings settings, std::uint64_t seed);
  ~TsallisInfPolicy() override;
  std::string name() const override { return "tsallis-inf"; }
  double choose(std::span<const double> context) override;
  void observe(double cost) override;
  nlohmann::json state() const override;
  void restore(const nlohmann::json& state) override;
  /// The distribution the last choose() sampled from.
  const std::vector<double>& last_probabilities() const { return last_p_; }

 private:
  struct Rng;
  std::vector<double> grid_;
  TsallisInfLearner learner_;
  std::unique_ptr<Rng> rng_;
  std::vector<double> last_p_;
  int last_arm_ = -1;
};

}  // namespace adasolve::bandit
