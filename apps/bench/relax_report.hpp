#pragma once
// Shared by the relax-e1 / relax-e2 benchmarks: per-method results over trials, the spec's tables, and the
// --format json records, one per method ("omega=1.00", ..., "best-fixed", ...; schema
// adasolve-bench/relax-method).
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace adasolve::bench {

struct MethodResult {
  explicit MethodResult(std::string method = {}) : name(std::move(method)) {}
  std::string name;
  std::vector<double> totals;        ///< total iterations, one per trial
  std::vector<double> first_decile;  ///< mean iterations per instance over the first 10%, one per trial
  std::vector<double> last_decile;   ///< ... over the last 10%
  std::optional<double> omega;       ///< for best-fixed: the omega it is
  std::string note;                  ///< printed in the table only
};

/// Adds one trial's per-instance costs to a result.
void add_trial(MethodResult& result, const std::vector<double>& per_instance_costs);
double mean(const std::vector<double>& values);
/// "omega=1.00" style name of a fixed omega.
std::string fixed_name(double omega);

/// Table: method, mean total, % of the reference method (first row if reference is empty), first/last 10%.
void print_relax_table(std::ostream& out, const std::string& title, const std::vector<MethodResult>& results,
                       const std::string& reference);
/// JSON lines, one adasolve-bench/relax-method record per method
/// (docs/schema/adasolve-bench/relax-method.json): the fields of `run` (experiment, sizes), then method,
/// omega (null unless best-fixed), trials, the per-trial totals (integers, "total_iterations") and the means
/// over trials.
void print_relax_json(std::ostream& out, const nlohmann::json& run, const std::vector<MethodResult>& results);

/// The learners every relax benchmark runs, in order (zoom-descent is this project's own).
std::vector<std::string> relax_learners();

}  // namespace adasolve::bench
