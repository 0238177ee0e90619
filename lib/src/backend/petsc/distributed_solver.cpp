// PetscDistributedSolver: LinearSolver's contract on a system distributed by row blocks.
#include <petscksp.h>

#include <chrono>
#include <cmath>

#include "adasolve/backend/petsc_parallel.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "backend/petsc/ksp_engine.hpp"
#include "adasolve/core/stopwatch.hpp"

namespace adasolve::backend {

namespace {


}  // namespace

struct PetscDistributedSolver::Impl {
  explicit Impl(const PetscKspSettings& settings) : engine(PETSC_COMM_WORLD, settings) {}
  petsc_detail::KspEngine engine;
  std::vector<double> scaled_rhs, residual;
};

PetscDistributedSolver::PetscDistributedSolver(PetscKspSettings settings, StoppingCriteria criteria)
    : settings_(std::move(settings)), criteria_(criteria), impl_(std::make_unique<Impl>(settings_)) {
  criteria_.validate();
}

PetscDistributedSolver::~PetscDistributedSolver() = default;

std::string PetscDistributedSolver::name() const { return impl_->engine.name(); }

void PetscDistributedSolver::set_omega(double omega) {
  impl_->engine.set_omega(omega);
  settings_.omega = omega;
}

void PetscDistributedSolver::set_criteria(const StoppingCriteria& criteria) {
  criteria.validate();
  criteria_ = criteria;
}

void PetscDistributedSolver::setup(std::shared_ptr<const CsrMatrix> local_rows, const RowPartition& rows) {
  const auto start = std::chrono::steady_clock::now();
  run_collectively([&] {
    if (!local_rows) {
      throw UsageError(name() + ": setup() given a null matrix");
    }
    if (local_rows->rows() != rows.local_rows() || local_rows->cols() != rows.global_rows) {
      throw InputError(name() + ": rank " + std::to_string(PetscSession::rank()) + " holds a " +
                       std::to_string(local_rows->rows()) + " x " + std::to_string(local_rows->cols()) +
                       " block, expected rows [" + std::to_string(rows.begin) + ", " +
                       std::to_string(rows.end) + ") of " + std::to_string(rows.global_rows) + " columns");
    }
    if (settings_.needs_nonzero_diagonal()) {
      petsc_detail::require_nonzero_diagonal(*local_rows, rows.begin, name());
    }
  });
  matrix_.reset();
  impl_->engine.set_operator(*local_rows, rows.global_rows);
  matrix_ = std::move(local_rows);
  rows_ = rows;
  setup_seconds_ = seconds_since(start);
}

void PetscDistributedSolver::residual(std::span<const double> b, std::span<const double> x,
                                      std::span<double> r) {
  if (!matrix_) {
    throw UsageError(name() + ": setup() must be called before residual()");
  }
  impl_->engine.residual(b, x, r);
}

SolveReport PetscDistributedSolver::solve(std::span<const double> b, std::span<double> x) {
  if (!matrix_) {
    throw UsageError(name() + ": setup() must be called before solve()");
  }
  const std::size_t n = static_cast<std::size_t>(rows_.local_rows());
  run_collectively([&] {
    if (b.size() != n || x.size() != n) {
      throw UsageError(name() + ": rank " + std::to_string(PetscSession::rank()) + " needs " +
                       std::to_string(n) + " entries of b and x, got " + std::to_string(b.size()) + " and " +
                       std::to_string(x.size()));
    }
  });
  const auto start = std::chrono::steady_clock::now();
  SolveReport report;
  report.solver = name();
  report.setup_seconds = setup_seconds_;
  report.parameters["rtol"] = criteria_.rtol;
  report.parameters["atol"] = criteria_.atol;
  report.parameters["max_iters"] = criteria_.max_iters;
  if (settings_.uses_omega()) {
    report.parameters["omega"] = settings_.omega;
  }
  report.parameters["ranks"] = PetscSession::size();

  auto finish_early = [&](StopReason reason, double residual) {
    report.reason = reason;
    report.initial_residual = residual;
    report.final_residual = residual;
    report.residual_history = {residual};
    report.solve_seconds = seconds_since(start);
    return report;
  };
  // Every decision below is taken on global quantities, so all ranks take the same branch.
  const bool finite = sum_over_ranks(vec::all_finite(b) && vec::all_finite(x) ? 0.0 : 1.0) == 0.0;
  if (!finite) {
    return finish_early(StopReason::nan_or_inf, std::nan(""));
  }
  auto& engine = impl_->engine;
  const double rhs_norm = engine.norm(b);
  report.rhs_norm = rhs_norm;
  if (rhs_norm == 0.0) {
    vec::fill(x, 0.0);  // b = 0: x = 0 after 0 iterations
    return finish_early(StopReason::converged_atol, 0.0);
  }
  // Rescale A (x / s) = b / s with s = ||b|| (as LinearSolver::solve does).
  const double s = rhs_norm;
  auto& scaled_rhs = impl_->scaled_rhs;
  auto& residual = impl_->residual;
  scaled_rhs.resize(n);
  residual.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    scaled_rhs[i] = b[i] / s;
    x[i] /= s;
  }
  engine.residual(scaled_rhs, x, residual);  // r0 = b - A x0 (scaled)
  const double r0 = engine.norm(residual);
  const double beta = criteria_.baseline == Baseline::rhs_norm ? 1.0 : r0;
  const double threshold = std::max(criteria_.rtol * beta, criteria_.atol / s);
  const bool atol_decides = criteria_.atol / s >= criteria_.rtol * beta;
  report.initial_residual = r0 * s;
  report.threshold = threshold * s;
  if (r0 <= threshold) {
    vec::scale(s, x);
    return finish_early(atol_decides ? StopReason::converged_atol : StopReason::converged_rtol, r0 * s);
  }

  IterationLog log(report.solver, criteria_, threshold, s, monitors_, report.residual_history);
  log.record(r0);
  const std::function<void(double)> record = [&log](double norm) { log.record(norm); };
  report.reason = engine.iterate(scaled_rhs, x, threshold, criteria_.max_iters, record);
  report.iterations = log.iterations();
  if (sum_over_ranks(vec::all_finite(x) ? 0.0 : 1.0) > 0.0) {
    report.reason = StopReason::nan_or_inf;
    report.final_residual = std::nan("");
  } else {
    engine.residual(scaled_rhs, x, residual);
    report.final_residual = engine.norm(residual) * s;
    if (report.reason == StopReason::converged_rtol && atol_decides) {
      report.reason = StopReason::converged_atol;
    }
  }
  vec::scale(s, x);
  report.solve_seconds = seconds_since(start);
  return report;
}

}  // namespace adasolve::backend
