#pragma once
// The PETSc arms of adasolve-seq --solver auto: CG with ICC(0), GAMG or BoomerAMG, each under an options
// prefix of its own, and (distributed) CG with interface-ordered SSOR.
#include <memory>

#include "adasolve/sequence/solver_arm.hpp"
#include "seq/seq_arms.hpp"
#include "seq/seq_config.hpp"

namespace adasolve::app {

/// A PETSc arm on this process (PETSC_COMM_SELF; `distributed` false) or on all ranks. Needs a PetscSession.
std::unique_ptr<sequence::SolverArm> make_petsc_arm(const ArmSpec& spec, const SeqConfig& config,
                                                    bool distributed);

}  // namespace adasolve::app
