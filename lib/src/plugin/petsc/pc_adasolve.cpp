// PETSc preconditioner type "adasolve", loaded into an unmodified PETSc program with
//   -dll_append PREFIX/lib/libadasolve_petsc.so -pc_type adasolve
// It learns across every KSPSolve of the program (methods/relax.md, methods/solver-auto.md):
//
// -pc_adasolve_solver ssor (the default): SSOR whose relaxation factor omega is learned. Each application is
// what -pc_type sor does by default: one local symmetric sweep from a zero guess,
//   y = MatSOR(P, x, omega, SOR_LOCAL_SYMMETRIC_SWEEP | SOR_ZERO_INITIAL_GUESS, its = lits = 1),
// i.e. SSOR on one rank and block Jacobi with SSOR inside each rank's block on several (as PCSOR in
// parallel), so the plugin costs a sweep exactly what PCSOR does.
//
// -pc_adasolve_solver auto: adasolve-seq --solver auto inside the program: before each solve the learner
// (arm_learner.hpp) picks the preconditioner (the SSOR above, ICC, GAMG or BoomerAMG) and whether to rebuild
// its setup from the current operator or reuse the kept one (inner_pcs.hpp).
//
// The learning lives in the PC's presolve hook (choose, set up, start the clock) and postsolve hook
// (iterations, converged reason, time; the learner observes the cost). In the auto mode a solve that failed
// is re-solved in the postsolve hook by the fallback arm, with the program's Krylov method and tolerances,
// before KSPSolve returns; when that converges the KSP reports the rescue's reason, iterations and residual
// (-ksp_converged_reason has already printed the failure), so the program goes on as adasolve-seq --solver
// auto does after a failed instance. Rank 0's choice is broadcast so the
// ranks never disagree, and every rank observes the same cost (iterations are global; seconds are reduced
// with MPI_MAX).
#include <petsc/private/kspimpl.h>
#include <petsc/private/pcimpl.h>
#include <petscksp.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "adasolve/core/error.hpp"
#include "adasolve/core/version.hpp"
#include "plugin/petsc/arm_learner.hpp"
#include "plugin/petsc/inner_pcs.hpp"
#include "plugin/petsc/omega_learner.hpp"

namespace {

using adasolve::petsc_plugin::ArmChoice;
using adasolve::petsc_plugin::ArmLearner;
using adasolve::petsc_plugin::CostKind;
using adasolve::petsc_plugin::InnerPcs;
using adasolve::petsc_plugin::LearnerSettings;
using adasolve::petsc_plugin::OmegaLearner;

constexpr PetscErrorCode kPetscSuccess = 0;  // PETSC_SUCCESS arrives in PETSc 3.19

struct PcAdasolve {
  LearnerSettings settings;
  bool auto_solver = false;  ///< -pc_adasolve_solver auto
  std::string portfolio = adasolve::petsc_plugin::default_plugin_portfolio();
  std::string rebuild = "auto";
  std::unique_ptr<OmegaLearner> learner;  ///< -pc_adasolve_solver ssor
  std::unique_ptr<ArmLearner> arms;       ///< -pc_adasolve_solver auto
  InnerPcs inner;
  std::string state_file;
  double omega = 1.0;       ///< the omega of the solve in progress
  ArmChoice choice;         ///< auto: the arm of the solve in progress
  bool arm_failed = false;  ///< auto: that arm could not be set up for this operator (SSOR stands in)
  double setup_seconds = 0;
  double started = 0;     ///< MPI_Wtime() when the solve proper starts
  KSP rescuer = nullptr;  ///< auto: re-solves a failed solve with the fallback arm (made on first use)

