#include "adasolve/dcdm/training_data.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <random>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"

namespace adasolve::dcdm {

RitzBasis lanczos_ritz(const CsrMatrix& a, int steps, std::uint64_t seed) {
  const Index n = a.rows();
  if (steps < 1 || steps > n) {
    throw UsageError("lanczos steps must be in [1, " + std::to_string(n) + "], got " + std::to_string(steps));
  }
  const auto un = static_cast<std::size_t>(n);
  Eigen::MatrixXf q_basis(n, steps);
  std::vector<double> alpha, beta;
  std::vector<double> q(un), w(un), q_prev(un, 0.0);

  // q1 = A g / ||A g||: in range(A), so a Neumann operator's null space is avoided (spec section 3.1).
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<double> g(un);
  for (auto& v : g) {
    v = normal(rng);
  }
  a.multiply(g, q);
  vec::scale(1.0 / vec::norm2(q), q);

  Eigen::VectorXf wf(n), coefficients;
  int m = 0;
  for (int j = 0; j < steps; ++j) {
    for (Index i = 0; i < n; ++i) {
      q_basis(i, j) = static_cast<float>(q[static_cast<std::size_t>(i)]);
    }
    m = j + 1;
    a.multiply(q, w);                  // w = A q_j
    const double aj = vec::dot(q, w);  // alpha_j = q_j . A q_j
    alpha.push_back(aj);
    vec::axpy(-aj, q, w);  // w -= alpha_j q_j
    if (j > 0) {
      vec::axpy(-beta.back(), q_prev, w);  // w -= beta_{j-1} q_{j-1}
    }
    // Full re-orthogonalisation, twice ("twice is enough"): w -= Q (Q^T w).
    for (int pass = 0; pass < 2; ++pass) {
      for (Index i = 0; i < n; ++i) {
        wf(i) = static_cast<float>(w[static_cast<std::size_t>(i)]);
      }
      coefficients.noalias() = q_basis.leftCols(m).transpose() * wf;
      wf.noalias() = q_basis.leftCols(m) * coefficients;
      for (Index i = 0; i < n; ++i) {
        w[static_cast<std::size_t>(i)] -= wf(i);
      }
    }
    const double bj = vec::norm2(w);
    if (j + 1 == steps || !(bj > 1e-10 * std::abs(aj))) {
      break;  // done, or an invariant subspace: T is exact
    }
    beta.push_back(bj);
    q_prev.swap(q);
    for (std::size_t i = 0; i < un; ++i) {
      q[i] = w[i] / bj;  // q_{j+1} = w / beta_j
    }
  }

  // Ritz pairs: T = W diag(theta) W^T, ascending.
  Eigen::VectorXd diagonal = Eigen::Map<Eigen::VectorXd>(alpha.data(), m);
  Eigen::VectorXd subdiagonal = Eigen::Map<Eigen::VectorXd>(beta.data(), std::max(0, m - 1));
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen;
  eigen.computeFromTridiagonal(diagonal, subdiagonal, Eigen::ComputeEigenvectors);
  if (eigen.info() != Eigen::Success) {
    throw Error("lanczos_ritz: tridiagonal eigensolver did not converge");
  }
  std::vector<int> kept;
  for (int j = 0; j < m; ++j) {
    if (eigen.eigenvalues()(j) > 1e-8) {
      kept.push_back(j);  // drop the null space (spec section 3.1)
    }
  }
  RitzBasis basis;
  basis.n = n;
  basis.count = static_cast<int>(kept.size());
  Eigen::MatrixXf w_kept(m, basis.count);
  for (int c = 0; c < basis.count; ++c) {
    basis.values.push_back(eigen.eigenvalues()(kept[c]));
    w_kept.col(c) = eigen.eigenvectors().col(kept[c]).cast<float>();
  }
  basis.vectors.resize(un * static_cast<std::size_t>(basis.count));
  Eigen::Map<Eigen::MatrixXf> ritz(basis.vectors.data(), n, basis.count);
  ritz.noalias() = q_basis.leftCols(m) * w_kept;  // Y = Q W
  const Eigen::MatrixXf gram = q_basis.leftCols(m).transpose() * q_basis.leftCols(m);
  basis.max_orthogonality_loss = (gram - Eigen::MatrixXf::Identity(m, m)).cwiseAbs().maxCoeff();
  return basis;
}

std::span<const SettingField<RhsSynthesis>> RhsSynthesis::fields() {
  static const SettingField<RhsSynthesis> described[] = {
      {"theta", &RhsSynthesis::theta, "low modes weighted up: the lowest m/2 + theta Ritz vectors",
       SettingRange::at_least(0.0)},
      {"low_weight", &RhsSynthesis::low_weight, "weight of the low modes", SettingRange::above(0.0)},
  };
  return described;
}

void RhsSynthesis::validate() const { check_ranges(*this, fields()); }

std::vector<float> synthesize_rhs(const RitzBasis& basis, int count, const RhsSynthesis& synthesis,
                                  std::uint64_t seed) {
  synthesis.validate();
  if (count < 0) {
    throw UsageError("right-hand side count must be >= 0, got " + std::to_string(count));
  }
  const int m = basis.count;
  const int low = std::min(m, m / 2 + synthesis.theta);  // the lowest m/2 + theta modes are weighted up
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0F, 1.0F);
  Eigen::MatrixXf coefficients(m, count);
  for (int s = 0; s < count; ++s) {
    for (int j = 0; j < m; ++j) {
      const float weight = j < low ? static_cast<float>(synthesis.low_weight) : 1.0F;
      coefficients(j, s) = weight * normal(rng);  // c_j
    }
  }
  std::vector<float> rhs(static_cast<std::size_t>(basis.n) * static_cast<std::size_t>(count));
  const Eigen::Map<const Eigen::MatrixXf> ritz(basis.vectors.data(), basis.n, m);
  Eigen::Map<Eigen::MatrixXf> out(rhs.data(), basis.n, count);  // column s = sample s (row-major count x n)
  out.noalias() = ritz * coefficients;                          // b_s = sum_j c_j y_j
  for (int s = 0; s < count; ++s) {
    out.col(s).normalize();  // ||b_s|| = 1
  }
  return rhs;
}

}  // namespace adasolve::dcdm
