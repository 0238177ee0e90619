#pragma once
// A solver arm of --solver auto (sequence/solver_arm.hpp) seen as a LinearSolver, so that every arm goes
// through the conformance suite twice: with its setup built from the matrix it solves (rebuild), and with a
// setup kept from another matrix of the same pattern (2 A + I, then applied to A: reuse). The reused setup
// only preconditions; the answer must still be A's, to the suite's tolerances.
#include <memory>
#include <string>

#include "adasolve/core/linear_solver.hpp"
#include "adasolve/sequence/solver_arm.hpp"

namespace adasolve::test {

class ArmSolver final : public LinearSolver {
 public:
  ArmSolver(std::unique_ptr<sequence::SolverArm> arm, bool reuse, StoppingCriteria criteria)
      : LinearSolver(criteria), arm_(std::move(arm)), reuse_(reuse) {}
  std::string name() const override { return "arm " + arm_->name() + (reuse_ ? " (kept setup)" : ""); }

 protected:
  void setup_impl(const CsrMatrix& a) override {
    auto own = std::make_shared<const CsrMatrix>(a);
    if (reuse_) {
      // A matrix of the same pattern with other values: 2 A + I (still SPD when A is).
      std::vector<double> values(a.values().begin(), a.values().end());
      for (Index i = 0; i < a.rows(); ++i) {
        for (Index k = a.row_offsets()[i]; k < a.row_offsets()[i + 1]; ++k) {
          values[static_cast<std::size_t>(k)] =
              2.0 * values[static_cast<std::size_t>(k)] + (a.column_indices()[k] == i ? 1.0 : 0.0);
        }
      }
      auto other = std::make_shared<const CsrMatrix>(
          a.rows(), a.cols(), std::vector<Index>(a.row_offsets().begin(), a.row_offsets().end()),
          std::vector<Index>(a.column_indices().begin(), a.column_indices().end()), std::move(values));
      (void)arm_->prepare(other, true, 1.3);
    }
    inner_ = &arm_->prepare(own, !reuse_, 1.3);
    inner_->set_criteria(criteria());
    if (!monitored_) {
      inner_->add_monitor([this](const IterationEvent& e) {
        if (log_ != nullptr && e.iteration > 0) {  // the initial residual is recorded by this solver
          log_->record(e.residual_norm);
        }
      });
      monitored_ = true;
    }
  }
  void solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) override {
    // b has unit norm here, so the inner solver's units are this solver's scaled units.
    log_ = &log;
    const SolveReport report = inner_->solve(b, x);
    log_ = nullptr;
    log.finish(report.reason);
  }

 private:
  std::unique_ptr<sequence::SolverArm> arm_;
  bool reuse_;
  LinearSolver* inner_ = nullptr;
  IterationLog* log_ = nullptr;
  bool monitored_ = false;
};

}  // namespace adasolve::test
