#include "adasolve/bandit/young_policy.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "bandit/seeded_rng.hpp"
#include "bandit/state_check.hpp"

namespace adasolve::bandit {

JacobiRadiusEstimate estimate_jacobi_radius(const CsrMatrix& a, int steps, std::uint64_t seed) {
  if (!a.is_square() || a.rows() == 0) {
    throw InputError("young: needs a nonempty square matrix");
  }
  const std::size_t n = static_cast<std::size_t>(a.rows());
  std::vector<double> inv_sqrt_d(n);
  for (Index i = 0; i < a.rows(); ++i) {
    const double d = a.diagonal(i);
    if (!(d > 0.0)) {
      throw InputError("young: diagonal entry of row " + std::to_string(i + 1) + " is not positive");
    }
    inv_sqrt_d[i] = 1.0 / std::sqrt(d);
  }
  // Lanczos on S = D^-1/2 A D^-1/2 from a seeded random start: S v_j = beta_{j-1} v_{j-1} + alpha_j v_j +
  // beta_j v_{j+1}.
  detail::SeededRng rng(seed);
  std::vector<double> v(n), v_prev(n, 0.0), w(n), scaled(n);
  for (auto& x : v) {
    x = rng.uniform() - 0.5;
  }
  vec::scale(1.0 / vec::norm2(v), v);
  std::vector<double> alpha, beta;
  const int k = std::min<int>(steps, static_cast<int>(n));
  double beta_prev = 0.0;
  for (int j = 0; j < k; ++j) {
    for (std::size_t i = 0; i < n; ++i) {
      scaled[i] = inv_sqrt_d[i] * v[i];
    }
    a.multiply(scaled, w);
    for (std::size_t i = 0; i < n; ++i) {
      w[i] = inv_sqrt_d[i] * w[i] - beta_prev * v_prev[i];  // w <- S v_j - beta_{j-1} v_{j-1}
    }
    const double aj = vec::dot(w, v);
    vec::axpy(-aj, v, w);  // w <- w - alpha_j v_j
    alpha.push_back(aj);
    const double bj = vec::norm2(w);
    if (j + 1 == k || bj <= 1e-12 * std::abs(aj)) {
      break;  // invariant subspace found or steps used up
    }
    beta.push_back(bj);
    v_prev.swap(v);
    for (std::size_t i = 0; i < n; ++i) {
      v[i] = w[i] / bj;
    }
    beta_prev = bj;
  }
  const Eigen::Index m = static_cast<Eigen::Index>(alpha.size());
  Eigen::MatrixXd tri = Eigen::MatrixXd::Zero(m, m);
  for (Eigen::Index j = 0; j < m; ++j) {
    tri(j, j) = alpha[j];
    if (j + 1 < m) {
      tri(j, j + 1) = tri(j + 1, j) = beta[j];
    }
  }
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(tri, Eigen::EigenvaluesOnly);
  const double theta_min = eig.eigenvalues()[0];
  const double theta_max = eig.eigenvalues()[m - 1];
  // Eigenvalues of I - D^-1 A are 1 - eig(S).
  return {std::max(theta_max - 1.0, 1.0 - theta_min), static_cast<int>(m)};
}

double young_omega(double rho_jacobi) {
  const double rho = std::clamp(rho_jacobi, 0.0, 1.0 - 1e-12);
  return 2.0 / (1.0 + std::sqrt(1.0 - rho * rho));
}

YoungPolicy::YoungPolicy(YoungSettings settings, std::uint64_t seed) : settings_(settings), seed_(seed) {
  settings_.validate();
}

void YoungPolicy::inspect(const CsrMatrix& a) {
  const JacobiRadiusEstimate estimate =
      estimate_jacobi_radius(a, settings_.lanczos_steps, seed_ + instances_);
  rho_ = estimate.rho;
  last_matvecs_ = estimate.matvecs;
  inspected_ = true;
}

double YoungPolicy::choose(std::span<const double> /*context*/) {
  if (!inspected_) {
    throw UsageError("young needs the matrix: call inspect(A) before every choose()");
  }
  inspected_ = false;
  return young_omega(rho_);
}

void YoungPolicy::observe(double /*cost*/) { ++instances_; }

nlohmann::json YoungPolicy::state() const {
  return {{"policy", name()}, {"instances", instances_}, {"seed", seed_}};
}

void YoungPolicy::restore(const nlohmann::json& state) {
  detail::expect_policy_state(state, name());
  instances_ = state.at("instances").get<long long>();
  seed_ = state.at("seed").get<std::uint64_t>();
}

}  // namespace adasolve::bandit
