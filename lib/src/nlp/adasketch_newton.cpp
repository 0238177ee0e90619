// AdaSketch-Newton, following alsketch.md §3.9 step by step (comments carry the spec's symbols).
#include "adasolve/nlp/adasketch_newton.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <random>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/enum_names.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "adasolve/nlp/merit.hpp"
#include "adasolve/nlp/scaling.hpp"
#include "initial_multipliers.hpp"
#include "sparse_products.hpp"
#include "spectral_checks.hpp"

namespace adasolve::nlp {

std::string to_string(NlpStatus status) {
  switch (status) {
    case NlpStatus::solved:
      return "solved";
    case NlpStatus::not_converged:
      return "not_converged";
    case NlpStatus::singular:
      return "singular";
    case NlpStatus::failed:
      return "failed";
  }
  return "?";
}
std::string to_string(InnerSolver inner) {
  switch (inner) {
    case InnerSolver::minres_cholmod:
      return "minres-cholmod";
    case InnerSolver::sketch:
      return "sketch";
    case InnerSolver::direct:
      return "direct";
  }
  return "?";
}
std::string to_string(AccuracyRule rule) { return rule == AccuracyRule::adaptive ? "adaptive" : "paper"; }
std::string to_string(MeritHessian h) { return h == MeritHessian::lagrangian ? "lagrangian" : "objective"; }
std::string to_string(SingularPolicy p) { return p == SingularPolicy::stop ? "stop" : "regularize"; }
std::string to_string(ScalingRule r) { return r == ScalingRule::none ? "none" : "gradient"; }
std::string to_string(MeritUpdate u) { return u == MeritUpdate::paper ? "paper" : "direct"; }

InnerSolver parse_inner_solver(const std::string& name) {
  return parse_enum("inner", name, std::array{InnerSolver::minres_cholmod, InnerSolver::sketch, InnerSolver::direct});
}
AccuracyRule parse_accuracy_rule(const std::string& name) {
  return parse_enum("accuracy", name, std::array{AccuracyRule::adaptive, AccuracyRule::paper});
}
MeritHessian parse_merit_hessian(const std::string& name) {
  return parse_enum("merit_hessian", name, std::array{MeritHessian::lagrangian, MeritHessian::objective});
}
ScalingRule parse_scaling_rule(const std::string& name) {
  return parse_enum("scaling", name, std::array{ScalingRule::gradient, ScalingRule::none});
}
MeritUpdate parse_merit_update(const std::string& name) {
  return parse_enum("merit_update", name, std::array{MeritUpdate::direct, MeritUpdate::paper});
}

void AdaSketchSettings::validate() const {
  auto positive = [](double v, const char* name) {
    if (!(v > 0.0) || !std::isfinite(v)) {
      throw UsageError(std::string(name) + " must be > 0, got " + std::to_string(v));
    }
  };
  positive(mu0, "mu0");
  positive(nu0, "nu0");
  positive(xi_b, "xi_b");
  positive(theta, "theta");
  positive(kkt_tol, "kkt_tol");
  positive(delta_floor, "delta_floor");
  positive(scaling_max_gradient, "scaling_max_gradient");
  if (!(delta0 > 0.0 && delta0 <= 1.0)) {
    throw UsageError("delta0 must be in (0, 1], got " + std::to_string(delta0));
  }
  if (!(beta > 0.0 && beta < 0.5)) {
    throw UsageError("beta must be in (0, 0.5), got " + std::to_string(beta));
  }
  if (!(rho > 1.0)) {
    throw UsageError("rho must be > 1, got " + std::to_string(rho));
  }
  if (max_outer < 0) {
    throw UsageError("max_outer must be >= 0, got " + std::to_string(max_outer));
  }
  if (max_backtracks < 1) {
    throw UsageError("max_backtracks must be >= 1");
  }
  if (max_singular_steps < 0) {
    throw UsageError("max_singular_steps must be >= 0");
  }
  // A NaN threshold makes every comparison false: the curvature test would silently never fire.
  if (!std::isfinite(reduced_hessian_threshold)) {
    throw UsageError("reduced_hessian_threshold must be a finite number, got " +
                     std::to_string(reduced_hessian_threshold));
  }
  sketch.validate();
}

AdaSketchNewton::AdaSketchNewton(AdaSketchSettings settings) : settings_(settings) { settings_.validate(); }

namespace {

/// K = [[B, G^T], [G, -reg I]] with B = H + shift I (diagonals always stored so that K has a fixed pattern).
/// Written row by row into CSR arrays: row i < n is H's row i (plus the diagonal) followed by column i of
/// G (columns n + j, increasing j); row n + j is G's row j followed by the diagonal. No triplet list: with
/// dense constraint rows over 10^6 variables it would take 16 bytes per entry on top of the result.
CsrMatrix kkt_matrix(const CsrMatrix& h, double shift, const CsrMatrix& g, double reg) {
  const Index n = h.rows();
  const Index m = g.rows();
  // Column i of G: with a few rows, one cursor per row walks the sorted rows along i (no G^T, which for
  // dense rows is as large as G); with many rows, G^T.
  constexpr Index kCursorRows = 64;
  const CsrMatrix gt = m > kCursorRows ? g.transpose() : CsrMatrix();
  std::vector<Index> cursor(g.row_offsets().begin(), g.row_offsets().end() - 1);
  std::vector<Index> offsets(static_cast<std::size_t>(n + m) + 1, 0);
  std::vector<Index> columns;
  std::vector<double> values;
  const auto total = static_cast<std::size_t>(h.nnz() + n + 2 * g.nnz() + m);
  columns.reserve(total);
  values.reserve(total);
  for (Index i = 0; i < n; ++i) {
    bool diagonal_done = false;
    for (Index p = h.row_offsets()[i]; p < h.row_offsets()[i + 1]; ++p) {
      const Index j = h.column_indices()[p];
      if (!diagonal_done && j >= i) {
        columns.push_back(i);
        values.push_back(shift + (j == i ? h.values()[p] : 0.0));
        diagonal_done = true;
        if (j == i) {
          continue;
        }
      }
      columns.push_back(j);
      values.push_back(h.values()[p]);
    }
    if (!diagonal_done) {
      columns.push_back(i);
      values.push_back(shift);
    }
    if (m > kCursorRows) {
      for (Index p = gt.row_offsets()[i]; p < gt.row_offsets()[i + 1]; ++p) {
        columns.push_back(n + gt.column_indices()[p]);
        values.push_back(gt.values()[p]);
      }
    } else {
      for (Index j = 0; j < m; ++j) {
        Index& p = cursor[static_cast<std::size_t>(j)];
        if (p < g.row_offsets()[j + 1] && g.column_indices()[p] == i) {
          columns.push_back(n + j);
          values.push_back(g.values()[p]);
          ++p;
        }
      }
    }
    offsets[static_cast<std::size_t>(i) + 1] = static_cast<Index>(columns.size());
  }
  for (Index j = 0; j < m; ++j) {
    for (Index p = g.row_offsets()[j]; p < g.row_offsets()[j + 1]; ++p) {
      columns.push_back(g.column_indices()[p]);
      values.push_back(g.values()[p]);
    }
    if (reg != 0.0) {
      columns.push_back(n + j);
      values.push_back(-reg);
    }
    offsets[static_cast<std::size_t>(n + j) + 1] = static_cast<Index>(columns.size());
  }
  return CsrMatrix(n + m, n + m, std::move(offsets), std::move(columns), std::move(values));
}

/// H + t I (diagonal entries added where H has none).
CsrMatrix shifted(const CsrMatrix& h, double t) {
  std::vector<Triplet> trip;
  trip.reserve(static_cast<std::size_t>(h.nnz() + h.rows()));
  for (Index i = 0; i < h.rows(); ++i) {
    for (Index p = h.row_offsets()[i]; p < h.row_offsets()[i + 1]; ++p) {
      trip.push_back({i, h.column_indices()[p], h.values()[p]});
    }
    trip.push_back({i, i, t});
  }
  return CsrMatrix::from_triplets(h.rows(), h.cols(), trip);
}

bool same_matrix(const CsrMatrix& a, const CsrMatrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::ranges::equal(a.row_offsets(), b.row_offsets()) &&
         std::ranges::equal(a.column_indices(), b.column_indices()) &&
         std::ranges::equal(a.values(), b.values());
}

/// What depends only on (Hess_x L, G): kept while they do not change (a QP with linear constraints, such as
/// the PDE control problem, has the same KKT matrix at every iterate, so its spectral tests, its sketch
/// preconditioner or its LU factors are computed once).
struct KktCache {
  bool valid = false;
  CsrMatrix hess;  ///< G is not copied: it is the last m rows of k (jacobian_in_kkt)
  detail::JacobianConditioning cond;
  bool modify = false;
  double shift = 0.0;
  double reg = 0.0;  ///< the regularization r inside k: K changes with it while H and G do not
  std::shared_ptr<const CsrMatrix> k;
  std::unique_ptr<SketchProjectSolver> sketch;
  std::unique_ptr<backend::UmfpackFactor> lu;
};

/// true when G equals the constraint rows of K = kkt_matrix(H, shift, G', r): row n + j of K is G'_j
/// (columns < n) and at most the diagonal entry -r. Comparing against K instead of a copy of G saves a
/// copy of G, which for dense constraint rows over 10^6 variables is the size of K's off-diagonal blocks.
bool jacobian_in_kkt(const CsrMatrix& g, const CsrMatrix& k, Index n) {
  if (k.rows() != n + g.rows()) {
    return false;
  }
  for (Index j = 0; j < g.rows(); ++j) {
    Index q = k.row_offsets()[n + j];
    const Index q_end = k.row_offsets()[n + j + 1];
    for (Index p = g.row_offsets()[j]; p < g.row_offsets()[j + 1]; ++p, ++q) {
      if (q >= q_end || k.column_indices()[q] != g.column_indices()[p] || k.values()[q] != g.values()[p]) {
        return false;
      }
    }
    if (q < q_end && k.column_indices()[q] < n) {
      return false;  // K has more of row j than G
    }
  }
  return true;
}

/// c^T G dx: the derivative of grad L_{mu,nu}^T z with respect to mu (z = (dx, dlambda)).
double constraint_slope(const EvaluatedPoint& p, const std::vector<double>& z) {
  const CsrMatrix& g = p.jacobian;
  double d = 0.0;
  for (Index i = 0; i < g.rows(); ++i) {
    double row = 0.0;
    for (Index q = g.row_offsets()[i]; q < g.row_offsets()[i + 1]; ++q) {
      row += g.values()[q] * z[static_cast<std::size_t>(g.column_indices()[q])];
    }
    d += p.c[static_cast<std::size_t>(i)] * row;
  }
  return d;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

NlpResult AdaSketchNewton::solve(NlpProblem& original) {
  const auto t0 = std::chrono::steady_clock::now();
  const AdaSketchSettings& s = settings_;
  const Index n = original.num_variables();
  const Index m = original.num_constraints();
  NlpResult result;
  result.settings = s;
  std::mt19937_64 rng(s.seed);

  if (original.initial_point().size() != static_cast<std::size_t>(n) ||
      original.initial_multipliers().size() != static_cast<std::size_t>(m)) {
    throw UsageError("problem '" + original.name() + "': x0 or lambda0 has the wrong size");
  }
  // The iteration runs on the scaled problem (identity factors with --scaling none).
  ProblemScaling factors;
  factors.constraints.assign(static_cast<std::size_t>(m), 1.0);
  if (s.scaling == ScalingRule::gradient) {
    factors = gradient_based_scaling(original, original.initial_point(), s.scaling_max_gradient);
  }
  ScaledProblem problem(original, factors);
  const ProblemScaling& sc = problem.scaling();
  result.objective_scale = sc.objective;
  result.min_constraint_scale = sc.constraints.empty() ? 1.0 : std::ranges::min(sc.constraints);
  // Residuals of the original problem: grad_x L = grad_x L~ / s_f, c_i = c~_i / s_i.
  auto unscaled_constraint_norm = [&](const EvaluatedPoint& p) {
    double cc = 0.0;
    for (std::size_t i = 0; i < p.c.size(); ++i) {
      cc += (p.c[i] / sc.constraints[i]) * (p.c[i] / sc.constraints[i]);
    }
    return std::sqrt(cc);
  };
  auto unscaled_kkt = [&](const EvaluatedPoint& p) {
    return std::hypot(vec::norm2(p.grad_lagrangian) / sc.objective, unscaled_constraint_norm(p));
  };
  // The inner solve need not be more accurate than the scaled image of the outer tolerance.
  const double scaled_tol = s.kkt_tol * std::min(sc.objective, result.min_constraint_scale);

  EvaluatedPoint point;
  auto finish = [&](NlpStatus status, std::string message) {
    result.status = status;
    result.message = std::move(message);
    result.x = point.x;
    result.lambda = problem.unscaled_multipliers(point.lambda);
    result.objective = point.f / sc.objective;
    result.constraint_norm = unscaled_constraint_norm(point);
    result.kkt_residual = unscaled_kkt(point);
    result.seconds = seconds_since(t0);
    return result;
  };

  const auto x0 = problem.initial_point();
  const auto lambda0 = problem.initial_multipliers();
  ++result.function_evaluations;
  ++result.gradient_evaluations;
  if (!evaluate_point(problem, x0, lambda0, point)) {
    // Nothing is known at x0: f, c and grad_x L are NaN, so the residual reads NaN, not 0 (with m = 0 the
    // zero-filled gradient alone made the KKT residual 0).
    point.f = NAN;
    point.c.assign(static_cast<std::size_t>(m), NAN);
    point.grad_lagrangian.assign(static_cast<std::size_t>(n), NAN);
    return finish(NlpStatus::failed, "evaluation failed at the starting point");
  }
  // No multipliers given: least-squares ones (initial_multipliers.hpp), as Ipopt starts.
  if (s.least_squares_multipliers && m > 0 &&
      std::ranges::all_of(lambda0, [](double l) { return l == 0.0; })) {
    if (auto ls = detail::least_squares_multipliers(point.grad_f, point.jacobian)) {
      // grad_x L = grad f + G^T lambda with the new lambda; f, c and G are those of x0 already
      point.lambda = std::move(*ls);
      point.grad_lagrangian = point.grad_f;
      const CsrMatrix& g = point.jacobian;
      for (Index i = 0; i < g.rows(); ++i) {
        for (Index p = g.row_offsets()[i]; p < g.row_offsets()[i + 1]; ++p) {
          point.grad_lagrangian[static_cast<std::size_t>(g.column_indices()[p])] +=
              g.values()[p] * point.lambda[static_cast<std::size_t>(i)];
        }
      }
    }
  }

  double mu = s.mu0, nu = s.nu0, delta = s.delta0;
  int singular_streak = 0;
  double singular_reference = 0.0;  // KKT residual when the current streak of stalled singular steps began
  KktCache cache;
  for (int k = 0;; ++k) {
    const double kkt = point.kkt_residual();  // ||b|| = ||(g, c)|| of the scaled problem
    const double kkt_unscaled = unscaled_kkt(point);
    result.kkt_history.push_back(kkt_unscaled);
    if (!std::isfinite(kkt_unscaled)) {
      return finish(NlpStatus::failed, "KKT residual is not finite");
    }
    if (kkt_unscaled <= s.kkt_tol) {
      return finish(NlpStatus::solved, "KKT residual <= tol");
    }
    if (k >= s.max_outer) {
      return finish(NlpStatus::not_converged, "outer-iteration cap reached");
    }
    result.outer_iterations = k + 1;

    // H = Hess_x L(x, lambda)
    CsrMatrix hess;
    if (!problem.lagrangian_hessian(point.x, 1.0, point.lambda, hess) || !vec::all_finite(hess.values())) {
      return finish(NlpStatus::failed, "Hessian evaluation failed");
    }
    const CsrMatrix& jac = point.jacobian;
    const bool reuse = cache.valid && same_matrix(hess, cache.hess) && jacobian_in_kkt(jac, *cache.k, n);
    if (!reuse) {
      cache = KktCache{};
      cache.hess = hess;
    }

    // xi_G = lambda_min(G G^T); singular Jacobian guard
    const auto cond = reuse ? cache.cond : detail::jacobian_conditioning(jac, s.singular_threshold);
    if (!reuse) {
      result.check_flops += cond.flops;
    }
    cache.cond = cond;
    double reg = 0.0;
    if (cond.singular) {
      // Regularized steps that still reduce the KKT residual (by 10% since the streak began) are progress,
      // not a loop: the streak restarts.
      if (s.singular_policy == SingularPolicy::regularize && s.stabilized_regularization &&
          singular_streak > 0 && kkt <= 0.9 * singular_reference) {
        singular_streak = 0;
      }
      if (singular_streak == 0) {
        singular_reference = kkt;
      }
      if (s.singular_policy == SingularPolicy::stop || ++singular_streak > s.max_singular_steps) {
        return finish(NlpStatus::singular,
                      "singular Jacobian: lambda_min(G G^T) = " + std::to_string(cond.lambda_min) + " < " +
                          std::to_string(s.singular_threshold) +
                          (s.singular_policy == SingularPolicy::stop
                               ? std::string()
                               : " for " + std::to_string(s.max_singular_steps) + " iterations"));
      }
      // Stabilized SQP: r = min(threshold, ||b||) vanishes with the KKT residual, so near a solution whose
      // Jacobian is merely ill-conditioned (lambda_min(G G^T) below the absolute threshold) the step becomes
      // the Newton step again; a fixed r = threshold biases every step and stalls the iteration.
      reg = s.stabilized_regularization ? std::min(s.singular_threshold, kkt) : s.singular_threshold;
    } else {
      singular_streak = 0;
    }
    const double xi_g = std::max(cond.lambda_min, reg);

    // Hessian modification: B = H + (xi_B + ||H||_F) I when the reduced Hessian is not positive definite
    const double h_norm = detail::frobenius_norm(hess);
    bool estimated = false;
    const bool modify = reuse ? cache.modify
                              : n > m && !detail::reduced_hessian_positive(hess, jac, s.reduced_hessian_threshold,
                                                                           &result.check_flops, &estimated);
    cache.modify = modify;
    // paper: shift = xi_B + ||H||_F (B positive definite outright). minimal: the first of xi_B, 10 xi_B, ...
    // for which the reduced Hessian of H + shift I passes the test, capped at the paper's shift (which
    // always passes): an inertia-correction-like choice that keeps B closer to the Hessian of the Lagrangian.
    double shift = modify ? s.xi_b + h_norm : 0.0;
    if (modify && !reuse && s.minimal_hessian_shift) {
      for (double t = s.xi_b; t < shift; t *= 10.0) {
        if (detail::reduced_hessian_positive(shifted(hess, t), jac, s.reduced_hessian_threshold,
                                             &result.check_flops, &estimated)) {
          shift = t;
          break;
        }
      }
    }
    if (estimated) {
      ++result.estimated_hessian_tests;
    }
    if (reuse) {
      shift = cache.shift;
    }
    cache.shift = shift;
    // The stabilized regularization r = min(threshold, ||b||) changes from one iteration to the next even
    // when H and G do not (a QP with a rank-deficient constraint set): K, and whatever was built on it,
    // follows r.
    if (!reuse || cache.reg != reg) {
      cache.k = std::make_shared<const CsrMatrix>(kkt_matrix(hess, shift, jac, reg));
      cache.reg = reg;
      cache.sketch.reset();
      cache.lu.reset();
    }
    const CsrMatrix& kmat = *cache.k;

    // Psi, Upsilon and delta_trial (Frobenius norms throughout, as in the Julia code)
    double b_norm2 = 0.0;  // ||B||_F^2, read from the top-left block of K
    for (Index i = 0; i < n; ++i) {
      for (Index p = kmat.row_offsets()[i]; p < kmat.row_offsets()[i + 1]; ++p) {
        if (kmat.column_indices()[p] < n) {
          b_norm2 += kmat.values()[p] * kmat.values()[p];
        }
      }
    }
    const double psi = 20.0 * std::max(b_norm2, 1.0) / (std::min(xi_g, 1.0) * std::min(s.xi_b, 1.0));
    const double upsilon = std::max({detail::frobenius_norm(jac), h_norm, 1.0});
    const double k_norm = detail::frobenius_norm(kmat);
    auto delta_trial = [&](double mu_, double nu_) {
      return (0.5 - s.beta) * nu_ / ((1.0 + mu_ + nu_) * upsilon * upsilon * psi * psi);
    };
    if (s.accuracy == AccuracyRule::paper) {
      delta = std::max(std::min(delta, delta_trial(mu, nu)), s.delta_floor);
    }

    // merit Hessian: exact Hess_x L, or Hess f (sigma = 1, lambda = 0)
    CsrMatrix merit_h;
    if (s.merit_hessian == MeritHessian::objective) {
      const std::vector<double> zero(static_cast<std::size_t>(m), 0.0);
      if (!problem.lagrangian_hessian(point.x, 1.0, zero, merit_h)) {
        return finish(NlpStatus::failed, "objective Hessian evaluation failed");
      }
    }
    const CsrMatrix& hm = s.merit_hessian == MeritHessian::objective ? merit_h : hess;

    // b = -(g, c)
    std::vector<double> rhs(static_cast<std::size_t>(n + m));
    for (Index i = 0; i < n; ++i) {
      rhs[static_cast<std::size_t>(i)] = -point.grad_lagrangian[static_cast<std::size_t>(i)];
    }
    for (Index i = 0; i < m; ++i) {
      rhs[static_cast<std::size_t>(n + i)] = -point.c[static_cast<std::size_t>(i)];
    }

    std::vector<double> z(rhs.size(), 0.0);
    SketchProjectSolver* sketch = nullptr;
    long steps_this_iteration = 0;
    double inner_residual = 0.0;
    if (s.inner == InnerSolver::direct) {
      try {
        if (!cache.lu) {
          cache.lu = std::make_unique<backend::UmfpackFactor>(kmat);
          result.inner_flops += cache.lu->factor_flops();
        }
        cache.lu->solve(rhs, z);
        result.inner_flops += 4.0 * kmat.nnz();  // two triangular solves, at least
      } catch (const InputError&) {
        return finish(NlpStatus::singular, "KKT matrix is singular (UMFPACK)");
      }
      std::vector<double> r(rhs.size());
      kmat.residual(rhs, z, r);
      inner_residual = vec::norm2(r);
    } else {
      if (!cache.sketch) {
        try {
          SketchSettings inner_settings = s.sketch;
          if (s.inner == InnerSolver::minres_cholmod) {
            inner_settings.kind = SketchKind::preconditioned;  // MINRES + CHOLMOD (sketch.hpp)
          }
          cache.sketch = std::make_unique<SketchProjectSolver>(cache.k, n, inner_settings, rng);
        } catch (const InputError& e) {
          return finish(NlpStatus::singular, e.what());
        }
        result.inner_flops += cache.sketch->setup_flops();
      }
      sketch = cache.sketch.get();
      sketch->reset(rhs);
    }

    // Inner accuracy test (see adasketch_newton.hpp); reads delta, so it tightens with it.
    auto accurate = [&](double r_norm) {
      if (s.accuracy == AccuracyRule::paper) {
        return k_norm * psi * r_norm <= s.theta * delta * kkt;  // ||K||_F Psi ||r|| <= theta delta ||b||
      }
      const double eta = std::min(delta, s.theta * kkt);
      return r_norm <= std::max(eta * kkt, 0.1 * scaled_tol);
    };

    // Sketch, then test descent; tighten mu, nu, delta and resume (warm start) while it is not a descent
    // step.
    std::vector<double> merit_grad;
    bool resolve = true;
    int descent_resolves = 0;
    while (true) {
      if (sketch && resolve) {
        const SketchRun run = sketch->run(accurate);
        steps_this_iteration += run.steps;
        result.inner_flops += run.flops;
        result.capped_solves += run.capped ? 1 : 0;
        inner_residual = run.residual_norm;
        const auto sol = sketch->solution();
        z.assign(sol.begin(), sol.end());
      }
      merit_grad = merit_gradient(point, hm, mu, nu);
      const double slope = vec::dot(merit_grad, z);   // grad L_{mu,nu}^T z
      const double required = -0.5 * nu * kkt * kkt;  // sufficient decrease: slope <= -(nu/2) ||b||^2
      if (mu > s.mu_max || nu < s.nu_min || slope <= required) {
        break;
      }
      if (s.merit_update == MeritUpdate::direct) {
        // The slope is affine in mu: slope(mu') = slope(mu) + (mu' - mu) d with d = c^T G dx (= -||c||^2
        // for an exact step). Raise mu at once to where the slope is the required decrease plus as much
        // again (a margin, so that mu is not raised by a sliver at every iteration); no re-solve needed.
        const double d = constraint_slope(point, z);
        if (d < 0.0) {
          const double mu_new = mu + 2.0 * (slope - required) / (-d);
          if (mu_new <= s.mu_max) {
            mu = mu_new;
            resolve = false;
            continue;
          }
        }
      }
      resolve = true;
      ++descent_resolves;
      mu *= s.rho * s.rho;
      nu /= s.rho;
      delta = s.accuracy == AccuracyRule::paper
                  ? std::max(std::min(delta / std::pow(s.rho, 4), delta_trial(mu, nu)), s.delta_floor)
                  : std::max(delta / std::pow(s.rho, 4), s.delta_floor);
    }
    result.sketch_steps += steps_this_iteration;
    cache.valid = true;

    // Armijo backtracking on L_{mu,nu} from alpha = 1, halving.
    const double slope = vec::dot(merit_grad, z);
    const double phi0 = merit_value(point, mu, nu);
    double alpha = 1.0;
    EvaluatedPoint trial;
    bool accepted = false;
    std::vector<double> xt(static_cast<std::size_t>(n)), lt(static_cast<std::size_t>(m));
    for (int bt = 0; bt < s.max_backtracks; ++bt, alpha *= 0.5) {
      for (Index i = 0; i < n; ++i) {
        xt[static_cast<std::size_t>(i)] =
            point.x[static_cast<std::size_t>(i)] + alpha * z[static_cast<std::size_t>(i)];
      }
      for (Index i = 0; i < m; ++i) {
        lt[static_cast<std::size_t>(i)] =
            point.lambda[static_cast<std::size_t>(i)] + alpha * z[static_cast<std::size_t>(n + i)];
      }
      ++result.function_evaluations;
      ++result.gradient_evaluations;
      if (!evaluate_point(problem, xt, lt, trial)) {
        continue;  // evaluation failure: treat as an infinite merit and backtrack
      }
      // Armijo, relaxed by the rounding error of evaluating phi (10 eps |phi0|, as Ipopt relaxes its
      // tests): near a solution the required decrease alpha beta slope ~ ||b||^2 falls below the precision
      // of phi ~ |f|, and an unrelaxed test rejects every step.
      const double roundoff = 10.0 * std::numeric_limits<double>::epsilon() * std::abs(phi0);
      if (merit_value(trial, mu, nu) <= phi0 + alpha * s.beta * slope + roundoff) {
        accepted = true;
        break;
      }
    }
    OuterIteration rec;
    rec.k = k;
    rec.kkt_residual = kkt_unscaled;
    rec.mu = mu;
    rec.nu = nu;
    rec.delta = delta;
    rec.sketch_steps = steps_this_iteration;
    rec.inner_residual = inner_residual;
    rec.hessian_modified = modify;
    rec.merit_slope = slope;
    rec.required_slope = -0.5 * nu * kkt * kkt;
    rec.descent_resolves = descent_resolves;
    rec.regularization = m > 0 ? -kmat.diagonal(n) : 0.0;  // what K holds, not what was asked for
    if (!accepted) {
      rec.objective = point.f / sc.objective;
      rec.constraint_norm = unscaled_constraint_norm(point);
      for (const auto& mon : monitors_) {
        mon(rec);
      }
      return finish(NlpStatus::failed, "line search failed after " + std::to_string(s.max_backtracks) +
                                           " halvings (directional derivative " + std::to_string(slope) +
                                           ")");
    }
    // Adaptive rule: a step cut below 1/16 by the line search means the inexact direction is poor for the
    // merit; the next solve is asked for the accuracy the descent test would ask for (delta / rho^4).
    if (s.accuracy == AccuracyRule::adaptive && s.tighten_after_short_step && alpha < 1.0 / 16.0) {
      delta = std::max(delta / std::pow(s.rho, 4), s.delta_floor);
    }
    point = std::move(trial);
    rec.objective = point.f / sc.objective;
    rec.constraint_norm = unscaled_constraint_norm(point);
    rec.step_size = alpha;
    for (const auto& mon : monitors_) {
      mon(rec);
    }
  }
}

}  // namespace adasolve::nlp
