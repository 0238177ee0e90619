#include "adasolve/sequence/sequence_summary.hpp"

#include <algorithm>
#include <cmath>

namespace adasolve::sequence {

SequenceSummary summarize(std::span<const InstanceRecord> records) {
  SequenceSummary s;
  s.instances = records.size();
  for (const auto& r : records) {
    s.total_iterations += r.iterations;
    s.total_cost += r.cost;
    s.total_seconds += r.seconds;
    s.total_choice_matvecs += r.choice_matvecs;
    s.not_converged += r.converged() ? 0 : 1;
  }
  if (records.empty()) {
    return s;
  }
  // ceil(n / 10), at least one instance.
  s.tenth = std::max<std::size_t>(1, (records.size() + 9) / 10);
  double first = 0.0;
  double last = 0.0;
  for (std::size_t i = 0; i < s.tenth; ++i) {
    first += records[i].iterations;
    last += records[records.size() - 1 - i].iterations;
  }
  s.mean_first_10pct = first / static_cast<double>(s.tenth);
  s.mean_last_10pct = last / static_cast<double>(s.tenth);
  return s;
}

nlohmann::json to_json(const SequenceSummary& s) {
  return {{"instances", s.instances},
          {"not_converged", s.not_converged},
          {"total_iterations", s.total_iterations},
          {"total_cost", std::llround(s.total_cost)},  // a sum of iteration counts and caps
          {"total_seconds", s.total_seconds},
          {"total_choice_matvecs", std::llround(s.total_choice_matvecs)},
          {"mean_iterations_first_10pct", s.mean_first_10pct},
          {"mean_iterations_last_10pct", s.mean_last_10pct},
          {"instances_per_10pct", s.tenth}};
}

}  // namespace adasolve::sequence
