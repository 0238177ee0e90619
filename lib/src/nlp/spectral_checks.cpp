#include "spectral_checks.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <memory>
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

/// The Lanczos tridiagonal T_k: alpha on the diagonal, beta beside it (k = alpha.size(); beta may hold one
/// more value, the next step's, which T_k does not use).
Eigen::MatrixXd lanczos_tridiagonal(const std::vector<double>& alpha, const std::vector<double>& beta) {
  const int k = static_cast<int>(alpha.size());
  Eigen::MatrixXd t = Eigen::MatrixXd::Zero(k, k);
  for (int i = 0; i < k; ++i) {
    t(i, i) = alpha[static_cast<std::size_t>(i)];
    if (i + 1 < k) {
      t(i, i + 1) = t(i + 1, i) = beta[static_cast<std::size_t>(i)];
    }
  }
  return t;
}

bool cholesky_succeeds(const CsrMatrix& a, double* flops) {
  try {
    backend::CholmodFactor f(a);
    if (flops != nullptr) {
      *flops += f.factor_flops();
    }
    return true;
  } catch (const InputError&) {
    return false;
  }
}

/// Every Gershgorin disc of H - eps I lies in (0, inf): H - eps I is positive definite.
bool gershgorin_positive(const CsrMatrix& h, double eps) {
  for (Index i = 0; i < h.rows(); ++i) {
    double diag = 0.0, off = 0.0;
    for (Index p = h.row_offsets()[i]; p < h.row_offsets()[i + 1]; ++p) {
      if (h.column_indices()[p] == i) {
        diag += h.values()[p];
      } else {
        off += std::abs(h.values()[p]);
      }
    }
    if (!(diag - eps > off)) {
      return false;
    }
  }
  return true;
}

/// nnz(G^T G) <= sum over the rows of G of nnz(row)^2 (each row contributes a dense block on its pattern).
/// Forming G^T G (and factoring H + rho G^T G) is sensible while that bound stays in proportion to the
/// problem: at most 8 (nnz(H) + nnz(G) + n) entries.
bool gram_is_sparse(const CsrMatrix& h, const CsrMatrix& g) {
  double bound = 0.0;
  for (Index i = 0; i < g.rows(); ++i) {
    const double k = static_cast<double>(g.row_offsets()[i + 1] - g.row_offsets()[i]);
    bound += k * k;
  }
  return bound <=
         8.0 * (static_cast<double>(h.nnz()) + static_cast<double>(g.nnz()) + static_cast<double>(h.rows()));
}

/// Projector onto null(G): P v = v - G^T (G G^T)^+ G v, with G G^T (m x m, formed sparsely: it is small
/// when G has few long rows) factored once. A rank-deficient G gets G G^T + tau I, tau = 1e-12 tr(G G^T)/m,
/// which projects onto a space at least as large as null(G): the test then errs towards "not positive".
class NullSpaceProjector {
 public:
  NullSpaceProjector(const CsrMatrix& g, double* flops) : g_(g) {
    if (g.rows() == 0) {
      return;
    }
    const CsrMatrix ggt = gram_rows(g, {}, flops);
    double trace = 0.0;
    for (Index i = 0; i < ggt.rows(); ++i) {
      trace += ggt.diagonal(i);
    }
    if (!(trace > 0.0)) {
      return;  // G = 0: null(G) is all of R^n, P = I
    }
    const double tau = 1e-12 * trace / static_cast<double>(ggt.rows());
    factor_ =
        std::make_unique<backend::CholmodFactor>(sparse_sum(1.0, ggt, tau, CsrMatrix::identity(ggt.rows())));
    gv_.resize(static_cast<std::size_t>(g.rows()));
    y_.resize(gv_.size());
  }
  void apply(std::vector<double>& v, double& flops) {
    if (!factor_) {
      return;
    }
    g_.multiply(v, gv_);
    factor_->solve(gv_, y_);
    for (Index j = 0; j < g_.rows(); ++j) {  // v -= G^T y, row by row (no stored G^T)
      for (Index p = g_.row_offsets()[j]; p < g_.row_offsets()[j + 1]; ++p) {
        v[static_cast<std::size_t>(g_.column_indices()[p])] -=
            y_[static_cast<std::size_t>(j)] * g_.values()[p];
      }
    }
    flops += 4.0 * static_cast<double>(g_.nnz()) + 2.0 * static_cast<double>(v.size());
  }

 private:
  const CsrMatrix& g_;
  std::unique_ptr<backend::CholmodFactor> factor_;
  std::vector<double> gv_, y_;
};

