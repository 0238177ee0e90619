#include "adasolve/nlp/sketch.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "sparse_products.hpp"

namespace adasolve::nlp {

std::string to_string(SketchKind kind) {
  switch (kind) {
    case SketchKind::gaussian:
      return "gaussian";
    case SketchKind::kaczmarz:
      return "kaczmarz";
    case SketchKind::kaczmarz_rownorm:
      return "kaczmarz-rownorm";
    case SketchKind::block_gaussian:
      return "block-gaussian";
    case SketchKind::block_kaczmarz:
      return "block-kaczmarz";
    case SketchKind::preconditioned:
      return "preconditioned";
  }
  return "?";
}

SketchKind parse_sketch_kind(const std::string& name) {
  for (auto k : {SketchKind::gaussian, SketchKind::kaczmarz, SketchKind::kaczmarz_rownorm,
                 SketchKind::block_gaussian, SketchKind::block_kaczmarz, SketchKind::preconditioned}) {
    if (to_string(k) == name) {
      return k;
    }
  }
  throw UsageError(
      "sketch must be gaussian, kaczmarz, kaczmarz-rownorm, block-gaussian, block-kaczmarz or "
      "preconditioned, got '" +
      name + "'");
}

std::span<const SettingField<SketchSettings>> SketchSettings::fields() {
  static const SettingField<SketchSettings> described[] = {
      {"sketch.block_size", &SketchSettings::block_size,
       "s: columns of the block-gaussian and block-kaczmarz sketches, an error for the others",
       SettingRange::closed(1.0, 256.0)},
      {"sketch.max_steps", &SketchSettings::max_steps, "sketch steps per KKT solve",
       SettingRange::at_least(1.0)},
  };
  return described;
}

std::span<const SettingChoice<SketchSettings>> SketchSettings::choices() {
  // `preconditioned` is still parsed (the deprecated spelling of inner = minres-cholmod, which the caller
  // turns into that) but no longer offered.
  static const SettingChoice<SketchSettings> described[] = {[] {
    auto kind =
        enum_choice("sketch", &SketchSettings::kind,
                    "randomized sketch of inner = sketch: gaussian (the paper's GV), kaczmarz (RK, "
                    "uniform rows), kaczmarz-rownorm, block-gaussian or block-kaczmarz",
                    std::array{SketchKind::gaussian, SketchKind::kaczmarz, SketchKind::kaczmarz_rownorm,
                               SketchKind::block_gaussian, SketchKind::block_kaczmarz});
    kind.set = [](SketchSettings& s, const std::string& name) { s.kind = parse_sketch_kind(name); };
    return kind;
  }()};
  return described;
}

void SketchSettings::validate() const { check_ranges(*this, fields()); }

namespace {

using Dense = Eigen::MatrixXd;

/// y = (W^T W)^+ t by a complete orthogonal decomposition (W^T W may be singular when sketch columns repeat).
Eigen::VectorXd pseudo_solve(const Dense& gram, const Eigen::VectorXd& t) {
  return gram.completeOrthogonalDecomposition().solve(t);
}

}  // namespace

struct SketchProjectSolver::Impl {
  std::shared_ptr<const CsrMatrix> k;
  Index n_primal = 0;
  Index size = 0;
  SketchSettings settings;
  std::mt19937_64* rng = nullptr;
  std::vector<double> b, z, r;
  std::vector<double> row_norm2;                  // ||K_i||^2
  std::discrete_distribution<Index> by_row_norm;  // P(i) ~ ||K_i||^2
  long steps_since_refresh = 0;
  double setup_flops = 0.0;
  // preconditioned sketch
  std::vector<double> diag_scale;                 // D_i = ||B_i||_2 (floored)
  std::unique_ptr<backend::CholmodFactor> schur;  // G D^-1 G^T + |K_22| = L L^T
  double schur_solve_flops = 0.0;
  std::vector<double> work;

  double nnz() const { return static_cast<double>(k->nnz()); }

  void refresh_residual() {  // r <- K z - b
    k->multiply(z, r);
    vec::axpy(-1.0, b, r);
    steps_since_refresh = 0;
  }

