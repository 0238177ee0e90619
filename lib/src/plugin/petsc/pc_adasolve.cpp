// PETSc preconditioner type "adasolve": SSOR whose relaxation factor omega is learned across every
// KSPSolve of the program (methods/relax.md), loaded into an unmodified PETSc program with
//   -dll_append PREFIX/lib/libadasolve_petsc.so -pc_type adasolve
//
// Each application is what -pc_type sor does by default: one local symmetric sweep from a zero guess,
//   y = MatSOR(P, x, omega, SOR_LOCAL_SYMMETRIC_SWEEP | SOR_ZERO_INITIAL_GUESS, its = lits = 1),
// i.e. SSOR on one rank and block Jacobi with SSOR inside each rank's block on several (as PCSOR in
// parallel), so the plugin costs a sweep exactly what PCSOR does. The learning lives in the PC's
// presolve hook (choose omega, start the clock) and postsolve hook (iterations, converged reason, time;
// the policy observes the cost). Rank 0's choice is broadcast so the ranks never disagree, and every rank
// observes the same cost (iterations are global; seconds are reduced with MPI_MAX).
#include <petsc/private/pcimpl.h>
#include <petscksp.h>

#include <exception>
#include <memory>
#include <string>
#include <utility>

#include "adasolve/core/error.hpp"
#include "adasolve/core/version.hpp"
#include "plugin/petsc/omega_learner.hpp"

