// adasolve-bench nlp-set: every built-in problem and every accepted .nl file of the shared folder, solved
// by AdaSketch-Newton and by Ipopt (same problem, same start point, same run), judged alike (issue 6).
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>

#include "adasolve/core/error.hpp"
#include "adasolve/nlp/nl_file.hpp"
#include "adasolve/nlp/problems.hpp"
#include "bench/benchmark_registry.hpp"
#include "bench/nlp/nlp_bench_common.hpp"
#include "bench/nlp/nlp_large.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"

namespace adasolve::bench {

namespace {

using nlp_bench::judged_solved;

/// Known optima of the shared .nl files (nlp/nl/README.md; alsketch.md §6a corrects BT3 and GENHS28;
/// BT4 has several local minima; CATENARY and CH3 have none known).
std::optional<nlp::KnownOptimum> nl_optimum(const std::string& name) {
  static const std::map<std::string, nlp::KnownOptimum> known{{"bt1", {-1.0, true}},
                                                              {"bt2", {0.032568200, true}},
                                                              {"bt2.pyomo", {0.032568200, true}},
                                                              {"bt3", {176.0 / 43.0, true}},
                                                              {"bt4", {-45.510551, false}},
                                                              {"bt5", {961.71517219, true}},
                                                              {"bt6", {0.277044924, true}},
                                                              {"byrdsphr", {-4.68330049, true}},
                                                              {"genhs28", {0.92717369, true}},
                                                              {"hs006", {0.0, true}},
                                                              {"hs007", {-std::sqrt(3.0), true}},
                                                              {"hs026", {0.0, true}},
                                                              {"hs027", {0.04, true}},
                                                              {"hs028", {0.0, true}},
                                                              {"hs039", {-1.0, true}},
                                                              {"hs040", {-0.25, true}},
                                                              {"hs046", {0.0, true}},
                                                              {"hs047", {0.0, true}},
                                                              {"hs048", {0.0, true}},
                                                              {"hs049", {0.0, true}},
                                                              {"hs050", {0.0, true}},
                                                              {"hs051", {0.0, true}},
                                                              {"hs052", {1859.0 / 349.0, true}},
                                                              {"hs061", {-143.6461422, true}},
                                                              {"hs061.pyomo", {-143.6461422, true}},
                                                              {"maratos", {-1.0, true}},
                                                              {"orthregb", {0.0, true}}};
  const auto it = known.find(name);
  return it == known.end() ? std::nullopt : std::optional(it->second);
}

/// Outer iterations of AdaSketch-Newton-GV in the authors' result files (alsketch.md §5.2, tol 1e-4).
std::string paper_iterations(std::string name) {
  static const std::map<std::string, int> gv{
      {"HS6", 9},      {"HS7", 10}, {"HS28", 1}, {"HS40", 3}, {"HS42", 4}, {"HS47", 14},   {"HS48", 1},
      {"HS50", 8},     {"HS51", 1}, {"HS52", 2}, {"HS56", 5}, {"HS77", 8}, {"HS78", 4},    {"HS79", 4},
      {"HS100LNP", 9}, {"BT2", 12}, {"BT3", 1},  {"BT5", 5},  {"BT6", 9},  {"GENHS28", 1}, {"ORTHREGB", 42}};
  for (auto& ch : name) {
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  if (name.rfind("HS0", 0) == 0) {
    name = "HS" + name.substr(3);
  }
  if (const auto dot = name.find('.'); dot != std::string::npos) {
    name.resize(dot);
  }
  const auto it = gv.find(name);
  return it == gv.end() ? "-" : std::to_string(it->second);
}

/// One name per distinct problem: "hs006.nl" and "HS6" are HS6, "bt2.pyomo.nl" is BT2.
std::string distinct_name(std::string name) {
  for (const char* suffix : {".nl", ".pyomo"}) {
    const std::string s(suffix);
    if (name.size() > s.size() && name.substr(name.size() - s.size()) == s) {
      name.resize(name.size() - s.size());
    }
  }
  for (auto& ch : name) {
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  if (name.rfind("HS", 0) == 0) {
    const auto digits = name.find_first_not_of('0', 2);
    name = "HS" + (digits == std::string::npos ? std::string("0") : name.substr(digits));
  }
  return name;
}

std::string fmt_error(double f, std::optional<nlp::KnownOptimum> opt) {
  if (!opt || !opt->unique || !std::isfinite(f)) {
    return "-";
  }
  return fmt::format("{:.1e}", std::abs(f - opt->value));
}

int run_nlp_set(int argc, char** argv) {
  std::string nl_dir = nlp_bench::shared_data_dir() + "/nlp/nl";
  std::string libsvm_dir = nlp_bench::shared_data_dir() + "/libsvm", catenary_points = "330,660,1320,2640";
  std::string chain_links = "250,500,1000";
  bool no_peer = false, paper = false, large = false, large_only = false;
  nlp_bench::LargeSetSettings large_sizes;
  app::po::options_description opts("nlp-set options");
  opts.add_options()("nl-dir", app::po::value(&nl_dir)->default_value(nl_dir), "folder of .nl files")(
      "paper", app::po::bool_switch(&paper),
      "the paper's settings: --inner sketch --sketch gaussian --accuracy paper --singular stop "
      "--hessian-shift paper --scaling none --merit-update paper, no second-order correction, no "
      "step-length bound and no watchdog, lambda0 = 0 (not in --large: adasolve-nlp has no option for it), "
      "delta0 0.1, tol 1e-4")("no-peer", app::po::bool_switch(&no_peer), "skip Ipopt")(
      "large", app::po::bool_switch(&large),
      "add the problems that scale, each solver in a child process with its peak memory: PDE control "
      "N = 64 ... --large-max-n, catenary and chain .nl files from the generator, logistic regression on "
      "every LIBSVM file")("large-only", app::po::bool_switch(&large_only),
                           "--large without the small problems")(
      "large-catenary", app::po::value(&catenary_points)->default_value(catenary_points),
      "--large: interior points of the generated catenary problems (comma-separated; n = 3N + 1)")(
      "large-chain", app::po::value(&chain_links)->default_value(chain_links),
      "--large: links of the generated hanging-chain problems (comma-separated; n = 2N - 2)")(
      "libsvm-dir", app::po::value(&libsvm_dir)->default_value(libsvm_dir),
      "--large: folder of LIBSVM files (all samples)");
  app::add_setting_options(opts, large_sizes);
  nlp::AdaSketchSettings settings;
  // The settings a benchmark run varies; the rest keep adasolve-nlp's defaults.
  const std::vector<std::string> varied{"delta0",   "stop.max_iters",      "inner",    "accuracy",
                                        "scaling",  "merit_update",        "singular", "hessian_shift",
                                        "watchdog", "auto_direct_max_rows"};
  app::add_setting_options(opts, settings, varied);
  app::add_setting_options(opts, settings.sketch, {"sketch"});
  static const std::vector<app::DeprecatedOption> renamed{{"max-outer", "stop.max-iters"}};
  const auto parsed = app::parse_options(argc, argv, opts, nullptr, renamed);
  if (parsed.help) {
    app::print_help("adasolve-bench nlp-set [options]", "Built-in problems and accepted .nl files vs Ipopt.",
                    opts);
    return 0;
  }
  app::read_setting_options(parsed.values, settings, varied);
  app::read_setting_options(parsed.values, settings.sketch, {"sketch"});
  app::read_setting_options(parsed.values, large_sizes);
  if (paper) {
    settings.inner = nlp::InnerSolver::sketch;
    settings.sketch.kind = nlp::SketchKind::gaussian;
    settings.accuracy = nlp::AccuracyRule::paper;
    settings.singular_policy = nlp::SingularPolicy::stop;
    settings.minimal_hessian_shift = false;
    settings.scaling = nlp::ScalingRule::none;
    settings.merit_update = nlp::MeritUpdate::paper;
    settings.least_squares_multipliers = false;
    settings.kkt_tol = 1e-4;
    settings.delta0 = 0.1;
    settings.second_order_correction = false;
    settings.max_step_ratio = 0.0;
    settings.watchdog = 0;
  }
  const nlp_bench::LargeSetInputs large_set{
      settings,
      paper ? "the paper's (--paper; its sketch is the default, gaussian)" : "",
      large_sizes,
      nlp_bench::parse_sizes(catenary_points, "--large-catenary"),
      nlp_bench::parse_sizes(chain_links, "--large-chain"),
      libsvm_dir,
      !no_peer};
  if (large_only) {
    nlp_bench::run_large_set(large_set, std::cout);
    return 0;
  }

  struct Entry {
    std::string name, peer_args;
    std::unique_ptr<nlp::NlpProblem> problem;
    std::optional<nlp::KnownOptimum> optimum;
  };
  std::vector<Entry> entries;
  for (const auto& name : nlp::builtin_problem_names()) {
    auto p = nlp::make_builtin_problem(name);
    auto opt = p->known_optimum();
    entries.push_back({name, "--problem " + name, std::move(p), opt});
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(nl_dir)) {
    if (e.path().extension() == ".nl") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  int rejected = 0;
  for (const auto& f : files) {
    try {
      auto p = nlp::load_nl_problem(f.string());
      const std::string name = f.stem().string();
      entries.push_back({name + ".nl", fmt::format("'{}'", f.string()), std::move(p), nl_optimum(name)});
    } catch (const InputError&) {
      ++rejected;  // inequalities, bounds, integers or maximize: not this solver's class (the CLI tests cover
                   // them)
    }
  }

  std::cout << fmt::format(
      "AdaSketch-Newton (inner {}, sketch {}, accuracy {}, scaling {}, merit update {}, tol {:g}; judged "
      "at KKT 1e-6) vs Ipopt 3.11 (tol 1e-8), {} problems ({} .nl files rejected as not equality-only)\n\n",
      nlp::to_string(settings.inner), nlp::to_string(settings.sketch.kind), nlp::to_string(settings.accuracy),
      nlp::to_string(settings.scaling), nlp::to_string(settings.merit_update), settings.kkt_tol,
      entries.size(), rejected);
  std::cout << "| problem | n | m | status | solved | abs(f - f*) | outer it. | paper GV it. | sketch steps "
               "| seconds | "
               "Ipopt solved | Ipopt it. | Ipopt abs(f - f*) | Ipopt s "
               "|\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  int solved = 0, peer_solved = 0, peer_runs = 0;
  std::vector<double> iterations;
  // #17's targets, over the .nl problems solved by both: outer iterations / Ipopt's, and seconds / Ipopt's
  // where n >= 100; distinct problems counted once (hs006.nl is HS6, bt2.pyomo.nl is bt2.nl).
  std::map<std::string, bool> distinct;  // problem -> solved in some copy
  double worst_iteration_ratio = 0.0, worst_seconds_ratio = 0.0;
  std::string worst_iteration_problem = "-", worst_seconds_problem = "-";
  std::vector<double> both_iterations;
  int nl_peer_only = 0;
  for (auto& e : entries) {
    const nlp::NlpResult r = nlp::AdaSketchNewton(settings).solve(*e.problem);
    const bool ok = judged_solved(r.kkt_residual, r.objective, e.optimum);
    solved += ok ? 1 : 0;
    if (ok) {
      iterations.push_back(r.outer_iterations);
    }
    std::string peer_cols = "- | - | - | -";
    if (!no_peer) {
      if (const auto peer = nlp_bench::run_ipopt_peer(e.peer_args)) {
        ++peer_runs;
        const bool has = (*peer)["kkt_residual"].is_number();
        const double pk = has ? (*peer)["kkt_residual"].get<double>() : NAN;
        const double pf = has ? (*peer)["objective"].get<double>() : NAN;
        const bool pok = has && judged_solved(pk, pf, e.optimum);
        peer_solved += pok ? 1 : 0;
        const int pit = (*peer)["iterations"].get<int>();
        const double psec = (*peer)["seconds"].get<double>();
        peer_cols =
            fmt::format("{} | {} | {} | {:.3f}", pok ? "yes" : "no", pit, fmt_error(pf, e.optimum), psec);
        const bool is_nl = e.name.size() > 3 && e.name.substr(e.name.size() - 3) == ".nl";
        if (is_nl && pok && ok) {
          both_iterations.push_back(r.outer_iterations);
          const double ir = r.outer_iterations / std::max(1.0, static_cast<double>(pit));
          if (ir > worst_iteration_ratio) {
            worst_iteration_ratio = ir;
            worst_iteration_problem = e.name;
          }
          if (e.problem->num_variables() >= 100 && r.seconds / std::max(psec, 1e-3) > worst_seconds_ratio) {
            worst_seconds_ratio = r.seconds / std::max(psec, 1e-3);
            worst_seconds_problem = e.name;
          }
        }
        nl_peer_only += is_nl && pok && !ok ? 1 : 0;
      }
    }
    distinct[distinct_name(e.name)] = distinct[distinct_name(e.name)] || ok;
    std::cout << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.3f} | {} |\n", e.name,
                             e.problem->num_variables(), e.problem->num_constraints(),
                             nlp::to_string(r.status), ok ? "yes" : "no", fmt_error(r.objective, e.optimum),
                             r.outer_iterations, paper_iterations(e.name), r.sketch_steps, r.seconds,
                             peer_cols);
    std::cout.flush();
  }
  std::cout << fmt::format(
      "\nsolved {}/{} ({:.1f}%), median outer iterations of the solved {}; Ipopt solved {}/{}\n", solved,
      entries.size(), 100.0 * solved / static_cast<double>(entries.size()), nlp_bench::median(iterations),
      peer_solved, peer_runs);
  const auto distinct_solved = std::ranges::count_if(distinct, [](const auto& d) { return d.second; });
  std::cout << fmt::format("distinct problems: {} solved of {}\n", distinct_solved, distinct.size());
  if (!no_peer) {
    std::cout << fmt::format(
        ".nl problems solved by both: {}, median outer iterations {}, worst outer / Ipopt iterations {:.2f} "
        "({}), worst seconds / Ipopt seconds with n >= 100 {:.1f} ({}); .nl problems Ipopt solves and "
        "AdaSketch-Newton does not: {}\n",
        both_iterations.size(), nlp_bench::median(both_iterations), worst_iteration_ratio,
        worst_iteration_problem, worst_seconds_ratio, worst_seconds_problem, nl_peer_only);
  }
  if (large) {
    nlp_bench::run_large_set(large_set, std::cout);
  }
  return 0;
}

const Registration registration{"nlp-set", "AdaSketch-Newton on the HS set and the .nl files, beside Ipopt",
                                &run_nlp_set};

}  // namespace

}  // namespace adasolve::bench