  bool learning() const { return auto_solver ? arms != nullptr : learner != nullptr; }
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
// The auto learner is made at the first solve (`at_solve`), when the operator holds values to judge the arms
// by.
PetscErrorCode make_learner(PC pc, bool at_solve) {
  PcAdasolve& d = data_of(pc);
  try {
    d.learner.reset();  // a refused state file must not be overwritten by a fresh learner at destroy
    d.arms.reset();
    PetscCall(d.inner.reset());
    const auto state =
        d.state_file.empty() ? nlohmann::json() : adasolve::petsc_plugin::load_state(d.state_file);
    if (!d.auto_solver) {
      auto learner = std::make_unique<OmegaLearner>(d.settings);
      if (!state.is_null()) {
        learner->restore(state, d.state_file);
      }
      d.learner = std::move(learner);
      return kPetscSuccess;
    }
    const auto portfolio = adasolve::petsc_plugin::parse_plugin_portfolio(d.portfolio);  // refused at once
    if (!at_solve) {
      return kPetscSuccess;  // which arms can run depends on the operator's values: decided at the first
                             // solve
    }
    const MPI_Comm comm = PetscObjectComm(reinterpret_cast<PetscObject>(pc));
    std::vector<adasolve::petsc_plugin::PluginArm> runnable;
    std::vector<std::string> left_out;
    PetscCall(InnerPcs::runnable(comm, pc->pmat, portfolio, &runnable, &left_out));
    for (const auto& why : left_out) {
      PetscCall(PetscFPrintf(comm, PETSC_STDERR, "-pc_type adasolve: %s\n", why.c_str()));
    }
    auto arms =
        std::make_unique<ArmLearner>(runnable, adasolve::sequence::RebuildRule::parse(d.rebuild), d.settings);
    if (!state.is_null()) {
      arms->restore(state, d.state_file);
    }
    d.inner.set_arms(arms->arms());
    d.arms = std::move(arms);
  } catch (const std::exception& e) {
    return fail(pc, e);
  }
  return kPetscSuccess;
}

PetscErrorCode setfromoptions(PC pc, PetscOptionItems* PetscOptionsObject) {
  PcAdasolve& d = data_of(pc);
  LearnerSettings s = d.settings;
  static const char* const policies[] = {"zoom-descent", "tsallis-inf", "fixed"};
  constexpr PetscInt policy_count = 3;
  static const char* const costs[] = {"iterations", "seconds"};
  PetscInt policy = 0;
  while (policy + 1 < policy_count && s.policy != policies[policy]) {
    ++policy;
  }
  PetscInt cost = s.cost == CostKind::seconds ? 1 : 0;
  PetscInt count = s.omega_count;
  PetscInt seed = static_cast<PetscInt>(s.seed);
  char state[PETSC_MAX_PATH_LEN] = "";
  PetscBool state_set = PETSC_FALSE;
  static const char* const solvers[] = {"ssor", "auto"};
  PetscInt solver = d.auto_solver ? 1 : 0;
  char portfolio[256] = "";
  char rebuild[64] = "";
  PetscBool portfolio_set = PETSC_FALSE, rebuild_set = PETSC_FALSE;
  PetscOptionsHeadBegin(PetscOptionsObject,
                        "adasolve: a preconditioner learned across the KSPSolves of the run");
  PetscCall(PetscOptionsEList("-pc_adasolve_solver",
                              "ssor: SSOR with omega learned; auto: the preconditioner and "
                              "when to rebuild it learned too",
                              "", solvers, 2, solvers[solver], &solver, nullptr));
  PetscCall(PetscOptionsString("-pc_adasolve_portfolio", "auto: the arms (ssor, icc, gamg[:T], hypre[:T])",
                               "", d.portfolio.c_str(), portfolio, sizeof portfolio, &portfolio_set));
  PetscCall(PetscOptionsString("-pc_adasolve_rebuild",
                               "auto: when to rebuild a setup (auto, every, every:K, once)", "",
                               d.rebuild.c_str(), rebuild, sizeof rebuild, &rebuild_set));
  PetscCall(PetscOptionsEList("-pc_adasolve_policy", "how omega is chosen", "", policies, policy_count,
                              policies[policy], &policy, nullptr));
  PetscCall(PetscOptionsReal("-pc_adasolve_omega_min", "smallest omega tried", "", s.omega_min, &s.omega_min,
                             nullptr));
  PetscCall(PetscOptionsReal("-pc_adasolve_omega_max", "largest omega tried", "", s.omega_max, &s.omega_max,
                             nullptr));
  PetscCall(
      PetscOptionsInt("-pc_adasolve_omega_count", "omega values, evenly spaced", "", count, &count, nullptr));
  PetscCall(PetscOptionsReal("-pc_adasolve_omega", "omega of -pc_adasolve_policy fixed", "", s.omega,
                             &s.omega, nullptr));
  PetscCall(PetscOptionsEList("-pc_adasolve_cost", "what a solve costs the learner", "", costs, 2,
                              costs[cost], &cost, nullptr));
  PetscCall(
      PetscOptionsInt("-pc_adasolve_seed", "seed of the policy's random choices", "", seed, &seed, nullptr));
  PetscCall(PetscOptionsString("-pc_adasolve_state", "file that keeps what was learned across runs", "",
                               d.state_file.c_str(), state, sizeof state, &state_set));
  PetscOptionsHeadEnd();
  s.policy = policies[policy];
  s.cost = cost == 1 ? CostKind::seconds : CostKind::iterations;
  s.omega_count = static_cast<int>(count);
  s.seed = static_cast<std::uint64_t>(seed);
  const std::string state_file = state_set ? std::string(state) : d.state_file;
  const std::string portfolio_text = portfolio_set ? std::string(portfolio) : d.portfolio;
  const std::string rebuild_text = rebuild_set ? std::string(rebuild) : d.rebuild;
  const bool changed = !d.learning() || (solver == 1) != d.auto_solver || portfolio_text != d.portfolio ||
                       rebuild_text != d.rebuild || s.policy != d.settings.policy ||
                       s.omega_min != d.settings.omega_min || s.omega_max != d.settings.omega_max ||
                       s.omega_count != d.settings.omega_count || s.omega != d.settings.omega ||
                       s.cost != d.settings.cost || s.seed != d.settings.seed || state_file != d.state_file;
  if (changed) {  // a second KSPSetFromOptions with the same options keeps what was learned
    d.settings = s;
    d.state_file = state_file;
    d.auto_solver = solver == 1;
    d.portfolio = portfolio_text;
    d.rebuild = rebuild_text;
    PetscCall(make_learner(pc, false));
  }
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode setup(PC pc) {
  if (!data_of(pc).learning()) {  // PCSetType without PCSetFromOptions: the defaults
    PetscCall(make_learner(pc, false));
  }
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode apply(PC pc, Vec x, Vec y) {
  const PcAdasolve& d = data_of(pc);
  if (d.auto_solver && !d.arm_failed && d.arms->arms()[d.choice.arm].kind != "ssor") {
    PetscCall(d.inner.apply(d.choice.arm, x, y));
    PetscFunctionReturn(kPetscSuccess);
  }
  const auto flag = static_cast<MatSORType>(SOR_LOCAL_SYMMETRIC_SWEEP | SOR_ZERO_INITIAL_GUESS);
  PetscCall(MatSOR(pc->pmat, x, d.omega, flag, 0.0, 1, 1, y));
  MatFactorError reason = MAT_FACTOR_NOERROR;
  PetscCall(MatFactorGetError(pc->pmat, &reason));
  if (reason == MAT_FACTOR_NUMERIC_ZEROPIVOT) {
    PetscCall(PCSetFailedReason(pc, PC_FACTOR_NUMERIC_ZEROPIVOT));
  }
  PetscFunctionReturn(kPetscSuccess);
}

/// The largest value over the PC's ranks, so that every rank's learner observes the same cost.
PetscErrorCode agree(PC pc, double* seconds) {
  PetscCallMPI(MPI_Allreduce(MPI_IN_PLACE, seconds, 1, MPI_DOUBLE, MPI_MAX,
                             PetscObjectComm(reinterpret_cast<PetscObject>(pc))));
  PetscFunctionReturn(kPetscSuccess);
}

// auto: the arm, rebuilt or reused, set up before the clock of the solve starts (its time is the setup's).
PetscErrorCode choose_arm(PC pc, double context) {
  PcAdasolve& d = data_of(pc);
  const MPI_Comm comm = PetscObjectComm(reinterpret_cast<PetscObject>(pc));
  std::vector<bool> usable;
  PetscCall(d.inner.usable(pc->pmat, &usable));
  try {
    std::unique_ptr<bool[]> flags(new bool[usable.size()]);
    std::copy(usable.begin(), usable.end(), flags.get());
    d.choice = d.arms->choose(context, std::span<const bool>(flags.get(), usable.size()));
  } catch (const std::exception& e) {
    return fail(pc, e);
  }
  double packed[3] = {static_cast<double>(d.choice.arm), d.choice.rebuild ? 1.0 : 0.0, d.choice.omega};
  PetscCallMPI(MPI_Bcast(packed, 3, MPI_DOUBLE, 0, comm));
  d.choice = {static_cast<std::size_t>(packed[0]), packed[1] != 0.0, packed[2]};
  d.omega = d.choice.omega;
  const double started = MPI_Wtime();
  PetscCall(d.inner.prepare(pc, d.choice.arm, pc->mat, pc->pmat, d.choice.rebuild, &d.arm_failed));
  d.setup_seconds = d.choice.rebuild ? MPI_Wtime() - started : 0.0;
  PetscCall(agree(pc, &d.setup_seconds));
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode presolve(PC pc, KSP /*ksp*/, Vec b, Vec /*x*/) {
  PcAdasolve& d = data_of(pc);
  if (!d.learning()) {
    PetscCall(make_learner(pc, true));
  }
  PetscReal norm = 0;
  PetscCall(VecNorm(b, NORM_2, &norm));  // the solve's context (omega_learner.hpp), the same on every rank
  const double context = std::log10(std::max<double>(norm, 1e-300));
  if (d.auto_solver) {
    PetscCall(choose_arm(pc, context));
  } else {
    try {
      d.omega = d.learner->choose(context);
    } catch (const std::exception& e) {
      return fail(pc, e);
    }
    PetscCallMPI(MPI_Bcast(&d.omega, 1, MPI_DOUBLE, 0, PetscObjectComm(reinterpret_cast<PetscObject>(pc))));
  }
  d.started = MPI_Wtime();
  PetscFunctionReturn(kPetscSuccess);
}

// auto: re-solves A x = b with the fallback arm after the chosen arm failed, with the program's Krylov
// method, norm, tolerances and initial-guess rule (from x as the failed solve left it when the program
// supplies a guess, else from zero). When it converges, the program's KSP reports it (reason, iterations,
// residual norm) and *rescue says what it cost; otherwise the failure stands and *rescue stays empty.
PetscErrorCode rescue_failed_solve(PC pc, KSP ksp, Vec b, Vec x,
                                   std::optional<adasolve::bandit::PortfolioRescue>* rescue) {
  PcAdasolve& d = data_of(pc);
  rescue->reset();
  const std::size_t fallback = d.arms->fallback_arm();
  if (fallback == d.choice.arm) {
    PetscFunctionReturn(kPetscSuccess);  // the most robust arm itself failed: nothing better to try
  }
  const MPI_Comm comm = PetscObjectComm(reinterpret_cast<PetscObject>(pc));
  const double started = MPI_Wtime();
  bool failed = false;
  PetscCall(d.inner.prepare(pc, fallback, pc->mat, pc->pmat, true, &failed));
  if (failed) {
    PetscFunctionReturn(kPetscSuccess);
  }
  if (d.rescuer == nullptr) {
    PetscCall(KSPCreate(comm, &d.rescuer));
    const char* prefix = nullptr;
    PetscCall(PCGetOptionsPrefix(pc, &prefix));
    PetscCall(KSPSetOptionsPrefix(d.rescuer, prefix));
    PetscCall(KSPAppendOptionsPrefix(d.rescuer, "adasolve_rescue_"));  // e.g. -adasolve_rescue_ksp_monitor
    PetscCall(KSPSetFromOptions(d.rescuer));
  }
  KSPType type = nullptr;
  KSPNormType norm = KSP_NORM_DEFAULT;
  PetscReal rtol = 0, abstol = 0, dtol = 0;
  PetscInt max_iterations = 0;
  PetscBool nonzero_guess = PETSC_FALSE;
  PetscCall(KSPGetType(ksp, &type));
  PetscCall(KSPGetNormType(ksp, &norm));
  PetscCall(KSPGetTolerances(ksp, &rtol, &abstol, &dtol, &max_iterations));
  PetscCall(KSPGetInitialGuessNonzero(ksp, &nonzero_guess));
  PetscCall(KSPSetType(d.rescuer, type));
  PetscCall(KSPSetNormType(d.rescuer, norm));
  PetscCall(KSPSetTolerances(d.rescuer, rtol, abstol, dtol, max_iterations));
  PetscCall(KSPSetInitialGuessNonzero(d.rescuer, nonzero_guess));
  PC inner = d.inner.pc_of(fallback);
  if (inner == nullptr) {  // the ssor arm: PETSc's own SSOR sweep at omega 1 (symmetric Gauss-Seidel)
    PetscCall(PCCreate(comm, &inner));
    PetscCall(PCSetType(inner, PCSOR));
    PetscCall(KSPSetPC(d.rescuer, inner));
    PetscCall(PCDestroy(&inner));  // the KSP holds it
  } else {
    PetscCall(KSPSetPC(d.rescuer, inner));
  }
  PetscCall(KSPSetOperators(d.rescuer, pc->mat, pc->pmat));
  double setup_seconds = MPI_Wtime() - started;
  const double solve_started = MPI_Wtime();
  PetscCall(KSPSolve(d.rescuer, b, x));
  double solve_seconds = MPI_Wtime() - solve_started;
  PetscCall(agree(pc, &setup_seconds));
  PetscCall(agree(pc, &solve_seconds));
  KSPConvergedReason reason = KSP_CONVERGED_ITERATING;
  PetscInt iterations = 0;
  PetscCall(KSPGetConvergedReason(d.rescuer, &reason));
  PetscCall(KSPGetIterationNumber(d.rescuer, &iterations));
  PetscCall(PetscInfo(
      pc, "adasolve: %s failed (%s); the fallback arm %s %s in %" PetscInt_FMT " iterations\n",
      d.arms->arms()[d.choice.arm].name().c_str(), KSPConvergedReasons[ksp->reason],
      d.arms->arms()[fallback].name().c_str(), reason > 0 ? "re-solved it" : "failed too", iterations));
  if (reason > 0) {
    ksp->reason = reason;
    ksp->its = iterations;
    ksp->totalits += iterations;
    PetscCall(KSPGetResidualNorm(d.rescuer, &ksp->rnorm));
    *rescue = adasolve::bandit::PortfolioRescue{fallback, setup_seconds, solve_seconds,
                                                static_cast<int>(iterations)};
  }
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode postsolve(PC pc, KSP ksp, Vec b, Vec x) {
  PcAdasolve& d = data_of(pc);
  double seconds = MPI_Wtime() - d.started;
  PetscInt iterations = 0, max_iterations = 0;
  KSPConvergedReason reason = KSP_CONVERGED_ITERATING;
  PetscCall(KSPGetIterationNumber(ksp, &iterations));
  PetscCall(KSPGetConvergedReason(ksp, &reason));
  PetscCall(KSPGetTolerances(ksp, nullptr, nullptr, nullptr, &max_iterations));
  if (d.auto_solver || d.settings.cost == CostKind::seconds) {
    PetscCall(agree(pc, &seconds));
  }
  std::optional<adasolve::bandit::PortfolioRescue> rescue;
  if (d.auto_solver && reason < 0) {
    PetscCall(rescue_failed_solve(pc, ksp, b, x, &rescue));
  }
  try {
    if (d.auto_solver) {
      d.arms->observe(d.setup_seconds, seconds, static_cast<int>(iterations), reason > 0 && !d.arm_failed,
                      static_cast<int>(max_iterations), rescue);
    } else if (d.settings.cost == CostKind::seconds) {
      d.learner->observe(seconds);
    } else {
      // A failed solve is charged at least the cap: the policy must not prefer an omega that breaks down
      // early.
      d.learner->observe(static_cast<double>(reason < 0 ? PetscMax(iterations, max_iterations) : iterations));
    }
  } catch (const std::exception& e) {
    return fail(pc, e);
  }
  // PETSc 3.18 has no -pc_view of its own at solve time (-ksp_view shows the PC): after each solve, as
  // -ksp_view does, so that it shows the choice just used and what was learned.
  PetscCall(PCViewFromOptions(pc, nullptr, "-pc_view"));
  PetscFunctionReturn(kPetscSuccess);
}

// -pc_view of the SSOR mode: the policy and what it learned.
PetscErrorCode view_omega(PetscViewer viewer, const LearnerSettings& s, const OmegaLearner* learner) {
  if (s.policy == "fixed") {
    PetscCall(PetscViewerASCIIPrintf(viewer, "  policy fixed: omega %g\n", s.omega));
  } else {
    PetscCall(PetscViewerASCIIPrintf(
        viewer, "  policy %s over %d omega values in [%g, %g], cost = %s, seed %llu\n", s.policy.c_str(),
        s.omega_count, s.omega_min, s.omega_max, adasolve::petsc_plugin::to_string(s.cost),
        static_cast<unsigned long long>(s.seed)));
  }
  if (learner != nullptr) {
    const OmegaLearner& l = *learner;
    PetscCall(PetscViewerASCIIPrintf(viewer,
                                     "  solves observed: %lld (%lld of them restored from the state file)\n",
                                     l.solves(), l.restored_solves()));
    if (l.solves() > l.restored_solves()) {
      PetscCall(PetscViewerASCIIPrintf(viewer, "  omega of the last solve: %g (log10 ||b|| %g, cost %g)\n",
                                       l.last_omega(), l.last_context(), l.last_cost()));
    }
    if (l.solves() > 0) {
      PetscCall(PetscViewerASCIIPrintf(viewer, "  lowest mean cost so far at omega %g\n", l.best_omega()));
    }
  }
  PetscFunctionReturn(kPetscSuccess);
}

// -pc_view of the auto mode: the portfolio, the choice of the last solve and the tally per arm.
PetscErrorCode view_arms(PetscViewer viewer, const PcAdasolve& d) {
  const ArmLearner& l = *d.arms;
  std::ostringstream names, counts;  // (not string concatenation: GCC 12's -Wrestrict false positive)
  for (std::size_t a = 0; a < l.arms().size(); ++a) {
    names << (a == 0 ? "" : ",") << l.arms()[a].name();
    counts << (a == 0 ? "" : ", ") << l.arms()[a].name() << ' ' << l.solves_per_arm()[a];
  }
  PetscCall(PetscViewerASCIIPrintf(viewer, "  solver auto: portfolio %s, rebuild %s, cost = seconds\n",
                                   names.str().c_str(), l.rebuild_rule().to_string().c_str()));
  PetscCall(PetscViewerASCIIPrintf(
      viewer, "  solves observed: %lld (%lld of them restored from the state file), %lld rebuilds\n",
      l.solves(), l.restored_solves(), l.rebuilds()));
  PetscCall(PetscViewerASCIIPrintf(viewer, "  solves per arm: %s\n", counts.str().c_str()));
  PetscCall(PetscViewerASCIIPrintf(viewer, "  failed solves re-solved by the fallback arm %s: %lld\n",
                                   l.arms()[l.fallback_arm()].name().c_str(), l.rescues()));
  if (l.solves() > l.restored_solves()) {
    const ArmChoice& c = l.last_choice();
    const std::string how = l.arms()[c.arm].kind == "ssor" ? "omega " + std::to_string(c.omega)
                            : c.rebuild                    ? "rebuilt"
                                                           : "setup reused";
    PetscCall(PetscViewerASCIIPrintf(viewer, "  arm of the last solve: %s (%s)\n",
                                     l.arms()[c.arm].name().c_str(), how.c_str()));
    PetscCall(view_omega(viewer, d.settings, &l.omega_learner()));
    PetscCall(d.inner.view(c.arm, viewer));
  }
  PetscFunctionReturn(kPetscSuccess);
}

PetscErrorCode view(PC pc, PetscViewer viewer) {
  PcAdasolve& d = data_of(pc);
  PetscBool ascii = PETSC_FALSE;
  PetscCall(PetscObjectTypeCompare(reinterpret_cast<PetscObject>(viewer), PETSCVIEWERASCII, &ascii));
  if (!ascii) {
    PetscFunctionReturn(kPetscSuccess);
  }
  const std::string version =
      std::string(adasolve::version()) + " (git " + std::string(adasolve::git_revision()) + ")";
  if (d.auto_solver && d.arms) {
    PetscCall(PetscViewerASCIIPrintf(
        viewer, "  adasolve %s: the preconditioner and its rebuilds learned across KSPSolves\n",
        version.c_str()));
    PetscCall(view_arms(viewer, d));
  } else {
    PetscCall(PetscViewerASCIIPrintf(
        viewer,
        "  adasolve %s: SSOR (local symmetric sweep, as -pc_type sor), omega learned across KSPSolves\n",
        version.c_str()));
    PetscCall(view_omega(viewer, d.settings, d.learner.get()));
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
  if (rank == 0 && d->learning() && !d->state_file.empty()) {
    try {
      adasolve::petsc_plugin::save_state(d->state_file,
                                         d->auto_solver ? d->arms->to_json() : d->learner->to_json());
    } catch (const std::exception& e) {
      result = fail(pc, e);
    }
  }
  PetscCall(KSPDestroy(&d->rescuer));
  PetscCall(d->inner.reset());
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
