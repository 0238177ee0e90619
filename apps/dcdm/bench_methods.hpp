#pragma once
// The methods adasolve-dcdm bench compares, each run once on a problem to rtol 1e-6 with a monitor that
// notes when the relative residual first reaches 1e-4 (the same relative rule for every method,
// spec section 4.1).
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/setting_fields.hpp"
#include "adasolve/dcdm/network.hpp"
#include "dcdm/problem.hpp"

namespace adasolve::dcdm_app {

struct MethodResult {
  std::string method;
  std::optional<int> iterations_1e4;  ///< empty: not reached within the cap (or a direct method)
  std::optional<int> iterations_1e6;
  double setup_seconds = 0.0;
  double solve_seconds = 0.0;  ///< until 1e-6 or the cap
  bool converged = false;
  std::string note;  ///< "direct", "not converged (max_iterations)", ...
  double seconds() const { return setup_seconds + solve_seconds; }
};

struct BenchContext {
  std::shared_ptr<const dcdm::Network> network;
  int dcdm_max_iters = 300;
  Index coarsest = 16;                   ///< dcdm-multigrid's coarsest grid (the network's)
  std::string coarse_solve = "network";  ///< dcdm-multigrid's coarsest solve (multigrid.hpp)
  int baseline_max_iters = 20000;
  /// dcdm.max_iters, stop.max_iters (every cap >= 1; coarsest is MultigridCoarsening's).
  static std::span<const SettingField<BenchContext>> fields();
};

/// True when PETSc's CG + GAMG and CG + BoomerAMG are built in ("gamg", "boomeramg").
bool have_petsc();
/// Holds PETSc (and MPI) initialised while the benchmark runs; does nothing without PETSc.
class PetscScope {
 public:
  PetscScope();
  ~PetscScope();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Names in table order: dcdm, dcdm-twogrid, dcdm-multigrid (adasolve's variants), cg, ic0-pcg,
/// deflated-pcg (and the PETSc ones when built).
std::vector<std::string> iterative_methods();
/// dcdm-multigrid with a coarse solve other than the network is reported as "dcdm-multigrid:<coarse solve>".
MethodResult run_iterative(const std::string& method, const Problem& problem, const BenchContext& context);
MethodResult run_cholmod(const Problem& problem);

}  // namespace adasolve::dcdm_app
