#include "plugin/petsc/inner_pcs.hpp"

#include <petsc/private/pcimpl.h>

#include <sstream>

namespace adasolve::petsc_plugin {

namespace {

constexpr PetscErrorCode kPetscSuccess = 0;

PCType pc_type_of(const std::string& kind) {
  if (kind == "icc") {
    return PCICC;
  }
  return kind == "gamg" ? PCGAMG : PCHYPRE;
}

}  // namespace

PetscErrorCode InnerPcs::runnable(MPI_Comm comm, Mat pmat, const std::vector<PluginArm>& arms,
                                  std::vector<PluginArm>* kept, std::vector<std::string>* left_out) {
  PetscMPIInt size = 1;
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscBool have_hypre = PETSC_FALSE;
  PetscCall(PetscHasExternalPackage("hypre", &have_hypre));
  kept->clear();
  left_out->clear();
  for (const auto& arm : arms) {
    PetscBool symmetric = PETSC_TRUE;
    if (arm.kind == "icc" && size == 1) {
      PetscCall(MatIsSymmetric(pmat, 0.0, &symmetric));
    }
    if (arm.kind == "icc" && size > 1) {
      left_out->push_back("icc runs on one rank only (PETSc's ICC is sequential); left out on " +
                          std::to_string(size) + " ranks");
    } else if (!symmetric) {
      left_out->push_back("icc needs a symmetric operator and this one is not; left out");
    } else if (arm.kind == "hypre" && !have_hypre) {
      left_out->push_back(arm.name() + ": this PETSc is built without hypre; left out");
    } else {
      kept->push_back(arm);
    }
  }
  return kPetscSuccess;
}

PetscErrorCode InnerPcs::usable(Mat pmat, std::vector<bool>* usable) const {
  PetscObjectState state = 0;
  PetscInt rows = 0;
  PetscCall(MatGetNonzeroState(pmat, &state));
  PetscCall(MatGetSize(pmat, &rows, nullptr));
  usable->assign(arms_.size(), false);
  for (std::size_t a = 0; a < kept_.size() && a < arms_.size(); ++a) {
    (*usable)[a] = kept_[a].pc != nullptr && kept_[a].nonzero_state == state && kept_[a].rows == rows;
  }
  return kPetscSuccess;
}

PetscErrorCode InnerPcs::prepare(PC outer, std::size_t arm, Mat amat, Mat pmat, bool rebuild, bool* failed) {
  *failed = false;
  if (arms_[arm].kind == "ssor") {
    return kPetscSuccess;
  }
  kept_.resize(arms_.size());
  Kept& k = kept_[arm];
  if (arms_[arm].kind == "icc" && rebuild) {
    // ICC factors the upper triangle as if the operator were symmetric and shifts a non-positive pivot until
    // the factor is positive definite; on a nonsymmetric operator (ex13's: its boundary rows are not
    // mirrored) PETSc's -pc_type icc does not finish. runnable() leaves ICC out when the first operator is
    // not symmetric; this guards a later one that is not.
    PetscBool symmetric = PETSC_FALSE;
    PetscCall(MatIsSymmetric(pmat, 0.0, &symmetric));
    if (!symmetric) {
      *failed = true;
      return kPetscSuccess;
    }
  }
  if (k.pc == nullptr) {
    PetscCall(PCCreate(PetscObjectComm(reinterpret_cast<PetscObject>(outer)), &k.pc));
    const char* outer_prefix = nullptr;
    PetscCall(PCGetOptionsPrefix(outer, &outer_prefix));
    const std::string prefix =
        std::string(outer_prefix ? outer_prefix : "") + "adasolve_" + arms_[arm].kind + "_";
    PetscCall(PCSetOptionsPrefix(k.pc, prefix.c_str()));
    PetscCall(PCSetType(k.pc, pc_type_of(arms_[arm].kind)));
    if (arms_[arm].threshold) {
      std::ostringstream value;
      value << *arms_[arm].threshold;
      const std::string option =
          "-" + prefix +
          (arms_[arm].kind == "gamg" ? "pc_gamg_threshold" : "pc_hypre_boomeramg_strong_threshold");
      PetscCall(PetscOptionsSetValue(nullptr, option.c_str(), value.str().c_str()));
    }
    PetscCall(PCSetFromOptions(k.pc));
    rebuild = true;
  }
  PetscCall(PCSetReusePreconditioner(k.pc, rebuild ? PETSC_FALSE : PETSC_TRUE));
  PetscCall(PCSetOperators(k.pc, amat, pmat));
  PetscCall(PCSetUp(k.pc));
  PCFailedReason reason = PC_NOERROR;
  PetscCall(PCGetFailedReason(k.pc, &reason));
  *failed = reason != PC_NOERROR;
  if (*failed) {
    k.nonzero_state = -1;  // nothing worth keeping: the next play rebuilds
  } else if (rebuild) {
    PetscCall(MatGetNonzeroState(pmat, &k.nonzero_state));
    PetscCall(MatGetSize(pmat, &k.rows, nullptr));
  }
  return kPetscSuccess;
}

PetscErrorCode InnerPcs::apply(std::size_t arm, Vec x, Vec y) const {
  PetscCall(PCApply(kept_[arm].pc, x, y));
  return kPetscSuccess;
}

PetscErrorCode InnerPcs::view(std::size_t arm, PetscViewer viewer) const {
  if (arm < kept_.size() && kept_[arm].pc != nullptr) {
    PetscCall(PetscViewerASCIIPushTab(viewer));
    PetscCall(PCView(kept_[arm].pc, viewer));
    PetscCall(PetscViewerASCIIPopTab(viewer));
  }
  return kPetscSuccess;
}

PetscErrorCode InnerPcs::reset() {
  for (auto& k : kept_) {
    PetscCall(PCDestroy(&k.pc));
  }
  kept_.clear();
  return kPetscSuccess;
}

}  // namespace adasolve::petsc_plugin
