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
    throw UsageError("deflation.lanczos_steps must be >= deflation.vectors, got " + std::to_string(lanczos_steps));
  }
}

DeflatedPcgSolver::DeflatedPcgSolver(DeflationSettings settings, StoppingCriteria criteria)
    : LinearSolver(criteria), settings_(settings) {
  settings_.validate();
}

void DeflatedPcgSolver::report_parameters(SolveReport& report) const {
  report.parameters["deflation_vectors"] = k_;
  report.parameters["lanczos_steps"] = settings_.lanczos_steps;
}

void DeflatedPcgSolver::setup_impl(const CsrMatrix& a) {
  const Index n = a.rows();
  const auto un = static_cast<std::size_t>(n);
  inverse_diagonal_.resize(un);
  for (Index i = 0; i < n; ++i) {
    const double d = a.diagonal(i);
    if (!(d > 0.0)) {
      throw InputError("deflated-pcg: diagonal entry of row " + std::to_string(i + 1) +
                       " is not positive (the matrix is not SPD)");
    }
    inverse_diagonal_[static_cast<std::size_t>(i)] = 1.0 / d;
  }
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
  r_.assign(un, 0.0);
  z_.assign(un, 0.0);
  p_.assign(un, 0.0);
  q_.assign(un, 0.0);
  coefficients_.assign(static_cast<std::size_t>(k_), 0.0);
  solved_.assign(static_cast<std::size_t>(k_), 0.0);
}

void DeflatedPcgSolver::deflate(std::span<const double> z, std::span<double> v) {
  const std::size_t n = z.size();
  for (int j = 0; j < k_; ++j) {
    coefficients_[static_cast<std::size_t>(j)] = vec::dot(std::span<const double>(aw_.data() + j * n, n), z);
  }
  for (int i = 0; i < k_; ++i) {  // solved = E^-1 (A W)^T z
    double s = 0.0;
    for (int j = 0; j < k_; ++j) {
      s += e_inverse_[static_cast<std::size_t>(i * k_ + j)] * coefficients_[static_cast<std::size_t>(j)];
    }
    solved_[static_cast<std::size_t>(i)] = s;
  }
  for (int j = 0; j < k_; ++j) {
    vec::axpy(-solved_[static_cast<std::size_t>(j)], std::span<const double>(w_.data() + j * n, n), v);
  }
}

void DeflatedPcgSolver::solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) {
  const CsrMatrix& a = matrix();
  const std::size_t n = b.size();
  auto precondition = [&]() {
    for (std::size_t i = 0; i < n; ++i) {
      z_[i] = inverse_diagonal_[i] * r_[i];  // z <- D^-1 r
    }
  };
  // x0 <- x0 + W E^-1 W^T r0: the initial error has no component in span(W) (A-orthogonally).
  a.residual(b, x, r_);
  for (int j = 0; j < k_; ++j) {
    coefficients_[static_cast<std::size_t>(j)] = vec::dot(std::span<const double>(w_.data() + j * n, n), r_);
  }
  for (int i = 0; i < k_; ++i) {
    double s = 0.0;
    for (int j = 0; j < k_; ++j) {
      s += e_inverse_[static_cast<std::size_t>(i * k_ + j)] * coefficients_[static_cast<std::size_t>(j)];
    }
    vec::axpy(s, std::span<const double>(w_.data() + i * n, n), x);
  }
  a.residual(b, x, r_);
  precondition();
  vec::copy(z_, p_);
  deflate(z_, p_);                           // p0 = z0 - W E^-1 (AW)^T z0
  double rz = vec::dot(r_, z_);
  for (int it = 0; it < log.criteria().max_iters; ++it) {
    a.multiply(p_, q_);                      // q = A p
    const double pq = vec::dot(p_, q_);
    if (!std::isfinite(pq) || !std::isfinite(rz)) {
      log.finish(StopReason::nan_or_inf);
      return;
    }
    if (pq <= 0.0) {
      log.finish(pq < 0.0 ? StopReason::indefinite : StopReason::breakdown);
      return;
    }
    const double alpha = rz / pq;
    vec::axpy(alpha, p_, x);                 // x += alpha p
    vec::axpy(-alpha, q_, r_);               // r -= alpha A p
    double rnorm = vec::norm2(r_);
    if (log.converged(rnorm)) {
      a.residual(b, x, r_);                  // confirm with the true residual
      rnorm = vec::norm2(r_);
    }
    log.record(rnorm);
    if (log.converged(rnorm)) {
      log.finish(StopReason::converged_rtol);
      return;
    }
    if (!std::isfinite(rnorm)) {
      log.finish(StopReason::nan_or_inf);
      return;
    }
    precondition();
    const double rz_next = vec::dot(r_, z_);
    if (!(rz_next > 0.0)) {
      log.finish(rz_next == 0.0 ? StopReason::breakdown : StopReason::indefinite);
      return;
    }
    const double beta = rz_next / rz;
    rz = rz_next;
    vec::xpby(z_, beta, p_);                 // p = z + beta p
    deflate(z_, p_);                         //     - W E^-1 (AW)^T z
  }
  log.finish(StopReason::max_iterations);
}

}  // namespace adasolve::dcdm
