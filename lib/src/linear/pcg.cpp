#include "adasolve/linear/pcg.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"

namespace adasolve::linear {

namespace {

/// Tells when the threshold lies below the accuracy CG attains (pcg.hpp). A residual replacement shows
/// where that floor is: the recurrence passed the threshold, the true residual did not. From then on the
/// run is stagnating if either the recurrence keeps passing while b - A x does not (kMaxReplacements), or
/// the residual fails to halve the best true residual for as many iterations as the run took to reach it
/// (at least kMinWindow): twice the work for no progress.
class StagnationWatch {
 public:
  /// A replacement at iteration k found true residual norm t. True if t is the best so far.
  bool replaced(int k, double t) {
    ++replacements_;
    if (t < best_) {
      best_ = t;
      progress_at_ = k;
      return true;
    }
    return false;
  }
  /// The recurrence residual of iteration k (no replacement).
  void observe(int k, double rnorm) {
    if (replacements_ > 0 && rnorm < 0.5 * best_) {
      progress_at_ = k;
    }
  }
  bool stagnated(int k) const {
    return replacements_ >= kMaxReplacements ||
           (replacements_ > 0 && k - progress_at_ > std::max(kMinWindow, progress_at_));
  }
  double best() const { return best_; }

 private:
  static constexpr int kMaxReplacements = 5;  // MATLAB's pcg allows as many ("moresteps")
  static constexpr int kMinWindow = 100;
  int replacements_ = 0;
  int progress_at_ = 0;
  double best_ = std::numeric_limits<double>::infinity();
};

}  // namespace

PcgSolver::PcgSolver(std::unique_ptr<Preconditioner> preconditioner, StoppingCriteria criteria)
    : LinearSolver(criteria), preconditioner_(std::move(preconditioner)) {
  if (!preconditioner_) {
    throw UsageError("PcgSolver: null preconditioner");
  }
}

std::string PcgSolver::name() const {
  const std::string p = preconditioner_->name();
  return p == "identity" ? "cg" : p + "-pcg";
}

void PcgSolver::reuse_preconditioner(bool reuse) {
  if (reuse && !preconditioner_->owns_its_setup()) {
    throw UsageError(preconditioner_->name() +
                     " preconditioner: its apply reads the matrix it was built from, "
                     "so it cannot be kept for another matrix");
  }
  reuse_ = reuse;
}

void PcgSolver::setup_impl(const CsrMatrix& a) {
  if (!(reuse_ && preconditioner_rows_ == a.rows())) {
    preconditioner_rows_ = -1;  // a failed setup leaves nothing to reuse
    preconditioner_->setup(a);
    preconditioner_rows_ = a.rows();
  }
  const std::size_t n = static_cast<std::size_t>(a.rows());
  r_.assign(n, 0.0);
  z_.assign(n, 0.0);
  p_.assign(n, 0.0);
  q_.assign(n, 0.0);
}

void PcgSolver::solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) {
  const CsrMatrix& a = matrix();
  const int max_iters = log.criteria().max_iters;
  adjust_initial_guess(b, x);
  a.residual(b, x, r_);            // r <- b - A x
  preconditioner_->apply(r_, z_);  // z <- M^-1 r
  vec::copy(z_, p_);               // p <- z
  project_direction(z_, p_);
  double rz = vec::dot(r_, z_);  // rho = r^T z
  if (!(rz > 0.0)) {
    log.finish(std::isfinite(rz) ? StopReason::indefinite : StopReason::nan_or_inf);
    return;
  }
  StagnationWatch watch;
  for (int k = 0; k < max_iters; ++k) {
    a.multiply(p_, q_);                  // q <- A p
    const double pq = vec::dot(p_, q_);  // p^T A p
    if (!std::isfinite(pq)) {
      log.finish(StopReason::nan_or_inf);
      return;
    }
    if (pq <= 0.0) {
      log.finish(pq < 0.0 ? StopReason::indefinite : StopReason::breakdown);
      return;
    }
    const double alpha = rz / pq;
    vec::axpy(alpha, p_, x);    // x <- x + alpha p
    vec::axpy(-alpha, q_, r_);  // r <- r - alpha q
    double rnorm = vec::norm2(r_);
    if (log.converged(rnorm)) {
      a.residual(b, x, r_);  // true residual: replace the recurrence
      rnorm = vec::norm2(r_);
      if (log.converged(rnorm)) {
        log.record(rnorm);
        log.finish(StopReason::converged_rtol);
        return;
      }
      if (watch.replaced(k, rnorm)) {
        x_best_.assign(x.begin(), x.end());  // the most accurate iterate so far, returned on stagnation
      }
    } else {
      watch.observe(k, rnorm);
    }
    log.record(rnorm);
    if (!std::isfinite(rnorm)) {
      log.finish(StopReason::nan_or_inf);
      return;
    }
    if (log.abandoned()) {
      log.finish(StopReason::max_iterations);
      return;
    }
    if (watch.stagnated(k)) {
      a.residual(b, x, r_);
      if (vec::norm2(r_) > watch.best()) {
        vec::copy(x_best_, x);
      }
      log.finish(StopReason::stagnation);
      return;
    }
    preconditioner_->apply(r_, z_);  // z <- M^-1 r
    const double rz_next = vec::dot(r_, z_);
    if (!(rz_next > 0.0)) {
      log.finish(rz_next == 0.0 ? StopReason::breakdown
                                : (std::isfinite(rz_next) ? StopReason::indefinite : StopReason::nan_or_inf));
      return;
    }
    const double beta = rz_next / rz;
    rz = rz_next;
    vec::xpby(z_, beta, p_);  // p <- z + beta p
    project_direction(z_, p_);
  }
  log.finish(StopReason::max_iterations);
}

std::unique_ptr<PcgSolver> make_cg(StoppingCriteria criteria) {
  return std::make_unique<PcgSolver>(make_identity_preconditioner(), criteria);
}

std::unique_ptr<PcgSolver> make_jacobi_pcg(StoppingCriteria criteria) {
  return std::make_unique<PcgSolver>(make_jacobi_preconditioner(), criteria);
}

}  // namespace adasolve::linear
