#pragma once
// --cost model: deterministic prices for the arms of a portfolio, so that a run's choices depend on the
// iterations only (reproducible runs, tests), not on timing noise.
//
// Each arm is priced once per run on the sequence's first system:
//   setup_seconds          building its setup from a matrix (factorisation, hierarchy, inverse diagonal)
//   reuse_seconds          applying a kept setup to a new matrix (0 for arms that always rebuild)
//   seconds_per_iteration  one iteration of its solve
// each the median of `repeats` measurements. An instance then costs
//   (rebuilt ? setup_seconds : reuse_seconds) + iterations * seconds_per_iteration
// (plus the fallback arm's rebuild and iterations when the arm failed). The prices are written into the run's
// output, so that a run can be priced again the same way.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adasolve/sequence/instance_source.hpp"
#include "adasolve/sequence/solver_arm.hpp"

namespace adasolve::sequence {

struct ArmPrice {
  std::string arm;
  double setup_seconds = 0.0;
  double reuse_seconds = 0.0;
  double seconds_per_iteration = 0.0;
  /// Why the arm could not be priced: it failed on the first system (an IC(0) with a nonpositive pivot).
  /// Empty for a priced arm. A failed arm has no prices; the caller leaves it out of the portfolio.
  std::string failure;
  /// The modelled cost of one solve.
  double setup(bool rebuilt) const { return rebuilt ? setup_seconds : reuse_seconds; }
  double solve(int iterations) const { return seconds_per_iteration * iterations; }
};

nlohmann::json to_json(const ArmPrice& price);

struct PriceCalibration {
  int repeats = 3;  ///< measurements per price (the median is kept)
  /// seconds, monotonic (std::chrono::steady_clock when empty)
  std::function<double()> clock;
  /// Makes a measurement the same on every MPI rank (the slowest rank's); none on one process.
  std::function<double(double)> agree;
};

/// Prices every arm on `first` (a system of the sequence). The arms' kept setups are left as they are after
/// the measurements; a runner never reuses them before it rebuilds (PortfolioRunner). An arm whose setup or
/// solve fails on `first` (InputError) gets its message in ArmPrice::failure instead of prices: a price
/// cannot be measured, and the arm would fail on the first instance anyway.
std::vector<ArmPrice> calibrate_prices(const std::vector<std::unique_ptr<SolverArm>>& arms,
                                       const Instance& first, const PriceCalibration& calibration = {});

}  // namespace adasolve::sequence
