#pragma once
// SolverArm: one solver configuration of a portfolio (design.md, "Sequences: arms, setups and what a learner
// may see"). An arm solves an instance with a setup (factorisation, hierarchy, inverse diagonal) that it
// either builds from the instance's matrix (rebuild) or keeps from an earlier matrix of the sequence (reuse).
// The runner, not the arm, decides which, times both parts and owns the arms; an arm never sees a clock.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adasolve/core/linear_solver.hpp"
#include "adasolve/core/stopping.hpp"

namespace adasolve::sequence {

class SolverArm {
 public:
  virtual ~SolverArm() = default;
  /// The arm's name, also the JSON "arm" value: "ssor-pcg", "ic0-pcg", "gamg:0.02", ...
  virtual std::string name() const = 0;
  /// Empty when the arm can solve systems with `a`; otherwise one line saying why not ("ic0-pcg needs a
  /// symmetric matrix").
  virtual std::string unsuitable(const CsrMatrix& a) const {
    (void)a;
    return {};
  }
  /// True when the arm holds a setup that can be applied to `a` (built before, for a matrix of its size).
  virtual bool can_reuse(const CsrMatrix& a) const = 0;
  /// False for arms that rebuild at every instance whatever they are told (their setup reads the matrix):
  /// their rebuild schedules all cost the same.
  virtual bool keeps_setups() const { return true; }
  /// True for arms that relax with an omega chosen per instance (SSOR-PCG).
  virtual bool relaxes() const { return false; }
  /// Prepares the solver for `a`: its setup built from `a` when `rebuild` (or when it cannot reuse), else the
  /// kept one applied to `a`. omega: for arms that relax (ignored otherwise). Returns the solver to call.
  virtual LinearSolver& prepare(std::shared_ptr<const CsrMatrix> a, bool rebuild, double omega) = 0;
};

/// The arm that re-solves an instance the chosen arm failed, from the arms' kinds in portfolio order
/// ("ssor-pcg", "gamg", "hypre", ...): BoomerAMG ("hypre") when in the portfolio, else GAMG ("gamg"), else
/// the first arm. AMG-preconditioned CG converges where SSOR- and IC-preconditioned CG break down (an
/// indefinite preconditioned operator, stagnation), so a rescue rarely fails itself. Used by adasolve-seq
/// --solver auto and by the PETSc plugin's auto mode alike.
std::size_t fallback_arm(const std::vector<std::string>& kinds);

/// Native SSOR-PCG (linear/ssor_pcg.hpp). It relaxes; its setup is the inverse diagonal and its sweeps read
/// the matrix, so it is rebuilt for every instance (can_reuse is false).
std::unique_ptr<SolverArm> make_ssor_pcg_arm(StoppingCriteria stop);

/// When `unsuitable` is asked: of the sequence's first matrix only (it decides whether the arm joins the
/// portfolio), or also before every setup built, for a setup that would not finish on an unsuitable matrix.
enum class SuitabilityCheck { first_matrix, every_setup };

/// An arm around a solver whose preconditioner can be kept across matrices of one size: `keep(reuse)` tells
/// the solver, before each setup, whether to keep its preconditioner (PcgSolver::reuse_preconditioner,
/// PetscKspSolver::reuse_preconditioner). `unsuitable` says why a matrix does not suit it (may be empty);
/// with SuitabilityCheck::every_setup a rebuild for an unsuitable matrix throws InputError with that line
/// instead of starting the setup, a failure the runner rescues like a breakdown.
std::unique_ptr<SolverArm> make_kept_setup_arm(std::string name, std::unique_ptr<LinearSolver> solver,
                                               std::function<void(bool reuse)> keep,
                                               std::function<std::string(const CsrMatrix&)> unsuitable = {},
                                               SuitabilityCheck check = SuitabilityCheck::first_matrix);

/// Native IC(0)-PCG, its factor kept across matrices of one size; needs a symmetric matrix.
std::unique_ptr<SolverArm> make_ic0_pcg_arm(StoppingCriteria stop);

/// What a CG arm needs of its matrix. Dirichlet rows (whose only nonzero is the diagonal, as PETSc programs
/// assemble boundary conditions) leave the matrix nonsymmetric when their columns keep the couplings; CG on
/// such a system is CG on its symmetric interior block, but PETSc's ICC does not finish on it (it factors
/// the upper triangle and its positive-definite shift never settles; PETSc's ts ex13 assembles such rows).
enum class Symmetry { apart_from_dirichlet_rows, exact };

/// "" when `a` is symmetric as `need` says, else "<who> needs a symmetric matrix (apart from Dirichlet rows)"
/// or "<who> needs an exactly symmetric matrix (Dirichlet rows mirrored in their columns)".
std::string unless_symmetric(const CsrMatrix& a, const std::string& who,
                             Symmetry need = Symmetry::apart_from_dirichlet_rows);

}  // namespace adasolve::sequence
