#include "common/sequence_report.hpp"

#include <fmt/format.h>

#include <cmath>

#include "adasolve/core/error.hpp"
#include "common/json_lines.hpp"

namespace adasolve::app {

using sequence::InstanceRecord;

ReportFormat parse_report_format(const std::string& text) {
  if (text == "table") {
    return ReportFormat::table;
  }
  if (text == "csv") {
    return ReportFormat::csv;
  }
  if (text == "json") {
    return ReportFormat::json;
  }
  throw UsageError("--format must be table, csv or json, got '" + text + "'");
}

std::string number_or_dash(double v, const char* spec) {
  return std::isfinite(v) ? fmt::format(fmt::runtime(spec), v) : std::string("-");
}

std::string exact_or_empty(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string(); }

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return quoted + "\"";
}

namespace {

// Full precision in machine formats: shortest representation that round-trips.
// A residual is never "missing": NaN (a solve that produced NaN) is printed as nan, not blank or 0.
std::string residual_text(double v, const char* spec) {
  return std::isnan(v) ? std::string("nan") : number_or_dash(v, spec);
}

class TableWriter final : public SequenceReportWriter {
 public:
  explicit TableWriter(std::ostream& out) : out_(out) {}
  void begin(const RunDescription& run) override {
    out_ << "# " << run.source << "\n# solver " << run.solver << ", policy " << run.policy << ", context "
         << run.context << "\n# " << run.settings << "\n";
    out_ << fmt::format("{:>6}  {:<20} {:>10} {:>6} {:>7} {:>10} {:>9}  {}\n", "#", "name", "context",
                        "omega", "iters", "rel.resid", "seconds", "reason");
    out_.flush();
  }
  void row(const InstanceRecord& r) override {
    out_ << fmt::format("{:>6}  {:<20} {:>10} {:>6} {:>7} {:>10} {:>9.4f}  {}\n", r.index, r.name,
                        number_or_dash(r.context, "{:.4g}"), number_or_dash(r.omega, "{:.2f}"), r.iterations,
                        residual_text(r.residual, "{:.2e}"), r.seconds, to_string(r.reason));
    out_.flush();
  }
  void end(const RunDescription& run, const RunOutcome& outcome) override {
    out_ << "\n";
    for (const auto& line : summary_lines(run, outcome)) {
      out_ << line << "\n";
    }
    out_.flush();
  }

 private:
  std::ostream& out_;
};

class CsvWriter final : public SequenceReportWriter {
 public:
  CsvWriter(std::ostream& out, std::ostream& notes) : out_(out), notes_(notes) {}
  void begin(const RunDescription&) override {
    out_ << "index,name,context,omega,iterations,cost,residual,seconds,reason,choice_matvecs\n";
    out_.flush();
  }
  void row(const InstanceRecord& r) override {
    out_ << r.index << ',' << csv_field(r.name) << ',' << exact_or_empty(r.context) << ','
         << exact_or_empty(r.omega) << ',' << r.iterations << ',' << exact_or_empty(r.cost) << ','
         << (std::isnan(r.residual) ? std::string("nan") : exact_or_empty(r.residual)) << ','
         << fmt::format("{:.6f}", r.seconds) << ',' << to_string(r.reason) << ',' << r.choice_matvecs << '\n';
    out_.flush();
  }
  void end(const RunDescription& run, const RunOutcome& outcome) override {
    for (const auto& line : summary_lines(run, outcome)) {
      notes_ << line << "\n";
    }
    notes_.flush();
  }

 private:
  std::ostream& out_;
  std::ostream& notes_;
};

// Schemas: docs/schema/adasolve-seq/instance.json and summary.json.
class JsonLinesWriter final : public SequenceReportWriter {
 public:
  explicit JsonLinesWriter(std::ostream& out) : out_(out) {}
  void begin(const RunDescription&) override {}
  void row(const InstanceRecord& r) override {
    nlohmann::json j = sequence::to_json(r);
    j["type"] = "instance";
    write_json_line(out_, "adasolve-seq/instance", std::move(j));
  }
  void end(const RunDescription& run, const RunOutcome& outcome) override {
    nlohmann::json j = sequence::to_json(outcome.summary);
    j["type"] = "summary";
    j["source"] = run.source;
    j["solver"] = run.solver;
    j["policy"] = run.policy;
    j["context"] = run.context;
    j["settings"] = run.settings;
    j["interrupted"] = outcome.interrupted;
    j["oracles_skipped"] = outcome.oracles_skipped;
    if (!outcome.checkpoint.empty()) {
      j["checkpoint"] = outcome.checkpoint;
    }
    nlohmann::json oracles = nlohmann::json::object();
    for (const auto& o : outcome.oracles) {
      // Costs are iteration counts (a failed solve at the cap), so totals and regrets are whole numbers.
      nlohmann::json entry{{"total_cost", json_count(o.total_cost)},
                           {"regret", json_count(sequence::regret(outcome.summary, o))}};
      if (o.omega) {
        entry["omega"] = *o.omega;
      }
      oracles[o.name] = entry;
    }
    j["oracles"] = oracles;
    write_json_line(out_, "adasolve-seq/summary", std::move(j));
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::vector<std::string> summary_lines(const RunDescription& run, const RunOutcome& outcome) {
  const auto& s = outcome.summary;
  std::vector<std::string> lines;
  lines.push_back(
      fmt::format("instances {} ({} not converged), total iterations {}, total cost {:.0f}, "
                  "total seconds {:.3f}",
                  s.instances, s.not_converged, s.total_iterations, s.total_cost, s.total_seconds));
  lines.push_back(
      fmt::format("mean iterations per instance: first 10% ({} instances) {:.1f}, last 10% {:.1f}", s.tenth,
                  s.mean_first_10pct, s.mean_last_10pct));
  if (s.total_choice_matvecs > 0.0) {
    lines.push_back(
        fmt::format("policy overhead: {:.0f} matrix-vector products for choosing omega (not in the "
                    "iteration totals)",
                    s.total_choice_matvecs));
  }
  lines.push_back("solver " + run.solver + ", policy " + run.policy + ", context " + run.context);
  for (const auto& o : outcome.oracles) {
    const double r = sequence::regret(s, o);
    const std::string omega = o.omega ? fmt::format(" (omega {:.2f})", *o.omega) : std::string();
    lines.push_back(fmt::format("oracle {}{}: total cost {:.0f}, regret {:+.0f} ({:+.1f}%)", o.name, omega,
                                o.total_cost, r, o.total_cost > 0 ? 100.0 * r / o.total_cost : 0.0));
  }
  if (outcome.oracles_skipped) {
    lines.push_back("oracles not computed: interrupted while computing them");
  }
  if (outcome.interrupted) {
    lines.push_back("interrupted" +
                    (outcome.checkpoint.empty()
                         ? std::string(" (no checkpoint: pass --checkpoint FILE to resume)")
                         : ": checkpoint written to " + outcome.checkpoint + ", continue with --resume"));
  }
  return lines;
}

std::unique_ptr<SequenceReportWriter> make_sequence_report_writer(ReportFormat format, std::ostream& rows,
                                                                  std::ostream& notes) {
  switch (format) {
    case ReportFormat::table:
      return std::make_unique<TableWriter>(rows);
    case ReportFormat::csv:
      return std::make_unique<CsvWriter>(rows, notes);
    case ReportFormat::json:
      return std::make_unique<JsonLinesWriter>(rows);
  }
  throw UsageError("unknown report format");
}

}  // namespace adasolve::app