/// lambda_min(Z^T H Z) >= eps for an orthonormal basis Z of null(G), by Lanczos on P H P restricted to
/// null(G) (three-term recurrence, O(n) memory: no stored basis). Every Ritz value of the tridiagonal T_k is
/// a Rayleigh quotient of Z^T H Z, so theta_min(T_k) >= lambda_min: a Ritz value below eps proves the test
/// fails (exact "no"). A "yes" is an estimate: theta_min once converged (residual beta_k |s_k| small) or
/// after kMaxSteps steps, and it can miss an eigenvalue the start vector does not reach.
bool projected_lanczos_min_at_least(const CsrMatrix& h, const CsrMatrix& g, double eps, double* flops) {
  constexpr int kMaxSteps = 120;
  double local_flops = 0.0;
  NullSpaceProjector project(g, &local_flops);
  const auto n = static_cast<std::size_t>(h.rows());
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal;
  std::vector<double> v(n), v_prev(n, 0.0), w(n);
  for (auto& x : v) {
    x = normal(rng);
  }
  project.apply(v, local_flops);
  double norm = vec::norm2(v);
  bool answer = true;
  if (norm > 0.0) {
    vec::scale(1.0 / norm, v);
    std::vector<double> alpha, beta;
    double b_prev = 0.0;
    for (int j = 0; j < kMaxSteps; ++j) {
      h.multiply(v, w);  // w = P H v_j (v_j is in null(G))
      project.apply(w, local_flops);
      const double a = vec::dot(w, v);
      vec::axpy(-a, v, w);
      vec::axpy(-b_prev, v_prev, w);
      project.apply(w, local_flops);  // keep the recurrence inside null(G) against round-off
      local_flops += 2.0 * static_cast<double>(h.nnz()) + 8.0 * static_cast<double>(n);
      alpha.push_back(a);
      const double b = vec::norm2(w);
      const int k = static_cast<int>(alpha.size());
      const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(lanczos_tridiagonal(alpha, beta));
      const double theta = eig.eigenvalues()(0);
      if (theta < eps) {
        answer = false;  // a Rayleigh quotient below eps: lambda_min < eps for certain
        break;
      }
      const double residual = b * std::abs(eig.eigenvectors()(k - 1, 0));
      if (b <= 1e-12 * std::max(1.0, std::abs(a)) ||
          (k >= 10 && residual <= 1e-8 * std::max(1.0, std::abs(theta)))) {
        break;  // invariant subspace found, or theta_min converged
      }
      beta.push_back(b);
      v_prev.swap(v);
      for (std::size_t i = 0; i < n; ++i) {
        v[i] = w[i] / b;
      }
      b_prev = b;
    }
  }
  if (flops != nullptr) {
    *flops += local_flops;
  }
  return answer;
}

/// A <- S^-1 A S^-1 for S = diag(scale): a_ij / (s_i s_j).
void unscale_rows_and_columns(CsrMatrix& a, std::span<const double> scale) {
  auto values = a.values_mutable();
  for (Index i = 0; i < a.rows(); ++i) {
    for (Index p = a.row_offsets()[i]; p < a.row_offsets()[i + 1]; ++p) {
      values[static_cast<std::size_t>(p)] /=
          scale[static_cast<std::size_t>(i)] * scale[static_cast<std::size_t>(a.column_indices()[p])];
    }
  }
}

