#pragma once
// Turns adasolve-nlp's problem options into an NlpProblem: FILE.nl, --problem NAME (built-in),
// --problem logreg --data FILE, --problem pde-control --N N.
#include <memory>
#include <span>
#include <string>

#include "adasolve/core/setting_fields.hpp"
#include "adasolve/nlp/nlp_problem.hpp"

namespace adasolve::app {

struct ProblemChoice {
  std::string nl_file;   ///< positional FILE.nl
  std::string problem;   ///< --problem
  std::string data;      ///< --data (logreg)
  int grid = 16;         ///< --N (pde-control)
  unsigned seed = 2023;  ///< --seed (logreg constraint rows)
  /// N, the pde-control grid (make_pde_control's range).
  static std::span<const SettingField<ProblemChoice>> fields();
};

/// Throws UsageError for a missing or contradictory choice, InputError for unreadable files.
std::unique_ptr<nlp::NlpProblem> make_problem(const ProblemChoice& choice);

}  // namespace adasolve::app
