#include "seq/backend/petsc_arms.hpp"

#include <fmt/format.h>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/backend/petsc_parallel.hpp"
#include "adasolve/core/error.hpp"

namespace adasolve::app {

using namespace adasolve::backend;

namespace {

/// Distributed SSOR-PCG (interface-ordered SSOR): it relaxes with the omega the ssor-pcg arm's policy
/// chooses (rank 0's, broadcast), and like the native arm it is rebuilt every time.
class DistributedSsorArm final : public sequence::SolverArm {
 public:
  explicit DistributedSsorArm(const StoppingCriteria& stop)
      : solver_(PetscKspSettings::interface_ssor_pcg(1.0), stop) {}
  std::string name() const override { return "ssor-pcg"; }
  std::string unsuitable(const CsrMatrix& a) const override { return sequence::unless_symmetric(a, name()); }
  bool can_reuse(const CsrMatrix&) const override { return false; }
  bool keeps_setups() const override { return false; }
  bool relaxes() const override { return true; }
  LinearSolver& prepare(std::shared_ptr<const CsrMatrix> a, bool, double omega) override {
    solver_.set_omega(broadcast_from_root(omega));
    solver_.setup(std::move(a));
    return solver_;
  }

 private:
  PetscParallelKspSolver solver_;
};

/// An arm this run cannot use: left out of the portfolio with its reason (SolverArm::unsuitable).
class UnavailableArm final : public sequence::SolverArm {
 public:
  UnavailableArm(std::string name, std::string why) : name_(std::move(name)), why_(std::move(why)) {}
  std::string name() const override { return name_; }
  std::string unsuitable(const CsrMatrix&) const override { return why_; }
  bool can_reuse(const CsrMatrix&) const override { return false; }
  LinearSolver& prepare(std::shared_ptr<const CsrMatrix>, bool, double) override {
    throw UsageError(name_ + ": " + why_);
  }

 private:
  std::string name_;
  std::string why_;
};

template <class Solver>
std::unique_ptr<sequence::SolverArm> kept_petsc_arm(const ArmSpec& spec, PetscKspSettings settings,
                                                    const StoppingCriteria& stop, std::string only_one_rank) {
  auto solver = std::make_unique<Solver>(settings, stop);
  Solver* kept = solver.get();
  const std::string name = spec.name();
  // PETSc's ICC does not finish on a matrix whose Dirichlet rows are not mirrored (solver_arm.hpp): it needs
  // exact symmetry, checked before every factorisation, since a later matrix of the sequence may lose it.
  const bool icc = spec.kind == "petsc-icc";
  const auto need = icc ? sequence::Symmetry::exact : sequence::Symmetry::apart_from_dirichlet_rows;
  return sequence::make_kept_setup_arm(
      name, std::move(solver), [kept](bool reuse) { kept->reuse_preconditioner(reuse); },
      [name, only_one_rank, need](const CsrMatrix& a) {
        return only_one_rank.empty() ? sequence::unless_symmetric(a, name, need) : only_one_rank;
      },
      icc ? sequence::SuitabilityCheck::every_setup : sequence::SuitabilityCheck::first_matrix);
}

}  // namespace

std::unique_ptr<sequence::SolverArm> make_petsc_arm(const ArmSpec& spec, const SeqConfig& config,
                                                    bool distributed) {
  if (spec.kind == "ssor-pcg" && distributed) {
    return std::make_unique<DistributedSsorArm>(config.stop);
  }
  if (spec.kind == "ic0-pcg" && distributed && PetscSession::size() == 1) {
    return sequence::make_ic0_pcg_arm(config.stop);  // one rank holds the whole matrix
  }
  if (spec.kind == "ic0-pcg" && distributed) {
    return std::make_unique<UnavailableArm>("ic0-pcg", "ic0-pcg is a native arm of one process; on " +
                                                           std::to_string(PetscSession::size()) +
                                                           " ranks use gamg or hypre");
  }
  const std::string pc = spec.kind == "petsc-icc" ? "icc" : spec.kind;
  PetscKspSettings settings = PetscKspSettings::cg_with(pc);
  // Each arm reads its own options: its parameter must not reach the other arms' KSPs.
  settings.options_prefix = fmt::format("adasolve_arm_{}_", spec.kind == "petsc-icc" ? "icc" : spec.kind);
  if (spec.value) {
    settings.options_prefix += fmt::format("{}_", static_cast<long long>(*spec.value * 1e6));
    const char* option = spec.kind == "gamg" ? "-pc_gamg_threshold" : "-pc_hypre_boomeramg_strong_threshold";
    PetscSession::insert_options(fmt::format("{} {}", option, *spec.value), settings.options_prefix);
  }
  if (distributed) {
    const std::string only_one = spec.kind == "petsc-icc" && PetscSession::size() > 1
                                     ? "petsc-icc runs on one rank only (PETSc's ICC is sequential)"
                                     : "";
    return kept_petsc_arm<PetscParallelKspSolver>(spec, settings, config.stop, only_one);
  }
  return kept_petsc_arm<PetscKspSolver>(spec, settings, config.stop, "");
}

}  // namespace adasolve::app
