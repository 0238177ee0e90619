#include "seq/seq_run.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "adasolve/core/error.hpp"
#include "adasolve/core/version.hpp"
#include "adasolve/sequence/oracle.hpp"
#include "adasolve/sequence/run_files.hpp"
#include "adasolve/sequence/sequence_summary.hpp"
#include "common/app_main.hpp"
#include "common/atomic_file.hpp"
#include "common/gnuplot.hpp"
#include "common/interrupt.hpp"
#include "common/progress_bar.hpp"
#include "seq/seq_auto.hpp"
#include "seq/seq_backend.hpp"
#include "seq/seq_components.hpp"
#include "seq/seq_resume.hpp"

namespace adasolve::app {

using namespace adasolve::bandit;

namespace {

using sequence::InstanceRecord;

// --state FILE (sequence/run_files.hpp); loaded only when it exists.
void load_learner_state(const std::string& file, OmegaPolicy& policy) {
  if (file.empty() || !std::filesystem::exists(file)) {
    return;
  }
  sequence::restore_learner_state(read_file(file), file, policy);
}

void save_learner_state(const std::string& file, const OmegaPolicy& policy) {
  if (file.empty()) {
    return;
  }
  nlohmann::json j = sequence::make_learner_state(policy.name(), policy.state());
  add_version_keys(j);
  write_file_atomically(file, j.dump() + "\n");
}

class Checkpointer {
 public:
  Checkpointer(const SeqConfig& config, const sequence::SequenceRunner& runner,
               const std::vector<InstanceRecord>& records, bool writes_files)
      : config_(config),
        runner_(runner),
        records_(records),
        writes_files_(writes_files),
        last_(std::chrono::steady_clock::now()) {}

  bool enabled() const { return !config_.checkpoint.empty() && writes_files_; }

  void write(bool complete) {
    if (!enabled()) {
      return;
    }
    auto j = sequence::make_checkpoint(config_.identity(), runner_.checkpoint(), records_, complete);
    add_version_keys(j);
    write_file_atomically(config_.checkpoint, j.dump() + "\n");
    last_ = std::chrono::steady_clock::now();
  }

  void write_if_due() {
    if (enabled() && std::chrono::steady_clock::now() - last_ >=
                         std::chrono::duration<double>(config_.checkpoint_seconds)) {
      write(false);
    }
  }

 private:
  const SeqConfig& config_;
  const sequence::SequenceRunner& runner_;
  const std::vector<InstanceRecord>& records_;
  bool writes_files_;
  std::chrono::steady_clock::time_point last_;
};

// --resume: restores the runner and returns the records so far.
std::vector<InstanceRecord> resume_from(const SeqConfig& config, sequence::SequenceRunner& runner) {
  return resume_run(config, runner,
                    sequence::parse_checkpoint(read_file(config.checkpoint), config.checkpoint));
}

// Two options that name one file: true for the same path spelt differently, a link, or a hard link.
bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec)) {
    return std::filesystem::equivalent(a, b, ec);
  }
  // absolute() first: libstdc++'s weakly_canonical leaves a missing one-component relative path as it is.
  return std::filesystem::weakly_canonical(std::filesystem::absolute(a, ec), ec) ==
         std::filesystem::weakly_canonical(std::filesystem::absolute(b, ec), ec);
}

// An output that is also an input would overwrite it (--output naming the manifest) or lose it (--state F
// --output F): refuse before anything is read or written. --state is both read and written, by design.
void refuse_shared_files(const SeqConfig& c) {
  const std::pair<const char*, const std::string*> files[] = {{"--manifest", &c.manifest},
                                                              {"--state", &c.state},
                                                              {"--checkpoint", &c.checkpoint},
                                                              {"--output", &c.output},
                                                              {"--plot", &c.plot}};
  for (std::size_t i = 0; i < std::size(files); ++i) {
    for (std::size_t j = i + 1; j < std::size(files); ++j) {
      const auto& [a_name, a] = files[i];
      const auto& [b_name, b] = files[j];
      if (!a->empty() && !b->empty() && same_file(*a, *b)) {
        throw UsageError(std::string(a_name) + " and " + b_name + " name the same file " + *b +
                         ": give each its own");
      }
    }
  }
}

std::vector<double> cumulative_cost(const std::vector<InstanceRecord>& records) {
  std::vector<double> out;
  double total = 0.0;
  for (const auto& r : records) {
    total += r.cost;
    out.push_back(total);
  }
  return out;
}

void write_plot(const SeqConfig& config, const RunDescription& run,
                const std::vector<InstanceRecord>& records,
                const std::vector<sequence::OracleResult>& oracles, const std::string& context_name) {
  SequencePlot plot;
  plot.left_title = "cumulative iterations";
  plot.left_xlabel = "instance";
  plot.left_ylabel = "iterations (failed solves at the cap)";
  plot.lines.push_back({run.solver + " + " + run.policy, cumulative_cost(records)});
  for (const auto& o : oracles) {
    const std::string omega =
        o.total.omega ? " (omega " + std::to_string(*o.total.omega).substr(0, 4) + ")" : "";
    plot.lines.push_back({o.total.name + omega, o.cumulative_cost});
  }
  if (!config.policy.empty()) {
    plot.right_title = "omega chosen against context";
    plot.right_xlabel = context_name;
    plot.right_ylabel = "omega";
    ScatterSeries points{run.policy, {}};
    for (const auto& r : records) {
      points.points.emplace_back(r.context, r.omega);
    }
    plot.scatter.push_back(std::move(points));
  }
  write_png_plot(config.plot, plot);
}

