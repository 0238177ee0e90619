// adasolve-seq --solver auto: the solver (arm), its omega and when to rebuild its setup, chosen per system by
// the PortfolioLearner over the --portfolio arms (sequence/portfolio_runner.hpp), with one row per instance.
#include "seq/seq_auto.hpp"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>

#include "adasolve/core/error.hpp"
#include "adasolve/core/version.hpp"
#include "adasolve/sequence/arm_prices.hpp"
#include "adasolve/sequence/dirichlet_columns.hpp"
#include "adasolve/sequence/portfolio_oracle.hpp"
#include "adasolve/sequence/portfolio_runner.hpp"
#include "adasolve/sequence/run_files.hpp"
#include "common/app_main.hpp"
#include "common/atomic_file.hpp"
#include "common/interrupt.hpp"
#include "common/json_lines.hpp"
#include "common/progress_bar.hpp"
#include "seq/seq_backend.hpp"
#include "seq/seq_components.hpp"
#include "seq/seq_resume.hpp"

namespace adasolve::app {

using namespace adasolve::bandit;

namespace {

using sequence::PortfolioRecord;

struct AutoSummary {
  std::size_t instances = 0;
  std::size_t not_converged = 0;
  long long total_iterations = 0;
  long long rebuilds = 0;
  double total_seconds = 0.0;
  std::map<std::string, long long> arm_counts;
  void add(const PortfolioRecord& r) {
    ++instances;
    not_converged += r.instance.converged() ? 0 : 1;
    total_iterations += r.instance.iterations;
    rebuilds += r.rebuilt ? 1 : 0;
    total_seconds += r.total_seconds();
    ++arm_counts[r.arm];
  }
};

/// Rows as instances finish (flushed), then the summary: table, csv (summary on the notes stream) or JSON
/// lines, as for the other solvers (common/sequence_report.hpp).
class AutoReport {
 public:
  AutoReport(ReportFormat format, std::ostream& rows, std::ostream& notes)
      : format_(format), out_(rows), notes_(notes) {}

  void begin(const std::string& source, const std::string& arms, const std::string& rebuild,
             const std::string& context) {
    header_ = fmt::format("solver auto, portfolio {}, rebuild {}, context {}", arms, rebuild, context);
    if (format_ == ReportFormat::table) {
      out_ << "# " << source << "\n# " << header_ << "\n";
      out_ << fmt::format("{:>6}  {:<18} {:>9} {:<12} {:>7} {:>6} {:>6} {:>10} {:>10}  {}\n", "#", "name",
                          "context", "arm", "rebuilt", "omega", "iters", "setup s", "solve s", "reason");
    } else if (format_ == ReportFormat::csv) {
      out_ << "index,name,context,arm,rebuilt,omega,iterations,setup_seconds,solve_seconds,residual,reason,"
              "fallback,abandoned\n";
    }
    out_.flush();
  }

  void row(const PortfolioRecord& r) {
    const auto& i = r.instance;
    if (format_ == ReportFormat::table) {
      out_ << fmt::format("{:>6}  {:<18} {:>9} {:<12} {:>7} {:>6} {:>6} {:>10.6f} {:>10.6f}  {}{}\n", i.index,
                          i.name, number_or_dash(i.context, "{:.4g}"), r.arm,
                          r.rebuilt ? "rebuilt" : "reused", number_or_dash(i.omega, "{:.2f}"), i.iterations,
                          r.setup_seconds, r.solve_seconds, to_string(i.reason),
                          r.fallback.empty() ? ""
                          : r.abandoned      ? " (abandoned, finished by " + r.fallback + ")"
                                             : " (after " + r.fallback + ")");
    } else if (format_ == ReportFormat::csv) {
      out_ << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", i.index, csv_field(i.name),
                          exact_or_empty(i.context), r.arm, r.rebuilt ? 1 : 0, exact_or_empty(i.omega),
                          i.iterations, r.setup_seconds, r.solve_seconds, exact_or_empty(i.residual),
                          to_string(i.reason), r.fallback, r.abandoned ? 1 : 0);
    } else {
      nlohmann::json j = sequence::to_json(r);
      j["type"] = "instance";
      write_json_line(out_, "adasolve-seq/auto-instance", std::move(j));
    }
    out_.flush();
  }

