#include "bench/nlp/nlp_large.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "adasolve/core/error.hpp"
#include "bench/nlp/nl_writer.hpp"
#include "bench/nlp/nlp_bench_common.hpp"
#include "common/child_process.hpp"
#include "common/settings_options.hpp"
#include "common/shell_command.hpp"

namespace adasolve::bench::nlp_bench {

std::span<const SettingField<LargeSetSettings>> LargeSetSettings::fields() {
  static const SettingField<LargeSetSettings> described[] = {
      {"large_max_n", &LargeSetSettings::max_grid,
       "--large: largest PDE-control N (N = large-min-n, 2 large-min-n, ... up to it)",
       SettingRange::at_least(1.0)},
      {"large_min_n", &LargeSetSettings::min_grid, "--large: smallest PDE-control N",
       SettingRange::at_least(1.0)},
      {"large_cpu_limit", &LargeSetSettings::cpu_limit_s,
       "--large: CPU seconds each solver process may use before it is stopped", SettingRange::at_least(1.0)},
  };
  return described;
}

namespace {

/// One problem of the large set: a name, and the problem arguments common to adasolve-nlp and the peer.
struct LargeProblem {
  std::string name;
  std::vector<std::string> args;
  std::vector<std::string> peer_only_args;  ///< what adasolve-nlp takes from its settings (logreg's seed)
};

/// What one solver process gave back: its result line (when it wrote one) and its measurements.
struct Measured {
  std::optional<nlohmann::json> result;
  app::ChildRun run;
};

/// The solver's result: its last line when that is a JSON object and not one of adasolve-nlp's iteration
/// lines (schema adasolve-nlp/iteration), which is the last line of a process stopped at the CPU limit.
Measured run_solver(std::vector<std::string> argv, double cpu_limit_s) {
  Measured m{std::nullopt, app::run_measured(argv, cpu_limit_s)};
  try {
    auto line = nlohmann::json::parse(app::last_line(m.run.output));
    const bool iteration = line.is_object() && line.contains("schema") && line["schema"].is_string() &&
                           line["schema"].get<std::string>().ends_with("/iteration");
    if (line.is_object() && !iteration) {
      m.result = std::move(line);
    }
  } catch (const nlohmann::json::exception&) {
    m.result = std::nullopt;
  }
  return m;
}

double number_or_nan(const std::optional<nlohmann::json>& j, const char* key) {
  return j && j->contains(key) && (*j)[key].is_number() ? (*j)[key].get<double>() : NAN;
}

/// "solved", "not solved" or why there is no answer (the CPU limit, a crash).
std::string verdict(const Measured& m, double cpu_limit_s) {
  if (m.run.cpu_limit_hit) {
    return fmt::format("stopped at {:g} CPU s", cpu_limit_s);
  }
  if (!m.result) {
    return fmt::format("failed (exit {})", m.run.status);
  }
  return judged_solved(number_or_nan(m.result, "kkt_residual"), number_or_nan(m.result, "objective"),
                       std::nullopt)
             ? "yes"
             : "no";
}

std::vector<LargeProblem> large_problems(const LargeSetInputs& in, const std::filesystem::path& work) {
  std::vector<LargeProblem> problems;
  for (int grid = in.sizes.min_grid; grid <= in.sizes.max_grid; grid *= 2) {
    problems.push_back({fmt::format("pde-control N={}", grid),
                        {"--problem", "pde-control", "--N", std::to_string(grid)},
                        {}});
  }
  auto generate = [&](const char* name, const std::vector<int>& sizes) {
    for (int size : sizes) {
      const auto problem = nl::generated_problem(name, size);
      const auto file = work / (problem.name + ".nl");
      std::ofstream out(file);
      nl::write_nl(out, problem);
      if (!out) {
        throw InputError(file.string() + ": cannot write");
      }
      problems.push_back({file.filename().string(), {file.string()}, {}});
    }
  };
  generate("catenary", in.catenary_points);
  generate("chain", in.chain_links);
  std::vector<std::filesystem::path> files;
  if (!in.libsvm_dir.empty() && std::filesystem::is_directory(in.libsvm_dir)) {
    for (const auto& e : std::filesystem::directory_iterator(in.libsvm_dir)) {
      const auto name = e.path().filename().string();
      if (e.is_regular_file() && name.find("README") == std::string::npos &&
          name.find("COPYRIGHT") == std::string::npos) {
        files.push_back(e.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    problems.push_back({"logreg " + f.filename().string(),
                        {"--problem", "logreg", "--data", f.string()},
                        {"--seed", std::to_string(in.settings.seed)}});
  }
  return problems;
}

}  // namespace

std::vector<int> parse_sizes(const std::string& list, const std::string& option) {
  std::vector<int> sizes;
  std::size_t start = 0;
  while (start <= list.size() && !list.empty()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string item = list.substr(start, comma - start);
    if (item.empty() || item.size() > 8 || item.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(item) < 1) {
      throw UsageError(option + " must be a comma-separated list of positive integers, got '" + list + "'");
    }
    sizes.push_back(std::stoi(item));
    start = comma + 1;
  }
  return sizes;
}

void run_large_set(const LargeSetInputs& in, std::ostream& out) {
  const auto bin = std::filesystem::read_symlink("/proc/self/exe").parent_path();
  const auto nlp_app = bin / "adasolve-nlp";
  const auto peer_app = bin / "adasolve-ipopt-peer";
  if (!std::filesystem::exists(nlp_app)) {
    throw InputError(nlp_app.string() + ": not found (--large runs adasolve-nlp beside adasolve-bench)");
  }
  const bool peer = in.peer && std::filesystem::exists(peer_app);
  const auto work = std::filesystem::temp_directory_path() / fmt::format("adasolve-nlp-large-{}", ::getpid());
  std::filesystem::create_directories(work);
  std::vector<std::string> settings_args = app::setting_arguments(in.settings);
  for (const auto& a : app::setting_arguments(in.settings.sketch)) {
    settings_args.push_back(a);
  }

  out << fmt::format(
      "\nLarge problems (--large): each solver in a process of its own; seconds as each solver reports them, "
      "peak memory the process's ru_maxrss; a process is stopped after {:g} CPU s. adasolve-nlp settings: "
      "{}, options {}. Solved: KKT residual <= 1e-6; status is adasolve-nlp's own (at its tolerance)."
      "\n\n",
      in.sizes.cpu_limit_s,
      !in.settings_name.empty() ? in.settings_name
      : settings_args.empty()   ? std::string("the defaults")
                                : std::string("the defaults but for these options"),
      settings_args.empty() ? std::string("none") : fmt::format("{}", fmt::join(settings_args, " ")));
  if (in.settings.least_squares_multipliers != nlp::AdaSketchSettings{}.least_squares_multipliers) {
    out << "(lambda0 here is adasolve-nlp's default, least-squares multipliers: no option sets it)\n\n";
  }
  out << "| problem | n | m | status | KKT | solved | outer it. | seconds | peak MiB | Ipopt solved | "
         "Ipopt it. | Ipopt s | Ipopt peak MiB | seconds / Ipopt | memory / Ipopt | rel. diff f |\n"
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  int solved = 0, peer_solved = 0, status_solved = 0, stopped = 0, peer_stopped = 0;
  double worst_seconds = 0.0, worst_memory = 0.0;
  std::string worst_seconds_problem = "-", worst_memory_problem = "-";
  const auto problems = large_problems(in, work);
  for (const auto& p : problems) {
    std::vector<std::string> argv{nlp_app.string()};
    argv.insert(argv.end(), p.args.begin(), p.args.end());
    argv.insert(argv.end(), settings_args.begin(), settings_args.end());
    argv.insert(argv.end(), {"--format", "json"});
    const Measured a = run_solver(argv, in.sizes.cpu_limit_s);
    const std::string a_verdict = verdict(a, in.sizes.cpu_limit_s);
    solved += a_verdict == "yes" ? 1 : 0;
    status_solved += a.result && (*a.result)["status"] == "solved" ? 1 : 0;
    stopped += a.run.cpu_limit_hit ? 1 : 0;
    std::string peer_cols = "- | - | - | - | - | - | -";
    if (peer) {
      std::vector<std::string> pargv{peer_app.string()};
      pargv.insert(pargv.end(), p.args.begin(), p.args.end());
      pargv.insert(pargv.end(), p.peer_only_args.begin(), p.peer_only_args.end());
      const Measured b = run_solver(pargv, in.sizes.cpu_limit_s);
      const std::string b_verdict = verdict(b, in.sizes.cpu_limit_s);
      peer_solved += b_verdict == "yes" ? 1 : 0;
      peer_stopped += b.run.cpu_limit_hit ? 1 : 0;
      const double a_s = number_or_nan(a.result, "seconds"), b_s = number_or_nan(b.result, "seconds");
      const double fa = number_or_nan(a.result, "objective"), fb = number_or_nan(b.result, "objective");
      const bool both = a_verdict == "yes" && b_verdict == "yes";
      const double seconds_ratio = a_s / std::max(b_s, 1e-3),
                   memory_ratio = a.run.peak_rss_mib / b.run.peak_rss_mib;
      if (both && seconds_ratio > worst_seconds) {
        worst_seconds = seconds_ratio;
        worst_seconds_problem = p.name;
      }
      if (both && memory_ratio > worst_memory) {
        worst_memory = memory_ratio;
        worst_memory_problem = p.name;
      }
      peer_cols = fmt::format("{} | {} | {} | {:.0f} | {} | {} | {}", b_verdict,
                              b.result ? fmt::format("{}", (*b.result)["iterations"].get<int>()) : "-",
                              b.result ? fmt::format("{:.3f}", b_s) : "-", b.run.peak_rss_mib,
                              both ? fmt::format("{:.2f}", seconds_ratio) : "-",
                              both ? fmt::format("{:.2f}", memory_ratio) : "-",
                              both ? fmt::format("{:.1e}", std::abs(fa - fb) / (1.0 + std::abs(fb))) : "-");
    }
    out << fmt::format(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {:.0f} | {} |\n", p.name,
        a.result ? fmt::format("{}", (*a.result)["n"].get<long>()) : "-",
        a.result ? fmt::format("{}", (*a.result)["m"].get<long>()) : "-",
        a.result && (*a.result)["status"].is_string() ? (*a.result)["status"].get<std::string>() : "-",
        a.result ? fmt::format("{:.1e}", number_or_nan(a.result, "kkt_residual")) : "-", a_verdict,
        a.result ? fmt::format("{}", (*a.result)["outer_iterations"].get<int>()) : "-",
        a.result ? fmt::format("{:.3f}", number_or_nan(a.result, "seconds")) : "-", a.run.peak_rss_mib,
        peer_cols);
    out.flush();
  }
  std::filesystem::remove_all(work);
  out << fmt::format(
      "\nlarge set: {} distinct problems, solved {} (status solved {}, stopped at the CPU limit {})",
      problems.size(), solved, status_solved, stopped);
  if (peer) {
    out << fmt::format(
        "; Ipopt solved {} (stopped at the CPU limit {}); solved by both: worst seconds / Ipopt {:.2f} ({}), "
        "worst memory / "
        "Ipopt {:.2f} ({})",
        peer_solved, peer_stopped, worst_seconds, worst_seconds_problem, worst_memory, worst_memory_problem);
  }
  out << "\n";
}

}  // namespace adasolve::bench::nlp_bench