  /// One Kaczmarz step on row i: z <- z - (r_i / ||K_i||^2) K_i^T and r <- r - (r_i / ||K_i||^2) K K_i^T,
  /// where K K_i^T = sum_j K_ij K_j because K is symmetric. Returns flops.
  double kaczmarz_step(Index i) {
    const auto off = k->row_offsets();
    const auto col = k->column_indices();
    const auto val = k->values();
    if (row_norm2[static_cast<std::size_t>(i)] == 0.0) {
      return 0.0;
    }
    const double coef = r[static_cast<std::size_t>(i)] / row_norm2[static_cast<std::size_t>(i)];
    double flops = 0.0;
    for (Index p = off[i]; p < off[i + 1]; ++p) {
      const Index j = col[p];
      const double s = coef * val[p];
      z[static_cast<std::size_t>(j)] -= s;  // z <- z - (r_i / ||K_i||^2) K_i^T
      for (Index q = off[j]; q < off[j + 1]; ++q) {
        r[static_cast<std::size_t>(col[q])] -= s * val[q];  // r <- r - s K_j
      }
      flops += 2.0 + 2.0 * (off[j + 1] - off[j]);
    }
    return flops;
  }

  /// General block step with a dense sketch S (size x s): W = K S, y = (W^T W)^+ S^T r, z -= W y, r -= K W y.
  double dense_block_step(const Dense& s) {
    const Index cols = static_cast<Index>(s.cols());
    Dense w(size, cols);
    std::vector<double> in(static_cast<std::size_t>(size)), out(static_cast<std::size_t>(size));
    for (Index c = 0; c < cols; ++c) {
      Eigen::Map<Eigen::VectorXd>(in.data(), size) = s.col(c);
      k->multiply(in, out);
      w.col(c) = Eigen::Map<Eigen::VectorXd>(out.data(), size);
    }
    Eigen::Map<Eigen::VectorXd> rv(r.data(), size), zv(z.data(), size);
    const Eigen::VectorXd y = pseudo_solve(w.transpose() * w, s.transpose() * rv);
    const Eigen::VectorXd u = w * y;
    zv -= u;
    std::copy(u.data(), u.data() + size, in.begin());
    k->multiply(in, out);
    rv -= Eigen::Map<Eigen::VectorXd>(out.data(), size);
    return 2.0 * nnz() * (cols + 1) + 2.0 * size * cols * (cols + 3);
  }

  /// Block Kaczmarz with sparse rows i_1..i_s (drawn by row norm): W = [K_i1^T ...].
  double block_kaczmarz_step(const std::vector<Index>& rows) {
    const auto off = k->row_offsets();
    const auto col = k->column_indices();
    const auto val = k->values();
    const Index s = static_cast<Index>(rows.size());
    Dense gram(s, s);
    Eigen::VectorXd t(s);
    double flops = 0.0;
    if (work.size() != static_cast<std::size_t>(size)) {
      work.assign(static_cast<std::size_t>(size), 0.0);
    }
    for (Index a = 0; a < s; ++a) {
      const Index ia = rows[static_cast<std::size_t>(a)];
      t(a) = r[static_cast<std::size_t>(ia)];
      for (Index p = off[ia]; p < off[ia + 1]; ++p) {
        work[static_cast<std::size_t>(col[p])] = val[p];
      }
      for (Index bb = 0; bb <= a; ++bb) {
        const Index ib = rows[static_cast<std::size_t>(bb)];
        double d = 0.0;
        for (Index p = off[ib]; p < off[ib + 1]; ++p) {
          d += val[p] * work[static_cast<std::size_t>(col[p])];
        }
        gram(a, bb) = gram(bb, a) = d;  // (W^T W)_ab = K_ia . K_ib
        flops += 2.0 * (off[ib + 1] - off[ib]);
      }
      for (Index p = off[ia]; p < off[ia + 1]; ++p) {
        work[static_cast<std::size_t>(col[p])] = 0.0;
      }
    }
    const Eigen::VectorXd y = pseudo_solve(gram, t);
    for (Index a = 0; a < s; ++a) {
      const Index ia = rows[static_cast<std::size_t>(a)];
      for (Index p = off[ia]; p < off[ia + 1]; ++p) {
        const Index j = col[p];
        const double sc = y(a) * val[p];
        z[static_cast<std::size_t>(j)] -= sc;  // z <- z - W y
        for (Index q = off[j]; q < off[j + 1]; ++q) {
          r[static_cast<std::size_t>(col[q])] -= sc * val[q];  // r <- r - K W y
        }
        flops += 2.0 + 2.0 * (off[j + 1] - off[j]);
      }
    }
    return flops + 2.0 * s * s * s;
  }

