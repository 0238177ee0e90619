#include "bench/relax_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <numeric>

#include "common/json_lines.hpp"

namespace adasolve::bench {

double mean(const std::vector<double>& values) {
  return values.empty()
             ? 0.0
             : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

void add_trial(MethodResult& result, const std::vector<double>& costs) {
  const std::size_t decile = std::max<std::size_t>(1, costs.size() / 10);
  const double total = std::accumulate(costs.begin(), costs.end(), 0.0);
  const double first =
      std::accumulate(costs.begin(), costs.begin() + static_cast<std::ptrdiff_t>(decile), 0.0);
  const double last = std::accumulate(costs.end() - static_cast<std::ptrdiff_t>(decile), costs.end(), 0.0);
  result.totals.push_back(total);
  result.first_decile.push_back(first / static_cast<double>(decile));
  result.last_decile.push_back(last / static_cast<double>(decile));
}

std::string fixed_name(double omega) { return fmt::format("omega={:.2f}", omega); }

void print_relax_table(std::ostream& out, const std::string& title, const std::vector<MethodResult>& results,
                       const std::string& reference) {
  double ref = results.empty() ? 1.0 : mean(results.front().totals);
  for (const auto& r : results) {
    if (r.name == reference) {
      ref = mean(r.totals);
    }
  }
  out << title << "\n";
  out << fmt::format("{:<16} {:>14} {:>9} {:>12} {:>12}  {}\n", "method", "total iters", "% ref", "first 10%",
                     "last 10%", "");
  for (const auto& r : results) {
    std::string note = r.note;
    if (r.omega) {
      note = fmt::format("omega = {:.2f}", *r.omega) + (note.empty() ? "" : "; " + note);
    }
    out << fmt::format("{:<16} {:>14.0f} {:>8.1f}% {:>12.1f} {:>12.1f}  {}\n", r.name, mean(r.totals),
                       100.0 * mean(r.totals) / ref, mean(r.first_decile), mean(r.last_decile), note);
  }
}

void print_relax_json(std::ostream& out, const nlohmann::json& run,
                      const std::vector<MethodResult>& results) {
  for (const auto& r : results) {
    nlohmann::json record = run;
    nlohmann::json totals = nlohmann::json::array();
    for (double t : r.totals) {
      totals.push_back(app::json_count(t));  // a sum of iteration counts: whole
    }
    record["method"] = r.name;
    record["omega"] = r.omega ? nlohmann::json(*r.omega) : nlohmann::json();
    record["trials"] = r.totals.size();
    record["total_iterations"] = totals;
    record["mean_total_iterations"] = mean(r.totals);
    record["mean_first_10pct"] = mean(r.first_decile);
    record["mean_last_10pct"] = mean(r.last_decile);
    app::write_json_line(out, "adasolve-bench/relax-method", std::move(record));
  }
}

std::vector<std::string> relax_learners() {
  return {"tsallis-inf", "tsallis-inf-cb", "chebcb", "zoom-descent"};
}

}  // namespace adasolve::bench
