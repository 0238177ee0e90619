#pragma once
// The arms of adasolve-seq --solver auto: names, parameters, the default portfolio and the fallback arm.
//   ssor-pcg                  native SSOR-PCG, omega learned inside the arm by --policy
//   ic0-pcg                   native IC(0)-PCG, its factor kept between rebuilds
//   petsc-icc                 PETSc CG + ICC(0) (one rank only)
//   gamg[:THRESHOLD]          PETSc CG + GAMG (-pc_gamg_threshold)
//   hypre[:STRONG_THRESHOLD]  PETSc CG + BoomerAMG (-pc_hypre_boomeramg_strong_threshold)
#include <optional>
#include <string>
#include <vector>

namespace adasolve::app {

struct ArmSpec {
  std::string kind;             ///< ssor-pcg | ic0-pcg | petsc-icc | gamg | hypre
  std::optional<double> value;  ///< the threshold of gamg / hypre
  std::string name() const;     ///< as written: "gamg:0.02"
  bool uses_petsc() const { return kind == "petsc-icc" || kind == "gamg" || kind == "hypre"; }
};

/// Parses a --portfolio list; UsageError naming an unknown arm or a bad threshold. Empty text: the default
/// portfolio (the PETSc arms only when `with_petsc`).
std::vector<ArmSpec> parse_portfolio(const std::string& text, bool with_petsc);

/// The arm that re-solves an instance the chosen arm failed (sequence::fallback_arm; index into `arms`).
std::size_t fallback_arm(const std::vector<ArmSpec>& arms);

}  // namespace adasolve::app
