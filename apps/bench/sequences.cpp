// adasolve-bench sequences: whole-sequence seconds of `adasolve-seq --solver auto` beside every fixed arm at
// every fixed rebuild schedule and the best of them in hindsight, on the benchmark sequences (#14).
//
// Each trial runs `adasolve-seq <sequence> --solver auto --oracle best-fixed --format json` once: the auto
// run first, then every (arm, schedule) pair replayed in the same process on the same input, so the trials
// interleave auto and its comparators. The table gives medians over the trials with their min-max spread.
// The sequences are built in, or come from files a script made (--tutorials:
// data/sequences/petsc_tutorials.sh).
#include <fmt/format.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "bench/benchmark_registry.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"
#include "common/shell_command.hpp"

namespace adasolve::bench {

namespace {

namespace fs = std::filesystem;

struct BenchSequence {
  std::string name;
  std::string what;
  std::vector<std::string> args;  ///< adasolve-seq options that select the sequence
};

/// The built-in sequences; `quick` shrinks them (CI and smoke runs).
std::vector<BenchSequence> builtin_sequences(bool quick, const std::string& tutorials) {
  const std::string steps = quick ? "100" : "1000";
  std::vector<BenchSequence> list = {
      {"e2-200",
       "E2 heat, nx = 200, one period of kappa (T = 1000)",
       {"--generator", "heat", "--nx", quick ? "60" : "200", "--steps", steps, "--warm-start"}},
      {"e2-400",
       "E2 heat, nx = 400, one period of kappa (T = 1000)",
       {"--generator", "heat", "--nx", quick ? "100" : "400", "--steps", steps, "--warm-start"}},
      {"e2-1000-window",
       "E2 heat, nx = 1000, 400 steps from t0 = 0.3 (u = 0 there): kappa's weak-to-strong switch",
       {"--generator", "heat", "--nx", quick ? "150" : "1000", "--t0", "0.3", "--steps",
        quick ? "100" : "400", "--warm-start", "--oracle.schedules", "every:1,every:5,once"}},
      {"e1-high",
       "E1 shifted Laplacian, high variance, n = 100",
       {"--generator", "shifted-laplacian", "--instances", quick ? "200" : "1000", "--distribution", "high"}},
  };
  list.push_back({"poisson3d-sphere",
                  fmt::format("3D Poisson around a sphere obstacle, {}^3 cells, {} Gaussian right-hand sides "
                              "(adasolve-gen poisson3d)",
                              quick ? 16 : 32, quick ? 10 : 40),
                  {"--manifest", "(made by the benchmark)"}});
  for (const char* tutorial : {"ts-ex13-heat", "snes-ex5-bratu"}) {
    const fs::path dir = fs::path(tutorials) / tutorial;
    if (!tutorials.empty()) {
      list.push_back({tutorial,
                      std::string("PETSc tutorial dump ") + tutorial + " (data/sequences/petsc_tutorials.sh)",
                      {"--petsc-binary", (dir / "A.bin").string(), "--rhs", (dir / "b.bin").string()}});
    }
  }
  return list;
}

std::string quoted(const std::string& s);

/// Runs a shell command; Error unless it exits 0.
void run_or_throw(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1").c_str()) != 0) {
    throw Error("failed: " + command);
  }
}

/// The obstacle sequence: one system per seed from adasolve-gen (the same matrix, a new right-hand side
/// each), listed in `folder`/manifest.txt.
std::string make_obstacle_sequence(const fs::path& folder, const std::string& gen, bool quick) {
  const int count = quick ? 10 : 40;
  std::ofstream manifest(folder / "manifest.txt");
  for (int k = 1; k <= count; ++k) {
    const fs::path out = folder / fmt::format("s{:03}", k);
    run_or_throw(fmt::format("{} poisson3d --n {} --obstacle sphere --seed {} --out {}", quoted(gen),
                             quick ? 16 : 32, k, quoted(out.string())));
    manifest << fmt::format("s{:03}/A_0000.mtx s{:03}/b_0000.mtx\n", k, k);
  }
  if (!manifest.flush()) {
    throw Error((folder / "manifest.txt").string() + ": cannot write");
  }
  return (folder / "manifest.txt").string();
}

std::string quoted(const std::string& s) { return app::shell_quote(s); }

/// One trial: the summary line of adasolve-seq's JSON output (`launcher`, e.g. "mpiexec -n 2", goes first).
/// With `oracle` the summary must be --solver auto's with the fixed schedules replayed.
nlohmann::json run_trial(const std::string& launcher, const std::string& seq,
                         const std::vector<std::string>& args, bool oracle = true) {
  std::string command = launcher.empty() ? quoted(seq) : launcher + " " + quoted(seq);
  for (const auto& a : args) {
    command += fmt::format(" {}", quoted(a));
  }
  command += " 2>/dev/null";
  const app::CommandRun run = app::run_command(command);
  const int status = run.status;
  const std::string last = app::last_line(run.output);
  try {
    auto j = nlohmann::json::parse(last);
    const std::string schema = j.value("schema", "");
    if (oracle ? schema == "adasolve-seq/auto-summary" && j.contains("oracle_schedules")
               : (schema == "adasolve-seq/auto-summary" || schema == "adasolve-seq/summary") &&
                     j.contains("total_seconds") && j.contains("total_iterations")) {
      return j;
    }
  } catch (const nlohmann::json::exception&) {
  }
  throw Error(fmt::format("{} (exit status {}) gave no summary{}", command, status,
                          oracle ? " with the oracle" : ""));
}

struct Spread {
  std::vector<double> values;
  double median() const {
    auto v = values;
    std::sort(v.begin(), v.end());
    const std::size_t h = v.size() / 2;
    return v.empty() ? 0.0 : v.size() % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
  }
  /// "median (min-max)" with `digits` decimals.
  std::string text(int digits = 3) const {
    if (values.size() < 2) {
      return fmt::format("{:.{}f}", median(), digits);
    }
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    return fmt::format("{:.{}f} ({:.{}f}-{:.{}f})", median(), digits, *lo, digits, *hi, digits);
  }
};

struct SequenceResult {
  Spread auto_seconds;
  /// Per trial: auto's seconds over the cheapest fixed (arm, schedule) of the same trial. Each trial measures
  /// (and under --cost model prices) its own run, so this ratio compares like with like.
  Spread ratio_per_trial;
  std::map<std::string, Spread> fixed;  ///< "arm rebuild" -> seconds (only schedules that solved everything)
  std::map<std::string, long long> arm_counts;  ///< of the last trial
};

/// A candidate for adasolve-seq's default: its name in the table and the options that select it.
struct Candidate {
  std::string name;
  std::vector<std::string> args;
};

/// The candidate defaults of adasolve-seq (#14: the default is decided from this table): plain CG (the
/// default before), SSOR-PCG under each omega policy that learns, and --solver auto with its SSOR arm under
/// ChebCB and under zoom-descent.
std::vector<Candidate> default_candidates(int ranks) {
  std::vector<Candidate> list{{"cg", {"--solver", "cg"}}};
  for (const char* policy : {"chebcb", "tsallis-inf", "zoom-descent"}) {
    list.push_back({fmt::format("ssor-pcg {}", policy), {"--solver", "ssor-pcg", "--policy", policy}});
  }
  for (const char* policy : {"chebcb", "zoom-descent"}) {
    list.push_back({fmt::format("auto {}", policy), {"--solver", "auto", "--policy", policy}});
  }
  if (ranks > 1) {
    for (auto& c : list) {
      c.args.insert(c.args.end(), {"--backend", "petsc"});
    }
  }
  return list;
}

/// The load averages (1, 5, 15 minutes) now.
std::string load_now() {
  std::ifstream load("/proc/loadavg");
  std::string one, five, fifteen;
  load >> one >> five >> fifteen;
  return fmt::format("{} {} {}", one, five, fifteen);
}

/// The head of a results page: the command that wrote it, the machine, the date, the trials, how long the run
/// took and the load at its end.
void write_run_header(std::ostream& md, const std::string& command, const std::string& machine, int trials,
                      double minutes) {
  std::time_t now = std::time(nullptr);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d", std::gmtime(&now));
  md << "```sh\n"
     << command << "\n```\n\n"
     << "Machine: " << machine << "  \n"
     << fmt::format(
            "Date: {}; {} trial(s); the whole run took {:.1f} minutes; load average (1, 5, 15 min) {} at the "
            "end.\n\n",
            date, trials, minutes, load_now());
}

std::string machine_line() {
  utsname u{};
  ::uname(&u);
  std::string cpu = "unknown CPU";
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.rfind("model name", 0) == 0) {
      cpu = line.substr(line.find(':') + 2);
      break;
    }
  }
  std::ifstream load("/proc/loadavg");
  std::string load1;
  load >> load1;
  return fmt::format("{}, {} cores, {} {}; load average {} at the start", cpu,
                     std::thread::hardware_concurrency(), u.sysname, u.release, load1);
}

