#pragma once
// Experiment E1 of Khodak et al. (methods/relax.md section 7.1): A_t = A + c_t I, A the 5-point Laplacian on
// an m x m interior grid (n = m^2, default m = 10), c_t = -0.15 + 0.6 Beta(alpha, beta) with
//   high variance: Beta(0.5, 1.5),  low variance: Beta(2, 6);
// b_t ~ N(0, I) rejection-sampled until ||b|| <= sqrt(n). Context = c_t.
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/setting_fields.hpp"

namespace adasolve::pde {

enum class ShiftDistribution { high_variance, low_variance };

/// (alpha, beta) of the Beta distribution: high variance (0.5, 1.5), low variance (2, 6).
std::pair<double, double> beta_parameters(ShiftDistribution distribution);
/// "high" / "low" (InputError otherwise), and back.
ShiftDistribution shift_distribution_from_name(const std::string& name);
std::string to_string(ShiftDistribution distribution);

/// The `distribution` choice of a settings struct (core/setting_fields.hpp): high or low.
template <class Settings>
SettingChoice<Settings> shift_distribution_choice(ShiftDistribution Settings::*member) {
  return enum_choice(
      "distribution", member,
      "distribution of the shifts c = -0.15 + 0.6 Beta: high (Beta(0.5, 1.5)) or low (Beta(2, 6))",
      std::array{ShiftDistribution::high_variance, ShiftDistribution::low_variance});
}

struct ShiftedLaplacianSettings {
  Index m = 10;  ///< interior grid points per side
  ShiftDistribution distribution = ShiftDistribution::high_variance;
  double shift_min = -0.15;  ///< c = shift_min + shift_span * Beta(.,.)
  double shift_span = 0.6;
  std::uint64_t seed = 1;
  void validate() const;
};

struct ShiftedInstance {
  double shift = 0.0;       ///< c_t (the context)
  CsrMatrix matrix;         ///< A + c_t I
  std::vector<double> rhs;  ///< b_t
};

/// Draws instances one at a time (deterministic given the seed and the number drawn so far).
/// Each draw: Beta(alpha, beta) = X / (X + Y) with X ~ Gamma(alpha, 1), Y ~ Gamma(beta, 1)
/// (std::gamma_distribution on a std::mt19937_64 seeded with `seed`), then b from std::normal_distribution,
/// redrawn whole until ||b||_2 <= sqrt(n).
class ShiftedLaplacianGenerator {
 public:
  explicit ShiftedLaplacianGenerator(ShiftedLaplacianSettings settings);
  ShiftedInstance next();
  const CsrMatrix& base_matrix() const { return base_; }
  const ShiftedLaplacianSettings& settings() const { return settings_; }

 private:
  ShiftedLaplacianSettings settings_;
  CsrMatrix base_;
  std::mt19937_64 rng_;
};

}  // namespace adasolve::pde
