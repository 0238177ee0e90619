#include "adasolve/core/linear_solver.hpp"

#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/core/vector_ops.hpp"

namespace adasolve {

LinearSolver::LinearSolver(StoppingCriteria criteria) : criteria_(criteria) { criteria_.validate(); }

LinearSolver::~LinearSolver() = default;

void LinearSolver::set_criteria(const StoppingCriteria& criteria) {
  criteria.validate();
  criteria_ = criteria;
}

const CsrMatrix& LinearSolver::matrix() const {
  if (!matrix_) {
    throw UsageError(name() + ": setup() must be called before solve()");
  }
  return *matrix_;
}

void LinearSolver::setup(std::shared_ptr<const CsrMatrix> a) {
  if (!a) {
    throw UsageError(name() + ": setup() given a null matrix");
  }
  if (!a->is_square()) {
    throw InputError(name() + " needs a square matrix, got " + std::to_string(a->rows()) + " x " +
                     std::to_string(a->cols()));
  }
  const auto start = SteadyClock::now();
  matrix_.reset();
  setup_impl(*a);
  matrix_ = std::move(a);
  setup_seconds_ = seconds_since(start);
}

SolveReport LinearSolver::solve(std::span<const double> b, std::span<double> x) {
  const CsrMatrix& a = matrix();
  const std::size_t n = static_cast<std::size_t>(a.rows());
  if (b.size() != n || x.size() != n) {
    throw UsageError(name() + ": right-hand side and solution must have " + std::to_string(n) +
                     " entries, got " + std::to_string(b.size()) + " and " + std::to_string(x.size()));
  }
  SolveReport report;
  report.solver = name();
  report.setup_seconds = setup_seconds_;
  report.parameters["rtol"] = criteria_.rtol;
  report.parameters["atol"] = criteria_.atol;
  report.parameters["max_iters"] = criteria_.max_iters;
  report_parameters(report);
  const SolveOperations operations{[](std::span<const double> v) { return vec::all_finite(v); },
                                   [](std::span<const double> v) { return vec::norm2(v); },
                                   [&a](std::span<const double> rhs, std::span<const double> guess,
                                        std::span<double> r) { a.residual(rhs, guess, r); },
                                   [this](std::span<const double> rhs, std::span<double> guess,
                                          IterationLog& log) { solve_impl(rhs, guess, log); }};
  return run_solve_protocol(std::move(report), b, x, criteria_, monitors_, operations, workspace_, patience_);
}

}  // namespace adasolve