  void setup_preconditioner() {
    const auto off = k->row_offsets();
    const auto col = k->column_indices();
    const auto val = k->values();
    // D_i = ||B_i||_2 (row norm of B, which is |B_ii| when B is diagonal), floored at 1e-3 max_j D_j so that
    // a zero diagonal (HS40's Hessian) or a zero row does not put 1/0 into G D^-1 G^T.
    diag_scale.assign(static_cast<std::size_t>(n_primal), 0.0);
    double largest = 0.0;
    for (Index i = 0; i < n_primal; ++i) {
      double row = 0.0;
      for (Index p = off[i]; p < off[i + 1]; ++p) {
        if (col[p] < n_primal) {
          row += val[p] * val[p];
        }
      }
      diag_scale[static_cast<std::size_t>(i)] = std::sqrt(row);
      largest = std::max(largest, diag_scale[static_cast<std::size_t>(i)]);
    }
    for (double& d : diag_scale) {
      d = std::max({d, 1e-3 * largest, 1e-8});
    }
    const Index m = size - n_primal;
    if (m == 0) {
      return;
    }
    // G = rows n.. of K restricted to columns < n (columns are sorted, so a prefix of each row), copied
    // straight into CSR arrays: dense constraint rows over 10^6 variables make G large.
    std::vector<Index> g_offsets{0}, g_columns;
    std::vector<double> g_values;
    std::size_t g_nnz = 0;
    for (Index i = n_primal; i < size; ++i) {
      for (Index p = off[i]; p < off[i + 1] && col[p] < n_primal; ++p) {
        ++g_nnz;
      }
    }
    g_columns.reserve(g_nnz);  // exact sizes: growth by doubling would hold up to twice G
    g_values.reserve(g_nnz);
    for (Index i = n_primal; i < size; ++i) {
      for (Index p = off[i]; p < off[i + 1] && col[p] < n_primal; ++p) {
        g_columns.push_back(col[p]);
        g_values.push_back(val[p]);
      }
      g_offsets.push_back(static_cast<Index>(g_columns.size()));
    }
    const CsrMatrix g(m, n_primal, std::move(g_offsets), std::move(g_columns), std::move(g_values));
    std::vector<double> inv_d(diag_scale.size());
    for (std::size_t i = 0; i < inv_d.size(); ++i) {
      inv_d[i] = 1.0 / diag_scale[i];
    }
    CsrMatrix s = detail::gram_rows(g, inv_d, &setup_flops);
    // + |K_22| (the regularization block -r I of a singular Jacobian, zero otherwise) keeps it SPD.
    std::vector<Triplet> c22;
    for (Index i = n_primal; i < size; ++i) {
      c22.push_back({i - n_primal, i - n_primal, std::abs(k->diagonal(i))});
    }
    s = detail::sparse_sum(1.0, s, 1.0, CsrMatrix::from_triplets(m, m, c22));
    // G D^-1 G^T is SPD when G has full row rank (checked by the caller); a tiny shift guards rounding.
    double trace = 0.0;
    for (Index i = 0; i < m; ++i) {
      trace += s.diagonal(i);
    }
    for (double shift : {0.0, 1e-12, 1e-8}) {
      try {
        schur = std::make_unique<backend::CholmodFactor>(
            detail::sparse_sum(1.0, s, shift * trace / m, CsrMatrix::identity(m)));
        break;
      } catch (const InputError&) {
        schur.reset();
      }
    }
    if (!schur) {
      throw InputError(
          "preconditioned sketch: G D^-1 G^T is not positive definite (rank-deficient Jacobian)");
    }
    setup_flops += schur->factor_flops();
    schur_solve_flops = 4.0 * schur->factor_nnz();
  }

  /// u <- P^-1 v, P = blkdiag(D, G D^-1 G^T).
  void apply_preconditioner(const std::vector<double>& v, std::vector<double>& u) const {
    for (Index i = 0; i < n_primal; ++i) {
      u[static_cast<std::size_t>(i)] =
          v[static_cast<std::size_t>(i)] / diag_scale[static_cast<std::size_t>(i)];
    }
    if (schur) {
      const std::size_t n = static_cast<std::size_t>(n_primal);
      schur->solve(std::span<const double>(v).subspan(n), std::span<double>(u).subspan(n));
    }
  }

  // Preconditioned MINRES state (Elman, Silvester & Wathen, Alg. 4.1 / Paige & Saunders), for K z = b from z
  // = 0.
  struct Minres {
    std::vector<double> v_prev, v, u, w_prev, w, kw_prev, kw, ku;
    double gamma_prev = 1.0, gamma = 0.0, eta = 0.0;
    double c_prev = 1.0, c = 1.0, s_prev = 0.0, s = 0.0;
    double gamma_first = 0.0;
    long steps = 0;
    bool started = false;
  } mr;

