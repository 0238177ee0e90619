// adasolve-dcdm bench: DCDM (shipped model), its two-grid variant and the baselines on the full cube and the
// obstacle domains, to 1e-4 and 1e-6 relative residual (Gaussian right-hand side), plus the cost of one
// network application against one SpMV and against the machine's own oneDNN convolution rate.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "adasolve/core/error.hpp"
#include "adasolve/pde/poisson.hpp"
#include "common/json_lines.hpp"
#include "common/options.hpp"
#include "common/progress_bar.hpp"
#include "common/settings_options.hpp"
#include "dcdm/bench_methods.hpp"
#include "dcdm/commands.hpp"
#include "dcdm/model.hpp"
#include "dcdm/multigrid.hpp"
#include "dcdm/torch_threads.hpp"

namespace adasolve::dcdm_app {

namespace {

using app::po::value;
using Clock = std::chrono::steady_clock;

template <typename F>
double median_seconds(int repeats, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < repeats; ++i) {
    const auto start = Clock::now();
    f();
    t.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

struct NetworkCost {
  int grid = 0;
  double network_seconds = 0.0;   ///< one application through oneDNN (median)
  double default_seconds = -1.0;  ///< one application through ATen's default dispatch (-1: not measured)
  double spmv_seconds = 0.0;      ///< one CSR SpMV of the cube matrix (median)
  double network_gflops = 0.0;
  double convolution_gflops = 0.0;  ///< a single 16 -> 16 oneDNN convolution at this grid
};

NetworkCost measure_network_cost(const dcdm::Network& net, int n, bool default_dispatch) {
  NetworkCost c;
  c.grid = n;
  const pde::GridShape shape{n, n, n};
  std::vector<float> in(static_cast<std::size_t>(shape.cells())), out(in.size());
  std::mt19937 rng(1);
  std::normal_distribution<float> normal;
  for (auto& v : in) {
    v = normal(rng);
  }
  const int repeats = n >= 128 ? 1 : 3;
  net.apply(shape, in, out);  // warm-up (oneDNN primitive creation)
  c.network_seconds = median_seconds(repeats, [&] { net.apply(shape, in, out); });
  if (default_dispatch) {
    c.default_seconds =
        median_seconds(1, [&] { net.apply(shape, in, out, dcdm::ConvolutionPath::aten_default); });
  }
  const CsrMatrix a = pde::poisson_3d({n, n, n}).matrix;
  std::vector<double> x(in.begin(), in.end()), y(x.size());
  c.spmv_seconds = median_seconds(n >= 128 ? 5 : 20, [&] { a.multiply(x, y); });
  c.network_gflops = net.spec().flops(shape.cells()) / c.network_seconds / 1e9;
  c.convolution_gflops = dcdm::measure_convolution_gflops(n, net.spec().channels, repeats);
  return c;
}

std::string iterations_text(const std::optional<int>& it, const MethodResult& r) {
  if (it) {
    return std::to_string(*it);
  }
  return r.note == "direct" ? "direct" : "-";
}

nlohmann::json iterations_json(const std::optional<int>& it) {
  return it ? nlohmann::json(*it) : nlohmann::json();
}

}  // namespace

int run_bench(int argc, char** argv) {
  std::string grids_text = "32,64,128", domains_text = "cube,sphere,boxes,blob", format = "table";
  std::string methods_text, coarse_solves_text = "network";
  std::string model = default_model_path().string();
  TorchThreads torch;
  bool with_direct = false;
  bool no_network_cost = false;
  BenchContext context;
  app::po::options_description options("adasolve-dcdm bench");
  options.add_options()("grids", value(&grids_text)->default_value(grids_text),
                        "grid edges N (N^3 problems), comma-separated")(
      "domains", value(&domains_text)->default_value(domains_text),
      "cube, sphere, boxes, blob (comma-separated)")(
      "methods", value(&methods_text),
      "only these methods, comma-separated (default: all of dcdm, dcdm-twogrid, dcdm-multigrid, cg, ic0-pcg, "
      "deflated-pcg, "
      "gamg, boomeramg, and cholmod where it runs)")("model", value(&model)->default_value(model),
                                                     "network weights for dcdm and the variants")(
      "coarse-solve", value(&coarse_solves_text)->default_value(coarse_solves_text),
      "dcdm-multigrid's coarsest solve, comma-separated, one row each: network, cholmod (exact), ic0 (one "
      "IC(0) application); rows other than network are named dcdm-multigrid:<solve>")(
      "no-network-cost", app::po::bool_switch(&no_network_cost), "skip the network-cost table")(
      "with-direct", app::po::bool_switch(&with_direct), "also run CHOLMOD above 32^3 (minutes at 64^3)")(
      "format", value(&format)->default_value(format), "table or json (one object per line)");
  MultigridCoarsening coarsening;
  app::add_setting_options(options, coarsening);
  app::add_setting_options(options, context);
  app::add_setting_options(options, torch);
  static const std::vector<app::DeprecatedOption> renamed{{"dcdm-max-iters", "dcdm.max-iters"},
                                                          {"max-iters", "stop.max-iters"}};
  const auto parsed = app::parse_options(argc, argv, options, nullptr, renamed);
  app::read_setting_options(parsed.values, coarsening);
  app::read_setting_options(parsed.values, context);
  context.coarsest = coarsening.coarsest;
  app::read_setting_options(parsed.values, torch);
  if (parsed.help) {
    app::print_help(
        "adasolve-dcdm bench [--grids 32,64] [--domains cube,sphere] [--format json]",
        "Iterations to 1e-4 and 1e-6 relative residual and seconds to 1e-6 (setup included) for\n"
        "DCDM with the shipped model, its two-grid and multigrid variants (dcdm-twogrid, dcdm-multigrid), "
        "CG,\n"
        "IC(0)-PCG, deflated PCG, PETSc CG + GAMG / BoomerAMG and CHOLMOD\n"
        "(32^3; larger with --with-direct), Gaussian right-hand side (seed 1); then the cost of one\n"
        "network application against one SpMV and the oneDNN convolution rate, measured now.",
        options);
    return 0;
  }
  if (format != "table" && format != "json") {
    throw UsageError("--format must be table or json, got '" + format + "'");
  }
  std::vector<int> grids;
  for (const auto& g : app::split_comma_list(grids_text)) {
    int n = 0;
    try {
      n = std::stoi(g);
    } catch (const std::exception&) {
      throw UsageError("--grids: '" + g + "' is not a number");
    }
    if (n < 4 || n % 4 != 0) {
      throw UsageError(
          "--grids: every grid must be a multiple of 4 (the two-grid variant coarsens once and the "
          "network pools once), got " +
          g);
    }
    grids.push_back(n);
  }
  const auto multigrid_coarse_solves = app::split_comma_list(coarse_solves_text);
  if (multigrid_coarse_solves.empty()) {
    throw UsageError("--coarse-solve: give at least one of network, cholmod, ic0");
  }
  for (const auto& c : multigrid_coarse_solves) {
    check_coarse_solve("--coarse-solve", c);
  }
  const auto domains = app::split_comma_list(domains_text);
  for (const auto& d : domains) {
    if (d != "cube" && d != "sphere" && d != "boxes" && d != "blob") {
      throw UsageError("--domains: unknown domain '" + d + "' (cube, sphere, boxes, blob)");
    }
  }
  std::vector<std::string> known = iterative_methods();
  known.push_back("cholmod");
  const auto chosen = app::split_comma_list(methods_text);
  for (const auto& m : chosen) {
    if (std::find(known.begin(), known.end(), m) == known.end()) {
      throw UsageError("--methods: unknown method '" + m + "' (" + fmt::format("{}", fmt::join(known, ", ")) +
                       ")");
    }
  }
  const auto selected = [&](const std::string& m) {
    return chosen.empty() || std::find(chosen.begin(), chosen.end(), m) != chosen.end();
  };
  dcdm::set_torch_threads(torch.threads);
  context.network = load_model(model);
  const PetscScope petsc;
  const bool json = format == "json";
  app::ProgressBar progress("adasolve-dcdm bench", std::nullopt);  // drawn only when stderr is a terminal

  if (!json) {
    std::cout << fmt::format(
        "model {} ({}), {} torch thread(s); Gaussian rhs, seed 1; seconds include setup\n", model,
        context.network->spec().describe(), dcdm::torch_threads());
    std::cout << (have_petsc()
                      ? "gamg / boomeramg: PETSc CG + GAMG / CG + BoomerAMG (hypre), our stopping rule\n\n"
                      : "gamg / boomeramg: not in this build (configured without the PETSc backend)\n\n");
    std::cout << fmt::format("{:<7} {:>5} {:<22} {:>8} {:>8} {:>10} {:>9}  {}\n", "domain", "grid", "method",
                             "it 1e-4", "it 1e-6", "s to 1e-6", "setup s", "note");
  }
  for (const int n : grids) {
    for (const auto& domain : domains) {
      const Problem problem = generated_problem(domain, n, "gaussian", 1);
      std::vector<std::string> methods = iterative_methods();
      if (n <= 32 || with_direct) {
        methods.push_back("cholmod");
      }
      std::vector<std::pair<std::string, std::string>> runs;  // (method, coarse solve of dcdm-multigrid)
      for (const auto& method : methods) {
        if (method == "dcdm-multigrid") {
          for (const auto& c : multigrid_coarse_solves) {
            runs.emplace_back(method, c);
          }
        } else {
          runs.emplace_back(method, "network");
        }
      }
      for (const auto& [method, coarse_solve] : runs) {
        if (!selected(method)) {
          continue;
        }
        context.coarse_solve = coarse_solve;
        progress.status(fmt::format("{} {}^3: {} ...", domain, n, method));
        const MethodResult r =
            method == "cholmod" ? run_cholmod(problem) : run_iterative(method, problem, context);
        progress.finish();
        if (json) {
          // Schema: docs/schema/adasolve-dcdm/bench-row.json (null: the tolerance was not reached).
          app::write_json_line(
              std::cout, "adasolve-dcdm/bench-row",
              {{"domain", domain},
               {"grid", n},
               {"method", r.method},
               {"unknowns", problem.matrix->rows()},
               {"iterations_1e-4", iterations_json(r.iterations_1e4)},
               {"iterations_1e-6", iterations_json(r.iterations_1e6)},
               {"seconds_1e-6", r.converged ? nlohmann::json(r.seconds()) : nlohmann::json()},
               {"setup_seconds", r.setup_seconds},
               {"note", r.note}});
        } else {
          std::cout << fmt::format(
                           "{:<7} {:>5} {:<22} {:>8} {:>8} {:>10} {:>9.3f}  {}\n", domain, n, r.method,
                           iterations_text(r.iterations_1e4, r), iterations_text(r.iterations_1e6, r),
                           r.converged ? fmt::format("{:.3f}", r.seconds()) : "-", r.setup_seconds, r.note)
                    << std::flush;
        }
      }
    }
  }

  if (no_network_cost) {
    return 0;
  }
  if (!json) {
    std::cout << "\nnetwork application (" << context.network->spec().describe()
              << ") vs one CSR SpMV and vs this machine's oneDNN 16->16 convolution rate:\n";
    std::cout << fmt::format("{:>5} {:>11} {:>12} {:>9} {:>11} {:>11} {:>11} {:>14}\n", "grid", "network s",
                             "default s", "SpMV ms", "net/SpMV", "net GF/s", "conv GF/s", "net/conv rate");
  }
  for (const int n : grids) {
    const NetworkCost c = measure_network_cost(*context.network, n, n <= 64);
    const double ratio = c.network_gflops / c.convolution_gflops;
    if (json) {
      // Schema: docs/schema/adasolve-dcdm/network-cost.json.
      app::write_json_line(std::cout, "adasolve-dcdm/network-cost",
                           {{"kind", "network_cost"},
                            {"grid", n},
                            {"network_seconds", c.network_seconds},
                            {"default_dispatch_seconds",
                             c.default_seconds >= 0 ? nlohmann::json(c.default_seconds) : nlohmann::json()},
                            {"spmv_seconds", c.spmv_seconds},
                            {"network_per_spmv", app::json_number(c.network_seconds / c.spmv_seconds)},
                            {"network_gflops", app::json_number(c.network_gflops)},
                            {"convolution_gflops", app::json_number(c.convolution_gflops)},
                            {"fraction_of_convolution_rate", app::json_number(ratio)}});
    } else {
      std::cout << fmt::format(
          "{:>5} {:>11.4f} {:>12} {:>9.3f} {:>11.0f} {:>11.1f} {:>11.1f} {:>13.0f}%\n", n, c.network_seconds,
          c.default_seconds >= 0 ? fmt::format("{:.4f}", c.default_seconds) : "-", c.spmv_seconds * 1e3,
          c.network_seconds / c.spmv_seconds, c.network_gflops, c.convolution_gflops, 100.0 * ratio);
    }
  }
  return 0;
}

}  // namespace adasolve::dcdm_app
