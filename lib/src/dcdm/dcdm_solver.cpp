#include "adasolve/dcdm/dcdm_solver.hpp"

#include <chrono>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/core/vector_ops.hpp"

namespace adasolve::dcdm {

std::span<const SettingField<DcdmSettings>> DcdmSettings::fields() {
  static const SettingField<DcdmSettings> described[] = {
      {"dcdm.k", &DcdmSettings::kept_directions, "kept directions k", SettingRange::at_least(1.0)},
      {"dcdm.residual_period", &DcdmSettings::residual_period,
       "recompute the true residual every this many iterations", SettingRange::at_least(1.0)},
  };
  return described;
}

void DcdmSettings::validate() const {
  check_ranges(*this, fields());
  if (!(breakdown_tolerance >= 0.0 && breakdown_tolerance < 1.0)) {
    throw UsageError("dcdm.breakdown_tolerance must be in [0, 1), got " +
                     std::to_string(breakdown_tolerance));
  }
}

DcdmSolver::DcdmSolver(std::unique_ptr<DirectionGenerator> generator, DcdmSettings settings,
                       StoppingCriteria criteria)
    : LinearSolver(criteria), generator_(std::move(generator)), settings_(settings) {
  if (!generator_) {
    throw UsageError("DcdmSolver: null direction generator");
  }
  settings_.validate();
}

std::string DcdmSolver::name() const { return "dcdm-" + generator_->name(); }

void DcdmSolver::setup_impl(const CsrMatrix& a) {
  generator_->setup(a);
  const std::size_t n = static_cast<std::size_t>(a.rows());
  kept_.assign(static_cast<std::size_t>(settings_.kept_directions), KeptDirection{});
  for (auto& slot : kept_) {
    slot.p.assign(n, 0.0);
    slot.ap.assign(n, 0.0);
  }
  r_.assign(n, 0.0);
  unit_r_.assign(n, 0.0);
  q_.assign(n, 0.0);
  aq_.assign(n, 0.0);
}

void DcdmSolver::report_parameters(SolveReport& report) const {
  report.parameters["kept_directions"] = settings_.kept_directions;
  report.parameters["residual_period"] = settings_.residual_period;
}

void DcdmSolver::solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) {
  const CsrMatrix& a = matrix();
  const int max_iters = log.criteria().max_iters;
  const std::size_t k = kept_.size();
  for (auto& slot : kept_) {
    slot.p_ap = 0.0;  // empty slot: skipped by the orthogonalisation
  }
  double generator_seconds = 0.0;
  generator_->begin_solve();
  auto finish = [&](StopReason reason) {
    log.set_parameter("generator_seconds", generator_seconds);
    log.finish(reason);
  };

  a.residual(b, x, r_);  // r <- b - A x
  double rnorm = vec::norm2(r_);
  for (int it = 1; it <= max_iters; ++it) {
    // q <- f(r / ||r||)
    for (std::size_t i = 0; i < r_.size(); ++i) {
      unit_r_[i] = r_[i] / rnorm;
    }
    const auto start = std::chrono::steady_clock::now();
    generator_->apply(unit_r_, q_);
    generator_seconds += seconds_since(start);

    // q <- q - p_j (q . A p_j) / (p_j . A p_j), oldest kept direction first (modified Gram-Schmidt in the
    // A-inner product; in exact arithmetic the same as the authors' classical form).
    for (std::size_t j = 0; j < k; ++j) {
      const KeptDirection& slot = kept_[(static_cast<std::size_t>(it) + j) % k];
      if (slot.p_ap > 0.0) {
        vec::axpy(-vec::dot(q_, slot.ap) / slot.p_ap, slot.p, q_);
      }
    }
    a.multiply(q_, aq_);                    // A q
    const double q_aq = vec::dot(q_, aq_);  // q . A q
    const double q_r = vec::dot(q_, r_);    // q . r
    if (!std::isfinite(q_aq) || !std::isfinite(q_r)) {
      finish(StopReason::nan_or_inf);
      return;
    }
    if (q_aq < 0.0) {
      finish(StopReason::indefinite);
      return;
    }
    if (q_aq == 0.0 || std::abs(q_r) <= settings_.breakdown_tolerance * vec::norm2(q_) * rnorm) {
      finish(StopReason::breakdown);
      return;
    }
    const double alpha = q_r / q_aq;
    vec::axpy(alpha, q_, x);  // x <- x + alpha q
    const bool true_residual = it % settings_.residual_period == 0;
    if (true_residual) {
      a.residual(b, x, r_);  // r <- b - A x
    } else {
      vec::axpy(-alpha, aq_, r_);  // r <- r - alpha A q
    }
    rnorm = vec::norm2(r_);
    if (log.converged(rnorm) && !true_residual) {
      a.residual(b, x, r_);  // confirm with the true residual
      rnorm = vec::norm2(r_);
    }
    log.record(rnorm);
    if (!std::isfinite(rnorm)) {
      finish(StopReason::nan_or_inf);
      return;
    }
    if (log.converged(rnorm)) {
      finish(StopReason::converged_rtol);
      return;
    }
    // The newest direction replaces the oldest slot.
    KeptDirection& slot = kept_[static_cast<std::size_t>(it) % k];
    slot.p.swap(q_);
    slot.ap.swap(aq_);
    slot.p_ap = q_aq;
  }
  finish(StopReason::max_iterations);
}

}  // namespace adasolve::dcdm