/// --defaults: per sequence, each candidate default's whole-sequence seconds and iterations (median over the
/// trials, candidates interleaved within each trial), and which candidate is fastest.
int run_defaults(const std::vector<BenchSequence>& sequences, int trials, const std::string& launcher,
                 int ranks, const std::string& seq, const std::string& command, const std::string& output) {
  const auto candidates = default_candidates(ranks);
  const auto started = std::chrono::steady_clock::now();
  const std::string machine = machine_line();
  std::map<std::string, std::map<std::string, Spread>> seconds;      // sequence -> candidate -> seconds
  std::map<std::string, std::map<std::string, Spread>> iterations;   // sequence -> candidate -> iterations
  std::map<std::string, std::map<std::string, long long>> failures;  // instances not converged, summed
  for (int trial = 0; trial < trials; ++trial) {
    for (const auto& s : sequences) {
      for (const auto& c : candidates) {
        std::vector<std::string> args;
        for (std::size_t i = 0; i < s.args.size(); ++i) {
          if (s.args[i] == "--oracle.schedules") {
            ++i;  // the replayed schedules: no oracle runs here
          } else {
            args.push_back(s.args[i]);
          }
        }
        args.insert(args.end(), c.args.begin(), c.args.end());
        args.insert(args.end(), {"--format", "json"});
        std::cerr << fmt::format("adasolve-bench sequences --defaults: trial {}/{}, {}, {} ...", trial + 1,
                                 trials, s.name, c.name)
                  << std::flush;
        const auto j = run_trial(launcher, seq, args, false);
        seconds[s.name][c.name].values.push_back(j.at("total_seconds").get<double>());
        iterations[s.name][c.name].values.push_back(j.at("total_iterations").get<double>());
        failures[s.name][c.name] += j.at("not_converged").get<long long>();
        std::cerr << fmt::format(" {:.3f} s\n", j.at("total_seconds").get<double>());
      }
    }
  }
  const double minutes = seconds_since(started) / 60.0;
  std::ostringstream md;
  write_run_header(md, command, machine, trials, minutes);
  md << "Seconds for the whole sequence, median over the trials (min-max), and the median total iterations "
        "in "
        "brackets; a candidate that left an instance unsolved in some trial is marked *(n unsolved)*. "
        "`auto POLICY` is `--solver auto` with its default portfolio and rebuild rule, omega of its SSOR arm "
        "by POLICY. "
        "Fastest: the candidate "
        "with the lowest median seconds among those that solved every instance.\n\n| sequence |";
  for (const auto& c : candidates) {
    md << " " << c.name << " |";
  }
  md << " fastest |\n|---|";
  for (std::size_t i = 0; i <= candidates.size(); ++i) {
    md << "---|";
  }
  md << "\n";
  std::map<std::string, int> wins;
  for (const auto& s : sequences) {
    md << "| " << s.name << " |";
    std::string fastest;
    double lowest = 0.0;
    for (const auto& c : candidates) {
      const Spread& t = seconds[s.name][c.name];
      const long long unsolved = failures[s.name][c.name];
      md << fmt::format(" {} [{:.0f}]{} |", t.text(), iterations[s.name][c.name].median(),
                        unsolved > 0 ? fmt::format(" *({} unsolved)*", unsolved) : "");
      if (unsolved == 0 && (fastest.empty() || t.median() < lowest)) {
        fastest = c.name;
        lowest = t.median();
      }
    }
    md << " " << (fastest.empty() ? "-" : fastest) << " |\n";
    ++wins[fastest.empty() ? "-" : fastest];
  }
  md << "\nSequences won:";
  for (const auto& c : candidates) {
    md << fmt::format(" {} {};", c.name, wins[c.name]);
  }
  md << "\n\nThe sequences:\n\n";
  for (const auto& s : sequences) {
    md << "- **" << s.name << "**: " << s.what << "\n";
  }
  std::cout << md.str();
  if (!output.empty()) {
    std::ofstream out(output);
    out << "# The default of `adasolve-seq`: each candidate on every benchmark sequence\n\n" << md.str();
    if (!out.flush()) {
      throw InputError(output + ": cannot write");
    }
  }
  return 0;
}

