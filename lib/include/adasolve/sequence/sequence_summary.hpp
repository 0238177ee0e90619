#pragma once
// Totals over a finished (or partial) run: what adasolve-seq prints after the per-instance rows.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "adasolve/sequence/sequence_runner.hpp"

namespace adasolve::sequence {

struct SequenceSummary {
  std::size_t instances = 0;
  std::size_t not_converged = 0;
  long long total_iterations = 0;  ///< sum of iterations as performed
  double total_cost = 0.0;         ///< sum of costs (failed solves counted at the cap)
  double total_seconds = 0.0;
  double total_choice_matvecs = 0.0;  ///< extra work of the policy's choices (young's Lanczos steps)
  /// Mean iterations per instance over the first and the last ceil(10% of instances) instances (at least 1):
  /// how much the policy learned. Equal when there is only one instance.
  double mean_first_10pct = 0.0;
  double mean_last_10pct = 0.0;
  std::size_t tenth = 0;  ///< the number of instances those means cover
};

SequenceSummary summarize(std::span<const InstanceRecord> records);

/// A comparator's total, e.g. "best-fixed" (omega = 1.80) or "instance-grid".
struct OracleTotal {
  std::string name;
  double total_cost = 0.0;
  std::optional<double> omega;  ///< best-fixed only
};

/// regret = learner total cost - oracle total cost (negative: the learner beat the comparator).
inline double regret(const SequenceSummary& s, const OracleTotal& o) { return s.total_cost - o.total_cost; }

nlohmann::json to_json(const SequenceSummary& summary);

}  // namespace adasolve::sequence