  void minres_start() {
    const std::size_t n = static_cast<std::size_t>(size);
    mr = Minres{};
    mr.v_prev.assign(n, 0.0);
    mr.v.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      mr.v[i] = -r[i];  // v1 = b - K z (z = 0 here or the current z)
    }
    mr.u.resize(n);
    apply_preconditioner(mr.v, mr.u);  // u1 = P^-1 v1
    mr.gamma = std::sqrt(std::max(vec::dot(mr.u, mr.v), 0.0));
    mr.eta = mr.gamma;
    mr.gamma_first = mr.gamma;
    mr.w_prev.assign(n, 0.0);
    mr.w.assign(n, 0.0);
    mr.kw_prev.assign(n, 0.0);
    mr.kw.assign(n, 0.0);
    mr.ku.resize(n);
    mr.started = true;
  }

  /// One MINRES step: the sketch of this step is the next preconditioned Lanczos vector (see sketch.hpp).
  double preconditioned_step() {
    // Restart from the current z once the Krylov space is exhausted (N steps) or the Lanczos vectors have
    // lost their size to rounding: past that point the short recurrence only adds noise.
    if (!mr.started || mr.steps >= size || mr.gamma <= 1e-14 * mr.gamma_first) {
      minres_start();
      if (mr.gamma == 0.0) {
        return 0.0;  // r = 0: nothing to do
      }
    }
    ++mr.steps;
    const std::size_t n = static_cast<std::size_t>(size);
    vec::scale(1.0 / mr.gamma, mr.u);  // u_j = u_j / gamma_j
    k->multiply(mr.u, mr.ku);          // K u_j
    const double delta = vec::dot(mr.ku, mr.u);
    // v_{j+1} = K u_j - (delta/gamma_j) v_j - (gamma_j/gamma_{j-1}) v_{j-1}
    std::vector<double> v_next(n);
    for (std::size_t i = 0; i < n; ++i) {
      v_next[i] = mr.ku[i] - (delta / mr.gamma) * mr.v[i] - (mr.gamma / mr.gamma_prev) * mr.v_prev[i];
    }
    std::vector<double> u_next(n);
    apply_preconditioner(v_next, u_next);
    const double gamma_next = std::sqrt(std::max(vec::dot(u_next, v_next), 0.0));
    // Givens rotations of the tridiagonal Lanczos matrix
    const double a0 = mr.c * delta - mr.c_prev * mr.s * mr.gamma;
    const double a1 = std::hypot(a0, gamma_next);
    const double a2 = mr.s * delta + mr.c_prev * mr.c * mr.gamma;
    const double a3 = mr.s_prev * mr.gamma;
    const double c_next = a0 / a1, s_next = gamma_next / a1;
    // w_{j+1} = (u_j - a3 w_{j-1} - a2 w_j) / a1, and K w_{j+1} by the same recurrence
    std::vector<double> w_next(n), kw_next(n);
    for (std::size_t i = 0; i < n; ++i) {
      w_next[i] = (mr.u[i] - a3 * mr.w_prev[i] - a2 * mr.w[i]) / a1;
      kw_next[i] = (mr.ku[i] - a3 * mr.kw_prev[i] - a2 * mr.kw[i]) / a1;
    }
    const double tau = c_next * mr.eta;
    vec::axpy(tau, w_next, z);   // z <- z + c_{j+1} eta w_{j+1}
    vec::axpy(tau, kw_next, r);  // r = K z - b follows
    mr.eta = -s_next * mr.eta;
    mr.v_prev.swap(mr.v);
    mr.v.swap(v_next);
    mr.u.swap(u_next);
    mr.w_prev.swap(mr.w);
    mr.w.swap(w_next);
    mr.kw_prev.swap(mr.kw);
    mr.kw.swap(kw_next);
    mr.gamma_prev = mr.gamma;
    mr.gamma = gamma_next;
    mr.c_prev = mr.c;
    mr.c = c_next;
    mr.s_prev = mr.s;
    mr.s = s_next;
    return 2.0 * nnz() + schur_solve_flops + 26.0 * size;
  }
};

