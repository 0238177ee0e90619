#pragma once
// Per-instance rows and the closing summary of a sequence run, in three formats:
//   table  human columns, a header line naming source/solver/policy/context, summary lines at the end;
//   csv    one header line, then one line per instance (index,name,context,omega,iterations,cost,residual,
//          seconds,reason,choice_matvecs); the summary goes to the notes stream (stderr) so the file stays
//          plain CSV;
//   json   JSON lines: one {"type":"instance",...} object per instance, then one {"type":"summary",...}.
// Rows are written (and flushed) as instances finish, so an interrupted run keeps what it has.
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "adasolve/sequence/sequence_runner.hpp"
#include "adasolve/sequence/sequence_summary.hpp"

namespace adasolve::app {

enum class ReportFormat { table, csv, json };
/// "table", "csv", "json" (UsageError otherwise, naming --format).
ReportFormat parse_report_format(const std::string& text);

/// The cell formats both sequence reports (fixed solvers and --solver auto) share:
/// v in `spec` (fmt syntax), "-" when not finite (tables);
std::string number_or_dash(double v, const char* spec);
/// v in full precision, empty when not finite (CSV);
std::string exact_or_empty(double v);
/// text as one CSV field: quoted as in RFC 4180 when it holds a comma, a quote or a newline.
std::string csv_field(const std::string& text);

/// What was run, echoed in headers and summaries.
struct RunDescription {
  std::string source;    ///< InstanceSource::description()
  std::string solver;    ///< "cg", "ssor-pcg", ...
  std::string policy;    ///< "chebcb", ... or "none"
  std::string context;   ///< ContextReader::description()
  std::string settings;  ///< effective settings, "stop.rtol=1e-08 stop.max_iters=10000 seed=1 warm_start=0"
};

struct RunOutcome {
  sequence::SequenceSummary summary;
  std::vector<sequence::OracleTotal> oracles;
  bool interrupted = false;      ///< stopped by a signal before the end of the sequence
  bool oracles_skipped = false;  ///< a signal arrived while the oracles ran (the sequence itself is complete)
  std::string checkpoint;        ///< where the checkpoint was written (empty: none)
};

class SequenceReportWriter {
 public:
  virtual ~SequenceReportWriter() = default;
  virtual void begin(const RunDescription& run) = 0;
  virtual void row(const sequence::InstanceRecord& record) = 0;
  virtual void end(const RunDescription& run, const RunOutcome& outcome) = 0;
};

/// rows: stdout or the --output file; notes: stderr (csv summary).
std::unique_ptr<SequenceReportWriter> make_sequence_report_writer(ReportFormat format, std::ostream& rows,
                                                                  std::ostream& notes);

/// The summary as human lines (used by table and csv).
std::vector<std::string> summary_lines(const RunDescription& run, const RunOutcome& outcome);

}  // namespace adasolve::app