namespace {

using adasolve::petsc_plugin::CostKind;
using adasolve::petsc_plugin::LearnerSettings;
using adasolve::petsc_plugin::OmegaLearner;

constexpr PetscErrorCode kPetscSuccess = 0;  // PETSC_SUCCESS arrives in PETSc 3.19

struct PcAdasolve {
  LearnerSettings settings;
  std::unique_ptr<OmegaLearner> learner;
  std::string state_file;
  double omega = 1.0;  ///< the omega of the solve in progress
  double started = 0;  ///< MPI_Wtime() at presolve
};

PcAdasolve& data_of(PC pc) { return *static_cast<PcAdasolve*>(pc->data); }

// C++ exceptions must not cross PETSc's C frames: each hook catches and returns a PETSc error with the
// adasolve message (bad input: PETSC_ERR_FILE_UNEXPECTED; bad option value: PETSC_ERR_ARG_OUTOFRANGE).
PetscErrorCode fail(PC pc, const std::exception& e) {
  PetscErrorCode code = PETSC_ERR_LIB;
  if (dynamic_cast<const adasolve::InputError*>(&e) != nullptr) {
    code = PETSC_ERR_FILE_UNEXPECTED;
  } else if (dynamic_cast<const adasolve::UsageError*>(&e) != nullptr) {
    code = PETSC_ERR_ARG_OUTOFRANGE;
  }
  SETERRQ(PetscObjectComm(reinterpret_cast<PetscObject>(pc)), code, "-pc_type adasolve: %s", e.what());
}

// A learner for the current settings; with -pc_adasolve_state FILE it continues from FILE when FILE exists.
PetscErrorCode make_learner(PC pc) {
  PcAdasolve& d = data_of(pc);
  try {
    d.learner.reset();  // a refused state file must not be overwritten by a fresh learner at destroy
    auto learner = std::make_unique<OmegaLearner>(d.settings);
    if (!d.state_file.empty()) {
      const auto state = adasolve::petsc_plugin::load_state(d.state_file);
      if (!state.is_null()) {
        learner->restore(state, d.state_file);
      }
    }
    d.learner = std::move(learner);
  } catch (const std::exception& e) {
    return fail(pc, e);
  }
  return kPetscSuccess;
}

PetscErrorCode setfromoptions(PC pc, PetscOptionItems* PetscOptionsObject) {
  PcAdasolve& d = data_of(pc);
  LearnerSettings s = d.settings;
  static const char* const policies[] = {"tsallis-inf", "fixed"};
  static const char* const costs[] = {"iterations", "seconds"};
  PetscInt policy = s.policy == "fixed" ? 1 : 0;
  PetscInt cost = s.cost == CostKind::seconds ? 1 : 0;
  PetscInt count = s.omega_count;
  PetscInt seed = static_cast<PetscInt>(s.seed);
  char state[PETSC_MAX_PATH_LEN] = "";
  PetscBool state_set = PETSC_FALSE;
  PetscOptionsHeadBegin(PetscOptionsObject, "adasolve: SSOR with omega learned across the KSPSolves of the run");
  PetscCall(PetscOptionsEList("-pc_adasolve_policy", "how omega is chosen", "", policies, 2, policies[policy],
                              &policy, nullptr));
  PetscCall(PetscOptionsReal("-pc_adasolve_omega_min", "smallest omega tried", "", s.omega_min, &s.omega_min,
                             nullptr));
  PetscCall(PetscOptionsReal("-pc_adasolve_omega_max", "largest omega tried", "", s.omega_max, &s.omega_max,
                             nullptr));
  PetscCall(PetscOptionsInt("-pc_adasolve_omega_count", "omega values, evenly spaced", "", count, &count,
                            nullptr));
  PetscCall(PetscOptionsReal("-pc_adasolve_omega", "omega of -pc_adasolve_policy fixed", "", s.omega, &s.omega,
                             nullptr));
  PetscCall(PetscOptionsEList("-pc_adasolve_cost", "what a solve costs the learner", "", costs, 2, costs[cost],
                              &cost, nullptr));
  PetscCall(PetscOptionsInt("-pc_adasolve_seed", "seed of the policy's random choices", "", seed, &seed,
                            nullptr));
  PetscCall(PetscOptionsString("-pc_adasolve_state", "file that keeps what was learned across runs", "",
                               d.state_file.c_str(), state, sizeof state, &state_set));
  PetscOptionsHeadEnd();
  s.policy = policies[policy];
  s.cost = cost == 1 ? CostKind::seconds : CostKind::iterations;
  s.omega_count = static_cast<int>(count);
  s.seed = static_cast<std::uint64_t>(seed);
  const std::string state_file = state_set ? std::string(state) : d.state_file;
  const bool changed = !d.learner || s.policy != d.settings.policy || s.omega_min != d.settings.omega_min ||
                       s.omega_max != d.settings.omega_max || s.omega_count != d.settings.omega_count ||
                       s.omega != d.settings.omega || s.cost != d.settings.cost || s.seed != d.settings.seed ||
                       state_file != d.state_file;
  if (changed) {  // a second KSPSetFromOptions with the same options keeps what was learned
    d.settings = s;
    d.state_file = state_file;
    PetscCall(make_learner(pc));
  }
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode setup(PC pc) {
  if (!data_of(pc).learner) {  // PCSetType without PCSetFromOptions: the defaults
    PetscCall(make_learner(pc));
  }
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode apply(PC pc, Vec x, Vec y) {
  const auto flag = static_cast<MatSORType>(SOR_LOCAL_SYMMETRIC_SWEEP | SOR_ZERO_INITIAL_GUESS);
  PetscCall(MatSOR(pc->pmat, x, data_of(pc).omega, flag, 0.0, 1, 1, y));
  MatFactorError reason = MAT_FACTOR_NOERROR;
  PetscCall(MatFactorGetError(pc->pmat, &reason));
  if (reason == MAT_FACTOR_NUMERIC_ZEROPIVOT) {
    PetscCall(PCSetFailedReason(pc, PC_FACTOR_NUMERIC_ZEROPIVOT));
  }
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode presolve(PC pc, KSP /*ksp*/, Vec /*b*/, Vec /*x*/) {
  PcAdasolve& d = data_of(pc);
  if (!d.learner) {
    PetscCall(make_learner(pc));
  }
  try {
    d.omega = d.learner->choose();
  } catch (const std::exception& e) {
    return fail(pc, e);
  }
  PetscCallMPI(MPI_Bcast(&d.omega, 1, MPI_DOUBLE, 0, PetscObjectComm(reinterpret_cast<PetscObject>(pc))));
  d.started = MPI_Wtime();
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode postsolve(PC pc, KSP ksp, Vec /*b*/, Vec /*x*/) {
  PcAdasolve& d = data_of(pc);
  double seconds = MPI_Wtime() - d.started;
  PetscInt iterations = 0, max_iterations = 0;
  KSPConvergedReason reason = KSP_CONVERGED_ITERATING;
  PetscCall(KSPGetIterationNumber(ksp, &iterations));
  PetscCall(KSPGetConvergedReason(ksp, &reason));
  PetscCall(KSPGetTolerances(ksp, nullptr, nullptr, nullptr, &max_iterations));
  double cost = 0;
  if (d.settings.cost == CostKind::seconds) {
    PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, &seconds, 1, MPI_DOUBLE, MPI_MAX,
                               PetscObjectComm(reinterpret_cast<PetscObject>(pc))));
    cost = seconds;
  } else {
    // A failed solve is charged at least the cap: the policy must not prefer an omega that breaks down early.
    cost = static_cast<double>(reason < 0 ? PetscMax(iterations, max_iterations) : iterations);
  }
  try {
    d.learner->observe(cost);
  } catch (const std::exception& e) {
    return fail(pc, e);
  }
  // PETSc 3.18 has no -pc_view of its own at solve time (-ksp_view shows the PC): after each solve, as
  // -ksp_view does, so that it shows the omega just used and what was learned.
  PetscCall(PCViewFromOptions(pc, nullptr, "-pc_view"));
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode view(PC pc, PetscViewer viewer) {
  PcAdasolve& d = data_of(pc);
  PetscBool ascii = PETSC_FALSE;
  PetscCall(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(viewer), PETSCVIEWERASCII, &ascii));
  if (!ascii) {
    PetscFunctionReturn(kPetscSuccess);
  }
  const std::string version = std::string(adasolve::version()) + " (git " + std::string(adasolve::git_revision()) + ")";
  PetscCall(PetscViewerASCIIPrintf(viewer, "  adasolve %s: SSOR (local symmetric sweep, as -pc_type sor), omega learned across KSPSolves\n",
                                   version.c_str()));
  const LearnerSettings& s = d.settings;
  if (s.policy == "fixed") {
    PetscCall(PetscViewerASCIIPrintf(viewer, "  policy fixed: omega %g\n", s.omega));
  } else {
    PetscCall(PetscViewerASCIIPrintf(viewer, "  policy %s over %d omega values in [%g, %g], cost = %s, seed %llu\n",
                                     s.policy.c_str(), s.omega_count, s.omega_min, s.omega_max,
                                     adasolve::petsc_plugin::to_string(s.cost),
                                     static_cast<unsigned long long>(s.seed)));
  }
  if (d.learner) {
    const OmegaLearner& l = *d.learner;
    PetscCall(PetscViewerASCIIPrintf(viewer, "  solves observed: %lld (%lld of them restored from the state file)\n",
                                     l.solves(), l.restored_solves()));
    if (l.solves() > l.restored_solves()) {
      PetscCall(PetscViewerASCIIPrintf(viewer, "  omega of the last solve: %g (cost %g)\n", l.last_omega(),
                                       l.last_cost()));
    }
    if (l.solves() > 0) {
      PetscCall(PetscViewerASCIIPrintf(viewer, "  lowest mean cost so far at omega %g\n", l.best_omega()));
    }
  }
  if (!d.state_file.empty()) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "  state file: %s (written when the PC is destroyed)\n",
                                     d.state_file.c_str()));
  }
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode destroy(PC pc) {
  auto* d = static_cast<PcAdasolve*>(pc->data);
  PetscErrorCode result = kPetscSuccess;
  PetscMPIInt rank = 0;
  PetscCallMPI(MPI_Comm_rank(PetscObjectComm(reinterpret_cast<PetscObject>(pc)), &rank));
  if (rank == 0 && d->learner && !d->state_file.empty()) {
    try {
      adasolve::petsc_plugin::save_state(d->state_file, d->learner->to_json());
    } catch (const std::exception& e) {
      result = fail(pc, e);
    }
  }
  delete d;
  pc->data = nullptr;
  return result;
}

}  // namespace

extern "C" {

/// The PC constructor, for programs that link the plugin and call PCRegister themselves.
__attribute__((visibility("default"))) PetscErrorCode PCCreate_Adasolve(PC pc) {
  PetscFunctionBegin;
  pc->data = new PcAdasolve();
  pc->ops->setup = setup;
  pc->ops->apply = apply;
  pc->ops->setfromoptions = setfromoptions;
  pc->ops->presolve = presolve;
  pc->ops->postsolve = postsolve;
  pc->ops->view = view;
  pc->ops->destroy = destroy;
  PetscFunctionReturn(kPetscSuccess);
}

/// What PETSc's dynamic-library loader calls (-dll_append .../libadasolve_petsc.so): the name must be
/// PetscDLLibraryRegister_ + the file name without "lib" and ".so", or PETSc skips the library silently.
__attribute__((visibility("default"))) PetscErrorCode PetscDLLibraryRegister_adasolve_petsc(void) {
  PetscFunctionBegin;
  PetscCall(PCRegister("adasolve", PCCreate_Adasolve));
  PetscFunctionReturn(kPetscSuccess);
}

}  // extern "C"