SketchProjectSolver::SketchProjectSolver(std::shared_ptr<const CsrMatrix> k, Index primal_size,
                                         SketchSettings settings, std::mt19937_64& rng)
    : impl_(std::make_unique<Impl>()) {
  settings.validate();
  if (!k || !k->is_square() || primal_size < 0 || primal_size > k->rows()) {
    throw UsageError("SketchProjectSolver: K must be square and primal_size in [0, rows]");
  }
  impl_->k = std::move(k);
  impl_->n_primal = primal_size;
  impl_->size = impl_->k->rows();
  impl_->settings = settings;
  impl_->rng = &rng;
  impl_->row_norm2.assign(static_cast<std::size_t>(impl_->size), 0.0);
  for (Index i = 0; i < impl_->size; ++i) {
    for (Index p = impl_->k->row_offsets()[i]; p < impl_->k->row_offsets()[i + 1]; ++p) {
      impl_->row_norm2[static_cast<std::size_t>(i)] += impl_->k->values()[p] * impl_->k->values()[p];
    }
  }
  if (settings.kind == SketchKind::kaczmarz_rownorm || settings.kind == SketchKind::block_kaczmarz) {
    impl_->by_row_norm = std::discrete_distribution<Index>(impl_->row_norm2.begin(), impl_->row_norm2.end());
  }
  if (settings.kind == SketchKind::preconditioned) {
    impl_->setup_preconditioner();
  }
}

SketchProjectSolver::~SketchProjectSolver() = default;

void SketchProjectSolver::reset(std::span<const double> b) {
  if (b.size() != static_cast<std::size_t>(impl_->size)) {
    throw UsageError("SketchProjectSolver::reset: size mismatch");
  }
  impl_->b.assign(b.begin(), b.end());
  impl_->z.assign(b.size(), 0.0);
  impl_->r.resize(b.size());
  for (std::size_t i = 0; i < b.size(); ++i) {
    impl_->r[i] = -b[i];  // r = K 0 - b
  }
  impl_->mr.started = false;
}

std::span<const double> SketchProjectSolver::solution() const { return impl_->z; }
double SketchProjectSolver::setup_flops() const { return impl_->setup_flops; }

SketchRun SketchProjectSolver::run(const std::function<bool(std::span<const double>)>& accurate) {
  Impl& s = *impl_;
  SketchRun out;
  const Index n = s.size;
  // The cheap single-row sketches test the (O(N)) accuracy condition every `check_every` steps only.
  const bool row_sketch =
      s.settings.kind == SketchKind::kaczmarz || s.settings.kind == SketchKind::kaczmarz_rownorm;
  const long check_every = row_sketch ? std::max<long>(1, n / 16) : 1;
  std::uniform_int_distribution<Index> uniform(0, n - 1);
  std::normal_distribution<double> normal(0.0, 1.0);
  s.refresh_residual();
  out.flops += 2.0 * s.nnz();
  while (true) {
    if (out.steps % check_every == 0) {
      out.flops += 2.0 * n;
      if (accurate(s.r)) {
        // confirm with the true residual before returning
        s.refresh_residual();
        out.flops += 2.0 * s.nnz();
        if (accurate(s.r)) {
          break;
        }
      }
    }
    if (out.steps >= s.settings.max_steps) {
      out.capped = true;
      break;
    }
    switch (s.settings.kind) {
      case SketchKind::kaczmarz:
        out.flops += s.kaczmarz_step(uniform(*s.rng));
        break;
      case SketchKind::kaczmarz_rownorm:
        out.flops += s.kaczmarz_step(s.by_row_norm(*s.rng));
        break;
      case SketchKind::gaussian:
      case SketchKind::block_gaussian: {
        const Index cols = s.settings.kind == SketchKind::gaussian ? 1 : s.settings.block_size;
        Dense sk(n, cols);
        for (Index c = 0; c < cols; ++c) {
          for (Index i = 0; i < n; ++i) {
            sk(i, c) = normal(*s.rng);
          }
        }
        out.flops += s.dense_block_step(sk);
        break;
      }
      case SketchKind::block_kaczmarz: {
        std::vector<Index> rows;
        for (int c = 0; c < s.settings.block_size; ++c) {
          rows.push_back(s.by_row_norm(*s.rng));
        }
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        out.flops += s.block_kaczmarz_step(rows);
        break;
      }
      case SketchKind::preconditioned:
        out.flops += s.preconditioned_step();
        break;
    }
    ++out.steps;
    if (++s.steps_since_refresh >= n) {
      s.refresh_residual();
      out.flops += 2.0 * s.nnz();
    }
  }
  s.refresh_residual();
  out.residual_norm = vec::norm2(s.r);
  return out;
}

}  // namespace adasolve::nlp
