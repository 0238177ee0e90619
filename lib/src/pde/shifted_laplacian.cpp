#include "adasolve/pde/shifted_laplacian.hpp"

#include <cmath>

#include "adasolve/core/enum_names.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/pde/poisson.hpp"

namespace adasolve::pde {

std::pair<double, double> beta_parameters(ShiftDistribution distribution) {
  return distribution == ShiftDistribution::high_variance ? std::pair{0.5, 1.5} : std::pair{2.0, 6.0};
}

ShiftDistribution shift_distribution_from_name(const std::string& name) {
  return parse_enum("distribution", name,
                    std::array{ShiftDistribution::high_variance, ShiftDistribution::low_variance});
}

std::string to_string(ShiftDistribution distribution) {
  return distribution == ShiftDistribution::high_variance ? "high" : "low";
}

void ShiftedLaplacianSettings::validate() const {
  if (m < 1 || std::int64_t{m} * m * 5 > kMaxIndex) {
    throw UsageError("shifted_laplacian.m must be >= 1 and m^2 * 5 must fit 32-bit indices, got " +
                     std::to_string(m));
  }
  if (!std::isfinite(shift_min) || !std::isfinite(shift_span) || shift_span < 0.0) {
    throw UsageError("shifted_laplacian shift range must be finite with span >= 0, got min " +
                     std::to_string(shift_min) + ", span " + std::to_string(shift_span));
  }
}

ShiftedLaplacianGenerator::ShiftedLaplacianGenerator(ShiftedLaplacianSettings settings)
    : settings_(settings), rng_(settings.seed) {
  settings_.validate();
  // The 5-point Laplacian on the m x m interior grid (delsq(numgrid('S', m + 2))): diagonal 4, neighbours -1.
  base_ = poisson_2d(GridShape{settings_.m, settings_.m, 1}).matrix;
}

ShiftedInstance ShiftedLaplacianGenerator::next() {
  const auto [alpha, beta] = beta_parameters(settings_.distribution);
  std::gamma_distribution<double> gamma_alpha(alpha, 1.0);
  std::gamma_distribution<double> gamma_beta(beta, 1.0);
  // Beta(alpha, beta) = X / (X + Y), X ~ Gamma(alpha), Y ~ Gamma(beta).
  const double x = gamma_alpha(rng_);
  const double y = gamma_beta(rng_);
  ShiftedInstance instance;
  instance.shift = settings_.shift_min + settings_.shift_span * (x / (x + y));
  instance.matrix = base_.shifted(instance.shift);

  // b ~ N(0, I) conditioned on ||b||_2 <= sqrt(n): redraw the whole vector until it passes
  // (truncated_normal.m).
  const auto n = static_cast<std::size_t>(base_.rows());
  std::normal_distribution<double> normal(0.0, 1.0);
  instance.rhs.resize(n);
  for (;;) {
    double norm2 = 0.0;
    for (double& v : instance.rhs) {
      v = normal(rng_);
      norm2 += v * v;
    }
    if (norm2 <= static_cast<double>(n)) {
      break;
    }
  }
  return instance;
}

}  // namespace adasolve::pde
