// The native arms of a solver portfolio, and the arm around any solver that can keep its preconditioner.
#include <vector>

#include "adasolve/core/error.hpp"
#include "adasolve/linear/ic0_preconditioner.hpp"
#include "adasolve/linear/pcg.hpp"
#include "adasolve/linear/ssor_pcg.hpp"
#include "adasolve/sequence/solver_arm.hpp"

namespace adasolve::sequence {

namespace {

class SsorPcgArm final : public SolverArm {
 public:
  explicit SsorPcgArm(StoppingCriteria stop) : solver_(linear::SorSettings{1.0}, stop) {}
  std::string name() const override { return "ssor-pcg"; }
  std::string unsuitable(const CsrMatrix& a) const override { return unless_symmetric(a, name()); }
  bool can_reuse(const CsrMatrix&) const override { return false; }
  bool keeps_setups() const override { return false; }
  bool relaxes() const override { return true; }
  LinearSolver& prepare(std::shared_ptr<const CsrMatrix> a, bool, double omega) override {
    solver_.set_omega(omega);
    solver_.setup(std::move(a));
    return solver_;
  }

 private:
  linear::SsorPcgSolver solver_;
};

class KeptSetupArm final : public SolverArm {
 public:
  KeptSetupArm(std::string name, std::unique_ptr<LinearSolver> solver, std::function<void(bool)> keep,
               std::function<std::string(const CsrMatrix&)> unsuitable, SuitabilityCheck check)
      : name_(std::move(name)),
        solver_(std::move(solver)),
        keep_(std::move(keep)),
        unsuitable_(std::move(unsuitable)),
        check_(check) {
    if (!solver_ || !keep_) {
      throw UsageError("a kept-setup arm needs a solver and a way to keep its preconditioner");
    }
  }
  std::string name() const override { return name_; }
  std::string unsuitable(const CsrMatrix& a) const override {
    return unsuitable_ ? unsuitable_(a) : std::string();
  }
  bool can_reuse(const CsrMatrix& a) const override { return built_rows_ == a.rows(); }
  LinearSolver& prepare(std::shared_ptr<const CsrMatrix> a, bool rebuild, double) override {
    const Index rows = a->rows();
    const bool reuse = !rebuild && can_reuse(*a);
    if (!reuse && check_ == SuitabilityCheck::every_setup) {
      if (const std::string why = unsuitable(*a); !why.empty()) {
        built_rows_ = -1;
        throw InputError(why);
      }
    }
    keep_(reuse);
    built_rows_ = -1;  // a failed setup leaves nothing to reuse
    solver_->setup(std::move(a));
    built_rows_ = rows;
    return *solver_;
  }

 private:
  std::string name_;
  std::unique_ptr<LinearSolver> solver_;
  std::function<void(bool)> keep_;
  std::function<std::string(const CsrMatrix&)> unsuitable_;
  SuitabilityCheck check_;
  Index built_rows_ = -1;
};

}  // namespace

std::string unless_symmetric(const CsrMatrix& a, const std::string& who, Symmetry need) {
  const std::string refusal =
      need == Symmetry::exact ? who +
                                    " needs an exactly symmetric matrix (Dirichlet rows mirrored in their "
                                    "columns)"
                              : who + " needs a symmetric matrix (apart from Dirichlet rows)";
  if (!a.is_square()) {
    return refusal;
  }
  // A Dirichlet row holds only its diagonal (stored zeros aside): PETSc programs keep such rows in the
  // pattern of a symmetric operator, and CG on the system is CG on its symmetric interior block.
  const auto offsets = a.row_offsets();
  const auto columns = a.column_indices();
  const auto values = a.values();
  std::vector<bool> dirichlet(static_cast<std::size_t>(a.rows()),
                              need == Symmetry::apart_from_dirichlet_rows);
  for (Index i = 0; i < a.rows() && need == Symmetry::apart_from_dirichlet_rows; ++i) {
    for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (columns[k] != i && values[k] != 0.0) {
        dirichlet[static_cast<std::size_t>(i)] = false;
        break;
      }
    }
  }
  for (Index i = 0; i < a.rows(); ++i) {
    for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
      const Index j = columns[k];
      if (values[k] != a.at(j, i) && !dirichlet[static_cast<std::size_t>(i)] &&
          !dirichlet[static_cast<std::size_t>(j)]) {
        return refusal;
      }
    }
  }
  return {};
}

std::unique_ptr<SolverArm> make_ssor_pcg_arm(StoppingCriteria stop) {
  return std::make_unique<SsorPcgArm>(stop);
}

std::unique_ptr<SolverArm> make_kept_setup_arm(std::string name, std::unique_ptr<LinearSolver> solver,
                                               std::function<void(bool)> keep,
                                               std::function<std::string(const CsrMatrix&)> unsuitable,
                                               SuitabilityCheck check) {
  return std::make_unique<KeptSetupArm>(std::move(name), std::move(solver), std::move(keep),
                                        std::move(unsuitable), check);
}

std::unique_ptr<SolverArm> make_ic0_pcg_arm(StoppingCriteria stop) {
  auto solver = std::make_unique<linear::PcgSolver>(linear::make_ic0_preconditioner(), stop);
  linear::PcgSolver* pcg = solver.get();
  return make_kept_setup_arm(
      "ic0-pcg", std::move(solver), [pcg](bool reuse) { pcg->reuse_preconditioner(reuse); },
      [](const CsrMatrix& a) { return unless_symmetric(a, "ic0-pcg"); });
}

std::size_t fallback_arm(const std::vector<std::string>& kinds) {
  for (const char* robust : {"hypre", "gamg"}) {
    for (std::size_t a = 0; a < kinds.size(); ++a) {
      if (kinds[a] == robust) {
        return a;
      }
    }
  }
  return 0;
}

}  // namespace adasolve::sequence
