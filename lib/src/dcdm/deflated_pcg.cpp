#include "adasolve/dcdm/deflated_pcg.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "adasolve/dcdm/training_data.hpp"

namespace adasolve::dcdm {

void DeflationSettings::validate() const {
  if (vectors < 1) {
    throw UsageError("deflation.vectors must be >= 1, got " + std::to_string(vectors));
  }
  if (lanczos_steps < vectors) {
    throw UsageError("deflation.lanczos_steps must be >= deflation.vectors, got " +
                     std::to_string(lanczos_steps));
  }
}

DeflatedPcgSolver::DeflatedPcgSolver(DeflationSettings settings, StoppingCriteria criteria)
    : linear::PcgSolver(linear::make_jacobi_preconditioner(), criteria), settings_(settings) {
  settings_.validate();
}

void DeflatedPcgSolver::report_parameters(SolveReport& report) const {
  report.parameters["deflation_vectors"] = k_;
  report.parameters["lanczos_steps"] = settings_.lanczos_steps;
}

void DeflatedPcgSolver::setup_impl(const CsrMatrix& a) {
  const Index n = a.rows();
  const auto un = static_cast<std::size_t>(n);
  for (Index i = 0; i < n; ++i) {
    if (!(a.diagonal(i) > 0.0)) {
      throw InputError("deflated-pcg: diagonal entry of row " + std::to_string(i + 1) +
                       " is not positive (the matrix is not SPD)");
    }
  }
  linear::PcgSolver::setup_impl(a);  // M = diag(A) and the loop's vectors
  const int steps = std::min<int>(settings_.lanczos_steps, n);
  const RitzBasis basis = lanczos_ritz(a, steps, settings_.seed);
  k_ = std::min(settings_.vectors, basis.count);
  w_.resize(un * static_cast<std::size_t>(k_));
  aw_.resize(w_.size());
  for (int j = 0; j < k_; ++j) {  // lowest Ritz vectors first
    const std::span<double> wj(w_.data() + j * un, un);
    std::copy_n(basis.vectors.data() + j * un, un, wj.begin());
    a.multiply(wj, std::span<double>(aw_.data() + j * un, un));  // A w_j
  }
  // E = W^T A W (symmetric positive definite for independent w_j), inverted once: k is small.
  Eigen::MatrixXd e(k_, k_);
  for (int i = 0; i < k_; ++i) {
    for (int j = 0; j < k_; ++j) {
      e(i, j) = vec::dot(std::span<const double>(w_.data() + i * un, un),
                         std::span<const double>(aw_.data() + j * un, un));
    }
  }
  const Eigen::MatrixXd e_sym = 0.5 * (e + e.transpose());
  const Eigen::LDLT<Eigen::MatrixXd> ldlt(e_sym);
  if (ldlt.info() != Eigen::Success || !ldlt.isPositive()) {
    throw InputError("deflated-pcg: W^T A W is not positive definite (the matrix is not SPD)");
  }
  const Eigen::MatrixXd inverse = ldlt.solve(Eigen::MatrixXd::Identity(k_, k_));
  e_inverse_.resize(static_cast<std::size_t>(k_) * static_cast<std::size_t>(k_));
  for (int i = 0; i < k_; ++i) {
    for (int j = 0; j < k_; ++j) {
      e_inverse_[static_cast<std::size_t>(i * k_ + j)] = inverse(i, j);
    }
  }
  residual_.assign(un, 0.0);
  coefficients_.assign(static_cast<std::size_t>(k_), 0.0);
  solved_.assign(static_cast<std::size_t>(k_), 0.0);
}

void DeflatedPcgSolver::solve_small(const std::vector<double>& columns, std::span<const double> v) {
  const std::size_t n = v.size();
  for (int j = 0; j < k_; ++j) {
    coefficients_[static_cast<std::size_t>(j)] =
        vec::dot(std::span<const double>(columns.data() + j * n, n), v);
  }
  for (int i = 0; i < k_; ++i) {  // solved = E^-1 coefficients
    double s = 0.0;
    for (int j = 0; j < k_; ++j) {
      s += e_inverse_[static_cast<std::size_t>(i * k_ + j)] * coefficients_[static_cast<std::size_t>(j)];
    }
    solved_[static_cast<std::size_t>(i)] = s;
  }
}

void DeflatedPcgSolver::adjust_initial_guess(std::span<const double> b, std::span<double> x) {
  // x0 <- x0 + W E^-1 W^T r0: the initial error has no component in span(W) (A-orthogonally).
  const std::size_t n = b.size();
  matrix().residual(b, x, residual_);
  solve_small(w_, residual_);
  for (int j = 0; j < k_; ++j) {
    vec::axpy(solved_[static_cast<std::size_t>(j)], std::span<const double>(w_.data() + j * n, n), x);
  }
}

void DeflatedPcgSolver::project_direction(std::span<const double> z, std::span<double> p) {
  // p <- p - W E^-1 (A W)^T z: every direction stays A-orthogonal to span(W).
  const std::size_t n = z.size();
  solve_small(aw_, z);
  for (int j = 0; j < k_; ++j) {
    vec::axpy(-solved_[static_cast<std::size_t>(j)], std::span<const double>(w_.data() + j * n, n), p);
  }
}

}  // namespace adasolve::dcdm