  /// `prices`: the --cost model prices (empty: measured seconds). `oracle`: every fixed schedule replayed
  /// (empty: no --oracle).
  void end(const AutoSummary& s, bool interrupted, const std::vector<sequence::ArmPrice>& prices,
           const std::vector<sequence::FixedScheduleResult>& oracle) {
    const auto best = sequence::cheapest(oracle);
    if (format_ == ReportFormat::json) {
      nlohmann::json j{{"type", "summary"},
                       {"solver", "auto"},
                       {"instances", s.instances},
                       {"not_converged", s.not_converged},
                       {"total_iterations", s.total_iterations},
                       {"total_seconds", s.total_seconds},
                       {"rebuilds", s.rebuilds},
                       {"arm_counts", s.arm_counts},
                       {"cost", prices.empty() ? "seconds" : "model"},
                       {"interrupted", interrupted}};
      if (!prices.empty()) {
        j["prices"] = nlohmann::json::array();
        for (const auto& p : prices) {
          j["prices"].push_back(sequence::to_json(p));
        }
      }
      if (!oracle.empty()) {
        j["oracle_schedules"] = nlohmann::json::array();
        for (const auto& r : oracle) {
          j["oracle_schedules"].push_back(sequence::to_json(r));
        }
        j["oracle"] = best ? sequence::to_json(*best) : nlohmann::json();
        j["ratio_to_oracle"] = best && best->total_seconds > 0.0
                                   ? nlohmann::json(s.total_seconds / best->total_seconds)
                                   : nlohmann::json();
      }
      write_json_line(out_, "adasolve-seq/auto-summary", std::move(j));
      return;
    }
    std::ostream& where = format_ == ReportFormat::table ? out_ : notes_;
    std::string counts;
    for (const auto& [arm, n] : s.arm_counts) {
      counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", arm, n);
    }
    where
        << (format_ == ReportFormat::table ? "\n" : "")
        << fmt::format(
               "instances {} ({} not converged), total iterations {}, total seconds {:.3f}, rebuilds {}{}\n",
               s.instances, s.not_converged, s.total_iterations, s.total_seconds, s.rebuilds,
               interrupted ? " (interrupted)" : "")
        << "arms: " << counts << "\n";
    for (const auto& p : prices) {
      where << fmt::format("price {}: setup {:.3g} s, reuse {:.3g} s, {:.3g} s per iteration\n", p.arm,
                           p.setup_seconds, p.reuse_seconds, p.seconds_per_iteration);
    }
    if (!oracle.empty()) {
      where << "oracle (every arm with every fixed rebuild schedule, replayed):\n";
      for (const auto& r : oracle) {
        where << fmt::format("  {:<14} {:<9} {:>10.4f} s {:>8} iterations{}{}\n", r.arm, r.rebuild,
                             r.total_seconds, r.total_iterations,
                             r.not_converged > 0 ? fmt::format(", {} not converged", r.not_converged) : "",
                             r.complete ? "" : " (interrupted)");
      }
      if (best) {
        where << fmt::format("best fixed in hindsight: {} {} {:.4f} s; auto / best = {:.3f}\n", best->arm,
                             best->rebuild, best->total_seconds, s.total_seconds / best->total_seconds);
      }
    }
    where << header_ << "\n";
    where.flush();
  }

 private:
  ReportFormat format_;
  std::ostream& out_;
  std::ostream& notes_;
  std::string header_;
};

/// --checkpoint: the runner (source, learner, omega policy, prices) and the rows so far, written atomically
/// every --checkpoint-interval seconds, when interrupted and at the end (sequence/run_files.hpp).
class AutoCheckpointer {
 public:
  AutoCheckpointer(const SeqConfig& config, const sequence::PortfolioRunner& runner,
                   const std::vector<PortfolioRecord>& records, bool writes_files)
      : config_(config),
        runner_(runner),
        records_(records),
        enabled_(!config.checkpoint.empty() && writes_files) {}

