#pragma once
// The learning half of the PETSc plugin's PC type "adasolve", free of PETSc so that it reads like the rest
// of the library: an OmegaPolicy (lib/bandit) chooses omega before every KSPSolve and observes that solve's
// cost afterwards, across all the solves the PC sees (methods/relax.md: the sequence is the program's run).
//
// Cost of a solve (the bandit's loss): its KSP iteration count (the paper's loss), or its wall-clock
// seconds (the largest over the ranks, so every rank observes the same number). A solve that diverged or hit
// the iteration cap is charged max(iterations, cap): the work done, as the sequence runner does.
//
// A PETSc program hands the PC no per-system context, so the PC makes one from what every solve has: the
// right-hand side. The context of a solve is log10 ||b||_2. It separates the kinds of systems a program
// interleaves (a Newton solve's first system, with the step's whole residual, from its later ones, whose
// residuals are orders of magnitude smaller and whose solves take fewer iterations), which a
// non-contextual learner would read as noise on the cost of an omega. Policies:
//   "zoom-descent" (the default): local search over the omega grid with a cost regression whose slope in the
//       context is shared by the omegas (bandit/zoom_descent.hpp), so two omegas tried on different kinds
//       of solves are still compared fairly; it never needs to try far-away omegas;
//   "tsallis-inf": the paper's non-contextual bandit over the grid (ignores the context);
//   "fixed": a control run through the same code path.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/bandit/policy_settings.hpp"

namespace adasolve::petsc_plugin {

enum class CostKind { iterations, seconds };

struct LearnerSettings {
  std::string policy = "zoom-descent";  ///< one of learner_policy_names()
  double omega_min = 1.0;               ///< the action grid (ignored by "fixed")
  double omega_max = 1.95;
  int omega_count = 20;
  double omega = 1.0;  ///< the value of "fixed"
  std::uint64_t seed = 1;
  CostKind cost = CostKind::iterations;
  /// Throws UsageError naming the -pc_adasolve_ option that is out of range.
  void validate() const;
};

std::vector<std::string> learner_policy_names();
const char* to_string(CostKind kind);

/// Per-omega tally of what was observed (for -pc_view and the state file).
struct ArmTally {
  double omega = 0;
  long long solves = 0;
  double total_cost = 0;
};

class OmegaLearner {
 public:
  explicit OmegaLearner(const LearnerSettings& settings);

  /// omega for the next solve, whose context (log10 of its right-hand side's norm) is `context`.
  double choose(double context);
  /// The cost of the solve that used the last choice.
  void observe(double cost);

  const LearnerSettings& settings() const { return settings_; }
  long long solves() const { return solves_; }  ///< observed by this learner, restored ones included
  long long restored_solves() const { return restored_; }  ///< how many of them came from a state file
  double last_omega() const { return last_omega_; }
  double last_context() const { return last_context_; }
  double last_cost() const { return last_cost_; }
  const std::vector<ArmTally>& arms() const { return arms_; }
  /// The omega with the lowest mean cost so far (0 before any solve).
  double best_omega() const;

  /// The state file: {"kind", "version", "git_revision", "policy", "settings", "solves", "arms", "state"}.
  nlohmann::json to_json() const;
  /// Restores from to_json() output; throws InputError when the file holds another policy, grid or cost.
  void restore(const nlohmann::json& state, const std::string& file);

 private:
  ArmTally& tally_for(double omega);

  LearnerSettings settings_;
  std::unique_ptr<bandit::OmegaPolicy> policy_;
  std::vector<ArmTally> arms_;
  long long solves_ = 0;
  long long restored_ = 0;
  double last_omega_ = 0;
  double last_context_ = 0;
  double last_cost_ = 0;
};

/// Reads a state file written by save_state (InputError "FILE: ..." when it is not one); nullptr-like
/// empty json when the file does not exist.
nlohmann::json load_state(const std::string& file);
/// Writes it atomically (temporary file in the same folder, then rename), so a killed run leaves the last
/// complete state.
void save_state(const std::string& file, const nlohmann::json& state);

}  // namespace adasolve::petsc_plugin
