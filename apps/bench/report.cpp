// adasolve-bench report: runs the benchmarks of report_entries.cpp as subprocesses (adasolve-bench <name>
// ..., adasolve-dcdm bench ...) and rewrites each one's block in its page under docs/results: a header
// (command, machine, date, load average before and after, run time) and the benchmark's printed output as
// markdown (report_markdown.hpp). The text of a page outside its block is left alone. --check validates pages
// instead.
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "bench/benchmark_registry.hpp"
#include "bench/report_entries.hpp"
#include "bench/report_markdown.hpp"
#include "common/atomic_file.hpp"
#include "common/options.hpp"
#include "common/shell_command.hpp"

namespace adasolve::bench::report {

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string first_line_with(const fs::path& file, const std::string& key) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key, 0) == 0) {
      const auto colon = line.find(':');
      return colon == std::string::npos ? "" : line.substr(line.find_first_not_of(" \t", colon + 1));
    }
  }
  return "";
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  double one = 0.0;
  return in >> one ? fmt::format("{:.2f}", one) : "unknown";
}

std::string machine() {
  const std::string cpu = first_line_with("/proc/cpuinfo", "model name");
  const std::string memory = first_line_with("/proc/meminfo", "MemTotal");  // "24563232 kB"
  const double gib = memory.empty() ? 0.0 : std::stod(memory) / (1024.0 * 1024.0);
  return fmt::format("{}, {} cores, {:.0f} GiB", cpu.empty() ? "unknown CPU" : cpu,
                     std::thread::hardware_concurrency(), gib);
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%d %H:%M UTC", &tm);
  return text.data();
}

fs::path own_directory() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path(".") : self.parent_path();
}

int check_folder(const fs::path& folder) {
  if (!fs::is_directory(folder)) {
    throw InputError(folder.string() + ": no such folder");
  }
  int problems = 0, pages = 0;
  for (const auto& item : fs::directory_iterator(folder)) {
    if (item.path().extension() != ".md" || item.path().filename() == "README.md") {
      continue;
    }
    ++pages;
    for (const auto& problem : check_page(read_text(item.path()))) {
      std::cout << item.path().string() << ": " << problem << "\n";
      ++problems;
    }
  }
  std::cout << fmt::format("{} page(s) checked, {} problem(s)\n", pages, problems);
  return problems == 0 ? 0 : 1;
}

std::string format_seconds(double s) {
  return s < 120 ? fmt::format("{:.0f} s", s) : fmt::format("{:.0f} min", s / 60.0);
}

