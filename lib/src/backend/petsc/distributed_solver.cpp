// PetscDistributedSolver: LinearSolver's contract on a system distributed by row blocks.
#include <petscksp.h>

#include <chrono>

#include "adasolve/backend/petsc_parallel.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/solve_protocol.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "backend/petsc/ksp_engine.hpp"

namespace adasolve::backend {

struct PetscDistributedSolver::Impl {
  explicit Impl(const PetscKspSettings& settings) : engine(PETSC_COMM_WORLD, settings) {}
  petsc_detail::KspEngine engine;
  SolveWorkspace workspace;
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

  // LinearSolver's protocol with global reductions: every decision it takes is then the same on all ranks.
  auto& engine = impl_->engine;
  const SolveOperations operations{
      [](std::span<const double> v) { return sum_over_ranks(vec::all_finite(v) ? 0.0 : 1.0) == 0.0; },
      [&engine](std::span<const double> v) { return engine.norm(v); },
      [&engine](std::span<const double> rhs, std::span<const double> guess, std::span<double> r) {
        engine.residual(rhs, guess, r);
      },
      [&engine](std::span<const double> rhs, std::span<double> guess, IterationLog& log) {
        const std::function<bool(double)> record = [&log](double norm) {
          log.record(norm);
          return !log.abandoned();
        };
        log.finish(engine.iterate(rhs, guess, log.threshold(), log.criteria().max_iters, record));
      }};
  return run_solve_protocol(std::move(report), b, x, criteria_, monitors_, operations, impl_->workspace);
}

}  // namespace adasolve::backend