  void write(bool complete) {
    if (enabled_) {
      auto j =
          sequence::make_portfolio_checkpoint(config_.identity(), runner_.checkpoint(), records_, complete);
      add_version_keys(j);
      write_file_atomically(config_.checkpoint, j.dump() + "\n");
      last_ = std::chrono::steady_clock::now();
    }
  }
  bool due() const {
    return enabled_ && std::chrono::steady_clock::now() - last_ >=
                           std::chrono::duration<double>(config_.checkpoint_seconds);
  }

 private:
  const SeqConfig& config_;
  const sequence::PortfolioRunner& runner_;
  const std::vector<PortfolioRecord>& records_;
  bool enabled_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

/// --resume: the runner restored and the rows so far.
std::vector<PortfolioRecord> resume_auto(const SeqConfig& config, sequence::PortfolioRunner& runner) {
  return resume_run(config, runner,
                    sequence::parse_portfolio_checkpoint(read_file(config.checkpoint), config.checkpoint));
}

/// --cost model: an arm that failed on the first system while being priced (an IC(0) with a nonpositive
/// pivot) has no price; it is left out like an unsuitable arm, with one line. None left: an input error.
void leave_out_unpriced_arms(std::vector<ArmSpec>& specs,
                             std::vector<std::unique_ptr<sequence::SolverArm>>& arms,
                             std::vector<sequence::ArmPrice>& prices, bool prints,
                             const sequence::Instance& first) {
  std::vector<ArmSpec> kept_specs;
  std::vector<std::unique_ptr<sequence::SolverArm>> kept_arms;
  std::vector<sequence::ArmPrice> kept_prices;
  std::string reasons;
  for (std::size_t a = 0; a < arms.size(); ++a) {
    if (prices[a].failure.empty()) {
      kept_specs.push_back(specs[a]);
      kept_arms.push_back(std::move(arms[a]));
      kept_prices.push_back(prices[a]);
      continue;
    }
    if (prints) {
      std::cerr << fmt::format(
          "adasolve-seq: arm {} left out: it failed on the first system while being priced "
          "({})\n",
          specs[a].name(), one_line(prices[a].failure));
    }
    reasons += fmt::format("{}{}", reasons.empty() ? "" : "; ", prices[a].failure);
  }
  if (kept_arms.empty()) {
    throw InputError(fmt::format("{}: no arm of the portfolio can solve this system ({})",
                                 first.origin.empty() ? first.name : first.origin, reasons));
  }
  specs = std::move(kept_specs);
  arms = std::move(kept_arms);
  prices = std::move(kept_prices);
}

}  // namespace

int run_seq_auto(const SeqConfig& given) {
  install_interrupt_handlers();
  const auto backend = start_seq_backend(given);
  SeqConfig config = given;
  if (!backend->writes_files()) {
    config.output.clear();
  }
  backend->collectively([&] {
    if (!config.checkpoint.empty() && backend->writes_files()) {
      require_writable_location(config.checkpoint);
    }
  });
  // Boundary rows that a PETSc program left unmirrored are eliminated before any arm sees an instance: the
  // same solution, a symmetric matrix, so that ICC, IC(0) and the AMG arms serve the sequence too
  // (sequence/dirichlet_columns.hpp). Done while the instance is read, like the reading, not charged to arms.
  const sequence::SourceFactory read_source = backend->sources(source_factory(config));
  const sequence::SourceFactory make_source = [read_source] {
    return sequence::with_dirichlet_columns_eliminated(read_source());
  };
  const sequence::ContextChoice context_choice = sequence::ContextChoice::parse(config.context);

  // The portfolio, less the arms that cannot solve the sequence's first system (one line each).
  std::vector<ArmSpec> specs = parse_portfolio(config.portfolio, backend->has_petsc_arms());
  std::vector<std::unique_ptr<sequence::SolverArm>> arms;
  std::vector<sequence::ArmPrice> prices;  // --cost model
  {
    auto probe = make_source();
    sequence::Instance first;
    backend->collectively([&] {  // a file missing on one rank's node stops every rank (seq_backend.hpp)
      if (probe->done()) {
        throw InputError(probe->description() + ": the sequence is empty");
      }
      first = probe->next();
    });
    std::vector<ArmSpec> kept;
    std::string reasons;
    for (const ArmSpec& spec : specs) {
      auto arm = backend->arm(spec, config);
      const std::string why = arm->unsuitable(*first.matrix);
      if (why.empty()) {
        kept.push_back(spec);
        arms.push_back(std::move(arm));
      } else {
        if (backend->writes_files()) {  // one line from the run, not one per rank
          std::cerr << "adasolve-seq: arm " << spec.name() << " left out: " << why << "\n";
        }
        reasons += fmt::format("{}{}", reasons.empty() ? "" : "; ", why);
      }
    }
    if (arms.empty()) {
      throw InputError((first.origin.empty() ? first.name : first.origin) +
                       ": no arm of the portfolio can solve this system (" + reasons + ")");
    }
    specs = kept;
    if (config.cost == "model") {
      sequence::PriceCalibration calibration;
      calibration.agree = backend->agreement();
      prices = sequence::calibrate_prices(arms, first, calibration);
      leave_out_unpriced_arms(specs, arms, prices, backend->writes_files(), first);
    }
  }

  auto source = make_source();
  const sequence::ContextReader reader(context_choice, *source);
  const auto range = reader.range();
  PortfolioSettings learner_settings;
  ContextRange learner_range{0.0, 1.0};
  if (range && range->first < range->second) {
    learner_range = {range->first, range->second};
  } else {
    learner_settings.bins = 1;  // no known range: one bin
  }
  PortfolioLearner learner(arms.size(), learner_range, learner_settings, source->size());
  auto omega_policy = make_seq_policy(config, range);

  sequence::PortfolioRunnerSettings settings;
  settings.context = context_choice;
  settings.warm_start = config.warm_start;
  settings.rebuild = sequence::RebuildRule::parse(config.rebuild);
  settings.fallback_arm = fallback_arm(specs);
  settings.agree = backend->agreement();
  settings.prices = prices;
  std::string arm_list;
  for (const auto& spec : specs) {
    arm_list += fmt::format("{}{}", arm_list.empty() ? "" : ",", spec.name());
  }
  sequence::PortfolioRunner runner(*source, std::move(arms), learner, omega_policy.get(), settings);

  std::vector<PortfolioRecord> records;
  std::ofstream file;
  backend->collectively([&] {
    if (config.resume) {
      records = resume_auto(config, runner);
    }
    if (!config.output.empty()) {
      file.open(config.output, std::ios::trunc);
      if (!file) {
        throw InputError(config.output + ": cannot write");
      }
    }
  });
  AutoReport report(config.format, config.output.empty() ? std::cout : file, std::cerr);
  report.begin(source->description(), arm_list, settings.rebuild.to_string(), runner.context().description());
  AutoSummary summary;
  for (const auto& r : records) {
    summary.add(r);
    report.row(r);
  }
  AutoCheckpointer checkpointer(config, runner, records, backend->writes_files());
  {
    ProgressBar progress("adasolve-seq", source->size());
    runner.run(
        [&](const PortfolioRecord& r) {
          records.push_back(r);
          summary.add(r);
          report.row(r);
          progress.update(summary.instances);
          if (checkpointer.due()) {
            backend->collectively([&] { checkpointer.write(false); });
          }
        },
        backend->stop_predicate(interrupt_requested));
  }
  bool interrupted = !runner.done();
  backend->collectively([&] { checkpointer.write(!interrupted); });
  std::vector<sequence::FixedScheduleResult> oracle;
  if (!interrupted && config.oracle == "best-fixed") {
    sequence::FixedScheduleReplay replay;
    replay.make_source = make_source;
    replay.make_arm = [&](std::size_t a) { return backend->arm(specs[a], config); };
    replay.arms = specs.size();
    replay.make_omega_policy = [&] { return make_seq_policy(config, range); };
    replay.settings = settings;
    if (!config.oracle_schedules.empty()) {
      replay.schedules.clear();
      for (const auto& item : split_comma_list(config.oracle_schedules)) {
        replay.schedules.push_back(sequence::RebuildRule::parse(item));
      }
    }
    oracle = sequence::replay_fixed_schedules(replay, backend->stop_predicate(interrupt_requested));
    interrupted = !oracle.empty() && !oracle.back().complete;
  }
  report.end(summary, interrupted, prices, oracle);
  if (interrupted) {
    return interrupt_exit_code();
  }
  return summary.not_converged == 0 ? 0 : 1;
}

}  // namespace adasolve::app