/// The numeric knobs of adasolve-bench sequences.
struct SequencesSettings {
  int trials = 5;
  int ranks = 1;
  static std::span<const SettingField<SequencesSettings>> fields() {
    static const SettingField<SequencesSettings> described[] = {
        {"trials", &SequencesSettings::trials, "runs per sequence (each: auto, then every fixed schedule)",
         SettingRange::closed(1.0, 100.0)},
        {"mpi", &SequencesSettings::ranks,
         "ranks: run adasolve-seq under mpiexec -n RANKS with --backend petsc",
         SettingRange::closed(1.0, 1024.0)},
    };
    return described;
  }
};

int run_sequences(int argc, char** argv) {
  SequencesSettings settings;
  app::po::options_description options("sequences options");
  app::add_setting_options(options, settings);
  options.add_options()(
      "quick", "smaller sequences (E2 nx = 60 / 100, 100 steps; E1 200 instances): minutes, not hours")(
      "only", app::po::value<std::string>(), "comma list of sequence names to run (default: all)")(
      "tutorials", app::po::value<std::string>(),
      "folder written by data/sequences/petsc_tutorials.sh: adds its two sequences")(
      "portfolio", app::po::value<std::string>(), "arms for --solver auto (default: adasolve-seq's)")(
      "cost", app::po::value<std::string>()->default_value("seconds"),
      "seconds | model (adasolve-seq --cost)")(
      "defaults",
      "instead of auto against the fixed schedules: whole-sequence seconds and iterations of each "
      "candidate default of adasolve-seq (cg, ssor-pcg under each learning omega policy, auto)")(
      "seq", app::po::value<std::string>(), "the adasolve-seq to run (default: beside this program)")(
      "output", app::po::value<std::string>(), "also write the markdown table to this file");
  const auto parsed = app::parse_options(argc, argv, options);
  app::read_setting_options(parsed.values, settings);
  if (parsed.help) {
    app::print_help(
        "adasolve-bench sequences [options]",
        "Whole-sequence seconds of adasolve-seq --solver auto beside every fixed (arm, rebuild schedule) "
        "and the best of them in hindsight (adasolve-seq --oracle best-fixed), median over trials.",
        options);
    return 0;
  }
  const auto& v = parsed.values;
  const int trials = settings.trials;
  const std::string seq = v.count("seq")
                              ? v["seq"].as<std::string>()
                              : (fs::read_symlink("/proc/self/exe").parent_path() / "adasolve-seq").string();
  if (!fs::exists(seq)) {
    throw UsageError(seq + ": no adasolve-seq there (--seq PATH)");
  }
  const int ranks = settings.ranks;
  const std::string launcher = ranks > 1 ? fmt::format("mpiexec -n {}", ranks) : "";
  const bool defaults = v.count("defaults") > 0;
  if (defaults && v.count("portfolio")) {
    throw UsageError("--defaults compares adasolve-seq's candidate defaults: it takes no --portfolio");
  }
  const std::string tutorials = v.count("tutorials") ? v["tutorials"].as<std::string>() : "";
  if (!tutorials.empty() && !fs::is_directory(tutorials)) {
    throw UsageError(tutorials +
                     ": --tutorials needs the folder written by data/sequences/petsc_tutorials.sh");
  }
  auto sequences = builtin_sequences(v.count("quick") > 0, tutorials);
  if (v.count("only")) {
    const auto wanted = app::split_comma_list(v["only"].as<std::string>());
    for (const auto& w : wanted) {
      if (std::none_of(sequences.begin(), sequences.end(), [&](const auto& s) { return s.name == w; })) {
        throw UsageError("--only: no sequence named '" + w + "'");
      }
    }
    std::erase_if(sequences, [&](const auto& s) {
      return std::find(wanted.begin(), wanted.end(), s.name) == wanted.end();
    });
  }

  // Sequences made from files for this run (removed at the end).
  const fs::path scratch = fs::temp_directory_path() / fmt::format("adasolve-bench-sequences-{}", ::getpid());
  fs::create_directories(scratch);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{scratch};
  for (auto& s : sequences) {
    if (s.name == "poisson3d-sphere") {
      const fs::path gen = fs::path(seq).parent_path() / "adasolve-gen";
      s.args = {"--manifest", make_obstacle_sequence(scratch, gen.string(), v.count("quick") > 0)};
    }
  }

  std::string command = "adasolve-bench sequences";
  for (int i = 1; i < argc; ++i) {
    command += fmt::format(" {}", argv[i]);
  }
  if (defaults) {
    return run_defaults(sequences, trials, launcher, ranks, seq, command,
                        v.count("output") ? v["output"].as<std::string>() : "");
  }
  const auto started = std::chrono::steady_clock::now();
  const std::string machine = machine_line();
  std::map<std::string, SequenceResult> results;
  for (int trial = 0; trial < trials; ++trial) {
    for (const auto& s : sequences) {
      std::vector<std::string> args = s.args;
      for (const char* a : {"--solver", "auto", "--oracle", "best-fixed", "--format", "json"}) {
        args.emplace_back(a);
      }
      args.insert(args.end(), {"--cost", v["cost"].as<std::string>()});
      if (ranks > 1) {
        args.insert(args.end(), {"--backend", "petsc"});
      }
      if (v.count("portfolio")) {
        args.insert(args.end(), {"--portfolio", v["portfolio"].as<std::string>()});
      }
      std::cerr << fmt::format("adasolve-bench sequences: trial {}/{}, {} ...", trial + 1, trials, s.name)
                << std::flush;
      const auto j = run_trial(launcher, seq, args);
      auto& r = results[s.name];
      r.auto_seconds.values.push_back(j.at("total_seconds").get<double>());
      r.arm_counts = j.at("arm_counts").get<std::map<std::string, long long>>();
      double trial_best = 0.0;
      for (const auto& f : j.at("oracle_schedules")) {
        if (f.at("not_converged").get<long long>() == 0) {
          const double seconds = f.at("total_seconds").get<double>();
          r.fixed[f.at("arm").get<std::string>() + " " + f.at("rebuild").get<std::string>()].values.push_back(
              seconds);
          trial_best = trial_best > 0.0 ? std::min(trial_best, seconds) : seconds;
        }
      }
      if (trial_best > 0.0) {
        r.ratio_per_trial.values.push_back(j.at("total_seconds").get<double>() / trial_best);
      }
      std::cerr << fmt::format(" auto {:.3f} s\n", j.at("total_seconds").get<double>());
    }
  }
  const double minutes = seconds_since(started) / 60.0;

  std::ostringstream md;
  write_run_header(md, command, machine, trials, minutes);
  md << "Seconds for the whole sequence (setup + solve per instance, file reading excluded), median over the "
        "trials "
        "(min-max). *Best fixed* is the cheapest (arm, schedule) in hindsight among those that solved every "
        "instance (median of its trials); schedules are every:1, 2, 5, 10, 20 and once. *auto / best* is the "
        "ratio of those medians; *per trial* is the median (min-max) over the trials of auto against the "
        "cheapest "
        "fixed schedule of the same trial, which met the same load and, under --cost model, the same "
        "prices.\n\n"
     << "| sequence | auto s | best fixed | best fixed s | auto / best | auto / best per trial | hypre every "
        "s | hypre every / auto | auto's arms |\n"
     << "|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& s : sequences) {
    const auto& r = results.at(s.name);
    std::string best_name;
    double best = 0.0;
    for (const auto& [name, spread] : r.fixed) {
      if (spread.values.size() == static_cast<std::size_t>(trials) &&
          (best_name.empty() || spread.median() < best)) {
        best_name = name;
        best = spread.median();
      }
    }
    const auto hypre = std::find_if(r.fixed.begin(), r.fixed.end(), [](const auto& f) {
      return f.first.rfind("hypre", 0) == 0 && f.first.ends_with(" every");
    });
    std::string arms;
    for (const auto& [arm, n] : r.arm_counts) {
      arms += fmt::format("{}{} {}", arms.empty() ? "" : ", ", arm, n);
    }
    const double a = r.auto_seconds.median();
    md << fmt::format(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", s.name, r.auto_seconds.text(),
        best_name.empty() ? "-" : best_name, best_name.empty() ? "-" : fmt::format("{:.3f}", best),
        best > 0.0 ? fmt::format("{:.2f}", a / best) : "-",
        r.ratio_per_trial.values.empty() ? "-" : r.ratio_per_trial.text(2),
        hypre == r.fixed.end() ? "-" : hypre->second.text(),
        hypre == r.fixed.end() || a <= 0.0 ? "-" : fmt::format("{:.2f}", hypre->second.median() / a), arms);
  }
  md << "\nEvery fixed schedule, median seconds (min-max):\n\n";
  for (const auto& s : sequences) {
    md << "- **" << s.name << "** (" << s.what << "): ";
    std::string items;
    for (const auto& [name, spread] : results.at(s.name).fixed) {
      items += fmt::format("{}{} {}", items.empty() ? "" : "; ", name, spread.text());
    }
    md << items << "\n";
  }
  std::cout << md.str();
  if (v.count("output")) {
    std::ofstream out(v["output"].as<std::string>());
    out << "# `--solver auto` against every fixed solver and rebuild schedule\n\n" << md.str();
    if (!out.flush()) {
      throw InputError(v["output"].as<std::string>() + ": cannot write");
    }
  }
  return 0;
}

const Registration registration{
    "sequences", "--solver auto vs every fixed (arm, rebuild schedule) on the benchmark sequences",
    &run_sequences};

}  // namespace

}  // namespace adasolve::bench
