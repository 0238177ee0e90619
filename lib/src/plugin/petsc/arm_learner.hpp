#pragma once
// The learning half of the PETSc plugin's "-pc_adasolve_solver auto", free of PETSc: before each KSPSolve it
// chooses which preconditioner (arm) to apply and whether to rebuild that arm's setup from the current
// operator or to reuse the one kept from an earlier operator; after the solve it observes what the choice
// cost. The choice is adasolve-seq --solver auto's learner (bandit/portfolio_learner.hpp, methods/
// solver-auto.md) with the same rebuild rules (sequence::RebuildRule); the SSOR arm's omega is learned
// inside the arm by an OmegaLearner, as adasolve-seq's ssor-pcg arm learns it with --policy.
//
// Arms (the Krylov method is the program's own, so the names say only the preconditioner):
//   ssor                  the plugin's SSOR sweep (-pc_type sor's), omega learned (omega_learner.hpp)
//   icc                   PETSc's ICC(0) (one rank only: PETSc's ICC is sequential)
//   gamg[:THRESHOLD]      PETSc's GAMG (-pc_gamg_threshold)
//   hypre[:THRESHOLD]     BoomerAMG (-pc_hypre_boomeramg_strong_threshold)
//
// Cost: seconds (the arms' iterations are not comparable): the setup's when rebuilt, and the solve's. A solve
// that diverged or hit the iteration cap is re-solved inside the same KSPSolve by the fallback arm
// (BoomerAMG, else GAMG, else the first arm: the most robust, as adasolve-seq's), and that rescue is an
// observation of the fallback arm (bandit::PortfolioRescue); when there is no rescue (the fallback arm itself
// failed), the failed solve is charged its time scaled up to the cap, at least twice over, so the learner
// moves away. The program hands the PC no context, and the learner's context bins would need a known range;
// it runs with one bin (the SSOR arm's omega learner still uses log10 ||b|| as its context).
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adasolve/bandit/portfolio_learner.hpp"
#include "adasolve/sequence/portfolio_runner.hpp"
#include "plugin/petsc/omega_learner.hpp"

namespace adasolve::petsc_plugin {

struct PluginArm {
  std::string kind;                 ///< ssor | icc | gamg | hypre
  std::optional<double> threshold;  ///< gamg / hypre
  /// As written: "gamg:0.02".
  std::string name() const;
};

/// Parses -pc_adasolve_portfolio ("ssor,icc,gamg,hypre:0.5"); UsageError naming an unknown arm, a bad or
/// repeated one.
std::vector<PluginArm> parse_plugin_portfolio(const std::string& text);
/// The default portfolio: every arm, thresholds left to PETSc.
std::string default_plugin_portfolio();

struct ArmChoice {
  std::size_t arm = 0;
  bool rebuild = true;
  double omega = 1.0;  ///< of the ssor arm
};

class ArmLearner {
 public:
  /// `arms`: the portfolio (arms that cannot run here already left out), >= 1.
  ArmLearner(std::vector<PluginArm> arms, sequence::RebuildRule rebuild, const LearnerSettings& omega);

  /// The arm for the next solve; usable[a] says whether arm a holds a setup that fits the current operator.
  ArmChoice choose(double context, std::span<const bool> usable);
  /// The arm that re-solves a failed solve (sequence::fallback_arm: hypre, else gamg, else the first arm).
  std::size_t fallback_arm() const;
  /// What the last choice cost: setup seconds (0 when reused), solve seconds, iterations, and whether the
  /// solve converged within `max_iterations`; `rescue`: the fallback arm's re-solve that converged after the
  /// chosen arm failed (its setup is then fresh).
  void observe(double setup_seconds, double solve_seconds, int iterations, bool converged, int max_iterations,
               std::optional<bandit::PortfolioRescue> rescue = std::nullopt);

  const std::vector<PluginArm>& arms() const { return arms_; }
  const sequence::RebuildRule& rebuild_rule() const { return rebuild_; }
  const OmegaLearner& omega_learner() const { return omega_; }
  long long solves() const { return solves_; }
  long long restored_solves() const { return restored_; }
  const std::vector<long long>& solves_per_arm() const { return per_arm_; }
  long long rebuilds() const { return rebuilds_; }
  /// Failed solves that the fallback arm re-solved, in this run.
  long long rescues() const { return rescues_; }
  const ArmChoice& last_choice() const { return last_; }

  /// The state file: the portfolio, the rule, both learners' states and the tallies.
  nlohmann::json to_json() const;
  /// Restores from to_json() output; InputError naming `file` when it holds another portfolio or rule.
  void restore(const nlohmann::json& state, const std::string& file);

 private:
  std::vector<PluginArm> arms_;
  sequence::RebuildRule rebuild_;
  bandit::PortfolioLearner learner_;
  OmegaLearner omega_;
  std::vector<long long> per_arm_;
  std::vector<long long> built_at_;  ///< solve index of each arm's last rebuild (-1: never)
  long long solves_ = 0;
  long long restored_ = 0;
  long long rebuilds_ = 0;
  long long rescues_ = 0;
  ArmChoice last_{};
  bool waiting_ = false;
};

}  // namespace adasolve::petsc_plugin
