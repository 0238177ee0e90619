#pragma once
// DcdmSolver: the conjugate-direction loop of the Deep Conjugate Direction Method
// (Kaneda et al., ICML 2023, arXiv 2205.10763; spec docs/methods/dcdm.md section 1.1), with a pluggable
// DirectionGenerator f:
//
//   r = b - A x0
//   repeat:
//     q = f(r / ||r||)                                   one generator application
//     q <- q - sum_{j kept} p_j (q . A p_j) / (p_j . A p_j)  A-orthogonalise against the last k directions
//     a = q . A q;  alpha = (q . r) / a                 exact line search along q (minimises ||e||_A)
//     x <- x + alpha q
//     r <- b - A x  every `residual_period` iterations, else r <- r - alpha A q
//   until ||r||_2 <= max(rtol * ||b||_2, atol)            (StoppingCriteria; a converged recurrence residual
//                                                          is confirmed by the true residual)
//
// With f = identity and k >= 1 the loop is CG (its iterates agree up to rounding); with f = M^-1 for a fixed
// SPD M it is a flexible PCG; with a nonlinear f (the network) conjugacy to directions older than k holds
// only approximately, which is why k directions are kept.
// Cost per iteration: one f, one SpMV (A q) plus one more when the true residual is recomputed.
//
// Failure modes, reported (never looped on):
//   q . A q < 0                      -> StopReason::indefinite (A is not positive definite);
//   q . A q = 0 or |q . r| <= breakdown_tolerance * ||q|| ||r||  -> StopReason::breakdown
//                                       (the direction is zero or carries no descent);
//   NaN/Inf in q or r                -> StopReason::nan_or_inf.
// Report parameters: kept_directions, residual_period, generator_seconds (time spent in f).
#include <memory>
#include <span>
#include <vector>

#include "adasolve/core/linear_solver.hpp"
#include "adasolve/core/setting_fields.hpp"
#include "adasolve/dcdm/direction_generator.hpp"

namespace adasolve::dcdm {

struct DcdmSettings {
  int kept_directions = 2;  ///< k >= 1 (the authors' code uses 2)
  int residual_period = 1;  ///< recompute r = b - A x every this many iterations (1: always, as the authors)
  double breakdown_tolerance = 1e-14;
  /// dcdm.k (kept_directions), dcdm.residual_period (the breakdown tolerance is internal).
  static std::span<const SettingField<DcdmSettings>> fields();
  /// Throws UsageError: "dcdm.k must be >= 1, got 0".
  void validate() const;
};

class DcdmSolver : public LinearSolver {
 public:
  DcdmSolver(std::unique_ptr<DirectionGenerator> generator, DcdmSettings settings = {},
             StoppingCriteria criteria = {});
  /// "dcdm-<generator>", e.g. "dcdm-network", "dcdm-identity".
  std::string name() const override;
  const DirectionGenerator& generator() const { return *generator_; }
  const DcdmSettings& settings() const { return settings_; }

 protected:
  void setup_impl(const CsrMatrix& a) override;
  void solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) override;
  void report_parameters(SolveReport& report) const override;

 private:
  /// One kept direction p with A p and p . A p.
  struct KeptDirection {
    std::vector<double> p, ap;
    double p_ap = 0.0;
  };

  std::unique_ptr<DirectionGenerator> generator_;
  DcdmSettings settings_;
  std::vector<KeptDirection> kept_;  // ring buffer of k slots
  std::vector<double> r_, unit_r_, q_, aq_;
};

}  // namespace adasolve::dcdm