int run_report(int argc, char** argv) {
  bool quick = false, tiny = false, list = false;
  std::string only, out = "docs/results", check;
  app::po::options_description options("report options");
  options.add_options()("quick", app::po::bool_switch(&quick),
                        "smaller sizes and fewer trials: under 10 minutes on 2 cores")(
      "tiny", app::po::bool_switch(&tiny), "seconds in all (the CI test of the report)")(
      "only", app::po::value(&only), "only these entries, comma-separated (--list shows them)")(
      "out", app::po::value(&out)->default_value(out), "the results folder whose pages are rewritten")(
      "list", app::po::bool_switch(&list), "print the entries, their commands and run times, and exit")(
      "check", app::po::value(&check),
      "check the pages of this folder instead (tables parse, a command line)");
  const auto parsed = app::parse_options(argc, argv, options);
  if (parsed.help) {
    app::print_help(
        "adasolve-bench report [--quick | --tiny] [--only NAME,...] [--out docs/results]",
        "Runs the benchmarks and rewrites their blocks in the pages under docs/results (run it from\n"
        "the repository root, or pass --out). Without --quick or --tiny: the full mode, the pages' own\n"
        "commands except the hours-long ones, which keep their commands in their pages.\n"
        "Exit 0, 1 if a benchmark failed or a page does not check, 2 bad input.",
        options);
    return 0;
  }
  if (!check.empty()) {
    return check_folder(check);
  }
  if (quick && tiny) {
    throw UsageError("--quick and --tiny exclude each other");
  }
  const Mode mode = tiny ? Mode::tiny : quick ? Mode::quick : Mode::full;
  std::vector<const Entry*> chosen;
  const auto names = app::split_comma_list(only);
  for (const auto& name : names) {
    bool known = false;
    for (const auto& e : entries()) {
      known = known || e.name == name;
    }
    if (!known) {
      std::vector<std::string> all;
      for (const auto& e : entries()) {
        all.push_back(e.name);
      }
      throw UsageError(fmt::format("--only: unknown entry '{}' ({})", name, fmt::join(all, ", ")));
    }
  }
  double estimate = 0.0;
  for (const auto& e : entries()) {
    const bool wanted = names.empty() || std::find(names.begin(), names.end(), e.name) != names.end();
    if (wanted && !e.arguments(mode).empty()) {
      chosen.push_back(&e);
      estimate += mode == Mode::quick ? e.quick_seconds : mode == Mode::full ? e.full_seconds : 0;
    }
  }
  if (list) {
    for (const auto& e : entries()) {
      for (const Mode m : {Mode::tiny, Mode::quick, Mode::full}) {
        const auto& args = e.arguments(m);
        const int seconds = m == Mode::quick ? e.quick_seconds : m == Mode::full ? e.full_seconds : 0;
        std::cout << fmt::format("{:<14} {:<6} {:>8}  {}\n", e.name, mode_name(m),
                                 args.empty()  ? "-"
                                 : seconds > 0 ? format_seconds(seconds)
                                               : "seconds",
                                 args.empty() ? "(not run: see its page)"
                                              : e.program + " " + fmt::format("{}", fmt::join(args, " ")));
      }
    }
    return 0;
  }
  const fs::path folder(out);
  if (!fs::is_directory(folder)) {
    throw InputError(out + ": no such folder (run from the repository root, or pass --out)");
  }
  if (chosen.empty()) {
    throw UsageError("report: nothing to run in " + mode_name(mode) + " mode for --only " + only);
  }
  std::cout << fmt::format(
      "{} mode: {} benchmark(s){}\n", mode_name(mode), chosen.size(),
      estimate > 0 ? fmt::format(", about {} on the 2-core development VM", format_seconds(estimate))
                   : std::string());
  const fs::path bin = own_directory();
  const auto start = std::chrono::steady_clock::now();
  int failures = 0;
  for (const Entry* e : chosen) {
    const fs::path program = bin / e->program;
    if (!fs::exists(program)) {
      std::cout << fmt::format("{}: skipped ({} is not built)\n", e->name, program.string());
      continue;
    }
    std::string arguments;
    for (const auto& a : e->arguments(mode)) {
      arguments += fmt::format(" {}", app::shell_quote(a));
    }
    const std::string load_before = load_average();
    const std::string date = utc_now();
    const auto begin = std::chrono::steady_clock::now();
    std::cout << fmt::format("{}: {}{} ...", e->name, e->program, arguments) << std::flush;
    const app::CommandRun run = app::run_command(app::shell_quote(program.string()) + arguments);
    const double seconds = seconds_since(begin);
    std::cout << fmt::format(" {:.1f} s\n", seconds);
    if (run.status != 0) {
      std::cout << fmt::format("{}: failed with exit status {}; its page is left as it was\n", e->name,
                               run.status);
      ++failures;
      continue;
    }
    std::string block = fmt::format("### {} ({} mode)\n\n```sh\n{}{}\n```\n\n", e->name, mode_name(mode),
                                    e->program, arguments);
    block += fmt::format(
        "Machine: {}; load average {} before, {} after. Date: {}. Run time {:.1f} s. Written by "
        "`adasolve-bench report{}`.\n\n",
        machine(), load_before, load_average(), date, seconds,
        mode == Mode::full ? std::string() : fmt::format(" --{}", mode_name(mode)));
    block += render_output(run.output);
    const fs::path page = folder / e->page;
    const std::string old =
        fs::exists(page)
            ? read_text(page)
            : fmt::format("# {}\n\nMachine and conventions: see [README.md](README.md).\n", e->title);
    const std::string updated = replace_block(old, e->name, block);
    const auto problems = check_page(updated);
    if (!problems.empty()) {
      std::cout << fmt::format("{}: the new page does not check ({}); left as it was\n", e->name,
                               problems.front());
      ++failures;
      continue;
    }
    app::write_file_atomically(page, updated);
  }
  const double total = seconds_since(start);
  std::cout << fmt::format("{} mode done in {}; {} failure(s)\n", mode_name(mode), format_seconds(total),
                           failures);
  return failures == 0 ? 0 : 1;
}

const Registration registration{"report", "run the benchmarks and rewrite their tables under docs/results",
                                &run_report};

}  // namespace

}  // namespace adasolve::bench::report