/// lambda_min of the symmetric positive semidefinite A by Lanczos on (A + shift I)^-1 (one CHOLMOD factor,
/// full reorthogonalisation): the smallest eigenvalues of A are the largest of the inverse and are far apart
/// there, so the largest Ritz value theta converges in a few steps, and lambda_min = 1 / theta - shift. It
/// stops when the Ritz residual beta_k |s_k| is below 1e-3 theta (lambda_min to about 0.1%) or after 40
/// steps. theta <= lambda_max(A^-1) always, so the value is an upper estimate until it has converged. A
/// factorisation that fails (A + shift I not positive definite in floating point) means lambda_min(A) <
/// ~shift: 0 is returned.
double shift_invert_lanczos_min(const CsrMatrix& a, double shift, double& flops) {
  constexpr int kMaxSteps = 40;
  std::unique_ptr<backend::CholmodFactor> factor;
  try {
    factor =
        std::make_unique<backend::CholmodFactor>(sparse_sum(1.0, a, shift, CsrMatrix::identity(a.rows())));
  } catch (const InputError&) {
    return 0.0;
  }
  flops += factor->factor_flops();
  const auto n = static_cast<std::size_t>(a.rows());
  const int steps = static_cast<int>(std::min<std::size_t>(kMaxSteps, n));
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal;
  std::vector<std::vector<double>> basis;
  std::vector<double> v(n), w(n);
  for (auto& x : v) {
    x = normal(rng);
  }
  vec::scale(1.0 / vec::norm2(v), v);
  std::vector<double> alpha, beta;
  double theta = 0.0;
  for (int j = 0; j < steps; ++j) {
    basis.push_back(v);
    factor->solve(v, w);  // w = (A + shift I)^-1 v_j
    alpha.push_back(vec::dot(w, v));
    for (const auto& q : basis) {
      vec::axpy(-vec::dot(w, q), q, w);  // full reorthogonalisation
    }
    flops += 4.0 * factor->factor_nnz() + 4.0 * static_cast<double>(n * basis.size());
    const double b = vec::norm2(w);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(lanczos_tridiagonal(alpha, beta));
    const auto k = static_cast<Eigen::Index>(alpha.size());
    theta = eig.eigenvalues()(k - 1);
    const double residual = b * std::abs(eig.eigenvectors()(k - 1, k - 1));
    if (b <= 1e-14 * std::abs(theta) || residual <= 1e-3 * theta) {
      break;
    }
    beta.push_back(b);
    for (std::size_t i = 0; i < n; ++i) {
      v[i] = w[i] / b;
    }
  }
  return theta > 0.0 ? std::max(1.0 / theta - shift, 0.0) : 0.0;
}
}  // namespace

JacobianConditioning jacobian_conditioning(const CsrMatrix& g, std::span<const double> row_scale,
                                           double threshold) {
  JacobianConditioning out;
  if (g.rows() == 0) {
    out.lambda_min = 1.0;
    return out;
  }
  CsrMatrix ggt = gram_rows(g, {}, &out.flops);
  if (!row_scale.empty()) {
    unscale_rows_and_columns(ggt, row_scale);  // S^-1 G G^T S^-1: the Jacobian of the problem as posed
  }
  if (g.rows() <= kDenseLimit) {
    out.lambda_min = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(to_dense(ggt), Eigen::EigenvaluesOnly)
                         .eigenvalues()(0);
    out.flops += 9.0 * std::pow(static_cast<double>(g.rows()), 3);
  } else {
    out.lambda_min = shift_invert_lanczos_min(ggt, 1e-3 * threshold, out.flops);
  }
  out.singular = !(out.lambda_min >= threshold);
  return out;
}

bool reduced_hessian_positive(const CsrMatrix& h, const CsrMatrix& g, double eps, double* flops,
                              bool* estimated) {
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
  if (gram_is_sparse(h, g)) {
    // Rows of G scaled to unit length (null(G) is unchanged), so that rho G^T G has the scale rho whatever
    // the constraint scaling: a larger rho G^T G would swamp eps in the rounding of the factorisation.
    std::vector<double> unit_rows(static_cast<std::size_t>(m), 0.0);
    for (Index i = 0; i < m; ++i) {
      double row = 0.0;
      for (Index p = g.row_offsets()[i]; p < g.row_offsets()[i + 1]; ++p) {
        row += g.values()[p] * g.values()[p];
      }
      unit_rows[static_cast<std::size_t>(i)] = row > 0.0 ? 1.0 / row : 0.0;
    }
    const double rho = 1e4 * std::max(1.0, frobenius_norm(h));
    const CsrMatrix gtg = sparse_product(g.transpose(), unit_rows, g, flops);
    return cholesky_succeeds(sparse_sum(1.0, sparse_sum(1.0, h, rho, gtg), -eps, CsrMatrix::identity(n)),
                             flops);
  }
  // G^T G would be dense (G has long rows: dense constraint rows over 10^5 variables hold 10^10 entries).
  // H - eps I > 0 on all of R^n implies it on null(G). Gershgorin decides that sufficient condition in
  // O(nnz): every h_ii - eps > sum_{j != i} |h_ij|. (No Cholesky of H: on LIBSVM data the pattern of X^T X
  // is a random graph whose factor fills in to nearly n^2.)
  if (gershgorin_positive(h, eps)) {
    return true;
  }
  const bool positive = projected_lanczos_min_at_least(h, g, eps, flops);
  if (positive && estimated != nullptr) {
    *estimated = true;
  }
  return positive;
}

}  // namespace adasolve::nlp::detail