// --oracle: the comparators, on the policy's grid. They replay the sequence |grid| times; `stop` (agreed
// across MPI ranks) ends them early, and then there is nothing to report (nullopt).
std::optional<std::vector<sequence::OracleResult>> run_oracles(const SeqConfig& config,
                                                               const sequence::SourceFactory& make_source,
                                                               const sequence::SolverFactory& make_solver,
                                                               const std::function<bool()>& stop) {
  std::vector<sequence::OracleResult> oracles;
  const auto grid = config.policy_settings.grid.values();
  if (config.oracle == "best-fixed" || config.oracle == "both") {
    oracles.push_back(sequence::best_fixed_oracle(make_source, make_solver, grid, config.warm_start, stop));
    if (!oracles.back().complete) {
      return std::nullopt;
    }
  }
  if (config.oracle == "instance-grid" || config.oracle == "both") {
    oracles.push_back(
        sequence::instance_grid_oracle(make_source, make_solver, grid, config.warm_start, stop));
    if (!oracles.back().complete) {
      return std::nullopt;
    }
  }
  return oracles;
}

}  // namespace

int run_seq(const SeqConfig& given) {
  refuse_shared_files(given);
  if (given.solver == "auto") {
    return run_seq_auto(given);
  }
  install_interrupt_handlers();
  const auto backend = start_seq_backend(given);
  SeqConfig config = given;
  if (!backend->writes_files()) {
    config.output.clear();  // this rank's stdout is not the terminal (launcher.hpp)
    config.plot.clear();
  }
  // Under MPI only rank 0 writes, and input files may differ between nodes: every step that touches files
  // runs through backend->collectively, so that a failure on one rank stops all ranks with one message.
  backend->collectively([&] {
    for (const auto& file : {config.plot, config.state, config.checkpoint}) {
      if (!file.empty() && backend->writes_files()) {
        require_writable_location(file);
      }
    }
  });
  const auto make_source = backend->sources(source_factory(config));
  const auto make_solver = backend->solvers(config);
  const auto stop_requested = backend->stop_predicate(interrupt_requested);  // agreed across ranks
  auto source = make_source();
  const sequence::ContextChoice context_choice = sequence::ContextChoice::parse(config.context);
  std::unique_ptr<OmegaPolicy> policy;
  backend->collectively([&] {
    policy = make_seq_policy(config, sequence::ContextReader(context_choice, *source).range());
    if (policy) {
      load_learner_state(config.state, *policy);
    }
  });
  sequence::SequenceRunner runner(*source, make_solver, policy.get(), {context_choice, config.warm_start});

  std::vector<InstanceRecord> records;
  std::ofstream file;
  backend->collectively([&] {
    if (config.resume) {
      records = resume_from(config, runner);
    }
    if (!config.output.empty()) {
      file.open(config.output, std::ios::trunc);
      if (!file) {
        throw InputError(config.output + ": cannot write");
      }
    }
  });
  std::ostream& out = config.output.empty() ? std::cout : file;
  const RunDescription run{source->description(), config.solver, policy ? policy->name() : "none",
                           runner.context().description(), config.identity()};
  auto writer = make_sequence_report_writer(config.format, out, std::cerr);
  writer->begin(run);
  for (const auto& r : records) {
    writer->row(r);
  }

  Checkpointer checkpointer(config, runner, records, backend->writes_files());
  {
    ProgressBar progress("adasolve-seq", source->size());
    runner.run(
        [&](const InstanceRecord& r) {
          records.push_back(r);
          writer->row(r);
          progress.update(records.size());
          backend->collectively([&] { checkpointer.write_if_due(); });
        },
        stop_requested);
  }

  RunOutcome outcome;
  if (!runner.done()) {
    // Stopped by SIGTERM / SIGINT between two instances: keep what we have and say how to continue.
    outcome.interrupted = true;
    outcome.checkpoint = config.checkpoint;
    outcome.summary = sequence::summarize(records);
    backend->collectively([&] {
      checkpointer.write(false);
      if (policy && backend->writes_files()) {
        save_learner_state(config.state, *policy);
      }
      writer->end(run, outcome);
      check_output_stream(out, config.output.empty() ? "standard output" : config.output);
    });
    return interrupt_exit_code();
  }
  backend->collectively([&] {
    checkpointer.write(true);
    if (policy && backend->writes_files()) {
      save_learner_state(config.state, *policy);
    }
  });

  // A signal during the oracles stops them too: the run itself is complete and checkpointed, so only the
  // comparison is lost.
  auto oracles = run_oracles(config, make_source, make_solver, stop_requested);
  if (!oracles) {
    outcome.oracles_skipped = true;
    oracles.emplace();
  }
  for (const auto& o : *oracles) {
    outcome.oracles.push_back(o.total);
  }
  outcome.summary = sequence::summarize(records);
  backend->collectively([&] {
    if (!config.plot.empty()) {
      write_plot(config, run, records, *oracles, runner.context().name());
    }
    writer->end(run, outcome);
    check_output_stream(out, config.output.empty() ? "standard output" : config.output);
  });
  if (outcome.oracles_skipped) {
    return interrupt_exit_code();
  }
  return outcome.summary.not_converged == 0 ? kSuccess : kNotConverged;
}

}  // namespace adasolve::app
