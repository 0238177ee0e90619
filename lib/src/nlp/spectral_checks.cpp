#include "spectral_checks.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <random>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "sparse_products.hpp"

namespace adasolve::nlp::detail {

namespace {

Eigen::MatrixXd to_dense(const CsrMatrix& a) {
  Eigen::MatrixXd d = Eigen::MatrixXd::Zero(a.rows(), a.cols());
  for (Index i = 0; i < a.rows(); ++i) {
    for (Index p = a.row_offsets()[i]; p < a.row_offsets()[i + 1]; ++p) {
      d(i, a.column_indices()[p]) = a.values()[p];
    }
  }
  return d;
}

/// Smallest Ritz value of the SPD matrix A after `steps` Lanczos steps (full reorthogonalisation).
double lanczos_min(const CsrMatrix& a, int steps, double& flops) {
  const Index n = a.rows();
  steps = std::min<int>(steps, n);
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal;
  std::vector<std::vector<double>> basis;
  std::vector<double> v(static_cast<std::size_t>(n)), w(static_cast<std::size_t>(n));
  for (auto& x : v) {
    x = normal(rng);
  }
  vec::scale(1.0 / vec::norm2(v), v);
  std::vector<double> alpha, beta;
  for (int j = 0; j < steps; ++j) {
    basis.push_back(v);
    a.multiply(v, w);  // w = A v_j
    alpha.push_back(vec::dot(w, v));
    for (const auto& q : basis) {
      vec::axpy(-vec::dot(w, q), q, w);  // full reorthogonalisation
    }
    flops += 2.0 * a.nnz() + 4.0 * n * static_cast<double>(basis.size());
    const double b = vec::norm2(w);
    if (b < 1e-12 * std::abs(alpha.back()) || j + 1 == steps) {
      break;
    }
    beta.push_back(b);
    for (Index i = 0; i < n; ++i) {
      v[static_cast<std::size_t>(i)] = w[static_cast<std::size_t>(i)] / b;
    }
  }
  const int k = static_cast<int>(alpha.size());
  Eigen::MatrixXd t = Eigen::MatrixXd::Zero(k, k);
  for (int i = 0; i < k; ++i) {
    t(i, i) = alpha[static_cast<std::size_t>(i)];
    if (i + 1 < k) {
      t(i, i + 1) = t(i + 1, i) = beta[static_cast<std::size_t>(i)];
    }
  }
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(t, Eigen::EigenvaluesOnly).eigenvalues()(0);
}

bool cholesky_succeeds(const CsrMatrix& a, double* flops) {
  try {
    CholmodFactor f(a);
    if (flops != nullptr) {
      *flops += f.factor_flops();
    }
    return true;
  } catch (const InputError&) {
    return false;
  }
}

}  // namespace

JacobianConditioning jacobian_conditioning(const CsrMatrix& g, double threshold) {
  JacobianConditioning out;
  if (g.rows() == 0) {
    out.lambda_min = 1.0;
    return out;
  }
  const CsrMatrix ggt = sparse_product(g, {}, g.transpose(), &out.flops);
  if (g.rows() <= kDenseLimit) {
    out.lambda_min = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(to_dense(ggt), Eigen::EigenvaluesOnly)
                         .eigenvalues()(0);
    out.flops += 9.0 * std::pow(static_cast<double>(g.rows()), 3);
    out.singular = !(out.lambda_min >= threshold);
    return out;
  }
  out.singular =
      !cholesky_succeeds(sparse_sum(1.0, ggt, -threshold, CsrMatrix::identity(ggt.rows())), &out.flops);
  out.lambda_min = lanczos_min(ggt, 60, out.flops);
  return out;
}

bool reduced_hessian_positive(const CsrMatrix& h, const CsrMatrix& g, double eps, double* flops) {
  const Index n = h.rows();
  const Index m = g.rows();
  if (n <= m) {
    return true;
  }
  if (n <= kDenseLimit) {
    const Eigen::MatrixXd hd = to_dense(h);
    Eigen::MatrixXd z;
    if (m == 0) {
      z = Eigen::MatrixXd::Identity(n, n);
    } else {
      Eigen::HouseholderQR<Eigen::MatrixXd> qr(to_dense(g).transpose());
      const Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(n, n);
      z = q.rightCols(n - m);  // columns m+1..n of Q span null(G)
    }
    const Eigen::MatrixXd reduced = z.transpose() * hd * z;
    if (flops != nullptr) {
      *flops += 4.0 * std::pow(static_cast<double>(n), 3);
    }
    const double lmin =
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(reduced, Eigen::EigenvaluesOnly).eigenvalues()(0);
    return lmin >= eps;
  }
  const double rho = 1e4 * std::max(1.0, frobenius_norm(h));
  const CsrMatrix gtg = sparse_product(g.transpose(), {}, g, flops);
  return cholesky_succeeds(sparse_sum(1.0, sparse_sum(1.0, h, rho, gtg), -eps, CsrMatrix::identity(n)),
                           flops);
}

}  // namespace adasolve::nlp::detail
