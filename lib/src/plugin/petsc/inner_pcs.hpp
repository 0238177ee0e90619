#pragma once
// The PETSc preconditioners behind the arms of -pc_adasolve_solver auto (arm_learner.hpp): one inner PC per
// arm, created when the arm is first played and kept, so that its setup (ICC factor, GAMG or BoomerAMG
// hierarchy) can be applied to later operators of the run. A kept setup fits an operator of the same size
// and nonzero pattern (MatGetNonzeroState); "reuse" is PETSc's own PCSetReusePreconditioner, as an expert
// would write -ksp_reuse_preconditioner.
//
// Each inner PC reads its options under the prefix <outer prefix>adasolve_<kind>_ (for example
// -adasolve_gamg_pc_gamg_agg_nsmooths 1), and an arm's threshold is inserted there, so it reaches only that
// arm. The ssor arm has no inner PC: the plugin's own sweep applies it.
#include <petscpc.h>

#include <string>
#include <vector>

#include "plugin/petsc/arm_learner.hpp"

namespace adasolve::petsc_plugin {

class InnerPcs {
 public:
  /// The arms that can run on this communicator and operator (ICC: one rank, a symmetric operator; hypre:
  /// built into this PETSc), and one line per arm left out, saying why.
  static PetscErrorCode runnable(MPI_Comm comm, Mat pmat, const std::vector<PluginArm>& arms,
                                 std::vector<PluginArm>* kept, std::vector<std::string>* left_out);

  /// usable[a]: arm a holds a setup that fits `pmat` (the ssor arm never holds one).
  PetscErrorCode usable(Mat pmat, std::vector<bool>* usable) const;
  /// Makes arm `arm`'s inner PC ready for (amat, pmat): built from them when `rebuild`, else the kept
  /// setup reused. *failed: the arm cannot precondition this operator (ICC on a diagonal that is not
  /// positive, a zero pivot); the PC then applies the SSOR sweep and the learner is charged a failure.
  PetscErrorCode prepare(PC outer, std::size_t arm, Mat amat, Mat pmat, bool rebuild, bool* failed);
  PetscErrorCode apply(std::size_t arm, Vec x, Vec y) const;
  /// Arm `arm`'s inner PC after prepare() (nullptr for the ssor arm), for a KSP of the plugin's own.
  PC pc_of(std::size_t arm) const { return arm < kept_.size() ? kept_[arm].pc : nullptr; }
  PetscErrorCode view(std::size_t arm, PetscViewer viewer) const;
  /// Drops every kept setup (a new portfolio, or the PC is destroyed).
  PetscErrorCode reset();

  void set_arms(std::vector<PluginArm> arms) { arms_ = std::move(arms); }

 private:
  struct Kept {
    PC pc = nullptr;
    PetscObjectState nonzero_state = -1;
    PetscInt rows = -1;
  };
  std::vector<PluginArm> arms_;
  std::vector<Kept> kept_;
};

}  // namespace adasolve::petsc_plugin
