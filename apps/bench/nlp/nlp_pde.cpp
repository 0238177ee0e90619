// adasolve-bench nlp-pde: Poisson source control (alsketch.md §5.4) at several N, the sketched solver against
// the direct KKT solve (--inner direct), with the default and the paper's accuracy condition, and uniform
// Kaczmarz (the authors' RK) at the sizes where it finishes.
#include <fmt/format.h>

#include <iostream>
#include <sstream>

#include "adasolve/nlp/problems.hpp"
#include "bench/benchmark_registry.hpp"
#include "bench/nlp/nlp_bench_common.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"

namespace adasolve::bench {

namespace {

std::vector<int> parse_list(const std::string& s) {
  std::vector<int> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    out.push_back(std::stoi(item));
  }
  return out;
}

/// The caps nlp-pde sets on two of its configurations.
struct NlpPdeSettings {
  long paper_max_steps = 2000;
  int kaczmarz_max_outer = 200;
  static std::span<const SettingField<NlpPdeSettings>> fields() {
    static const SettingField<NlpPdeSettings> described[] = {
        {"paper_max_steps", &NlpPdeSettings::paper_max_steps,
         "sketch-step cap per KKT solve under the paper's accuracy condition", SettingRange::at_least(1.0)},
        {"kaczmarz_max_outer", &NlpPdeSettings::kaczmarz_max_outer, "outer cap for Kaczmarz",
         SettingRange::at_least(0.0)},
    };
    return described;
  }
};

int run_nlp_pde(int argc, char** argv) {
  std::string grids = "16,32,64,128", kaczmarz_grids = "3,4,6,8";
  NlpPdeSettings caps;
  app::po::options_description opts("nlp-pde options");
  opts.add_options()("grids", app::po::value(&grids)->default_value(grids), "N values (comma-separated)")(
      "kaczmarz-grids", app::po::value(&kaczmarz_grids)->default_value(kaczmarz_grids),
      "N values for uniform Kaczmarz");
  app::add_setting_options(opts, caps);
  const auto parsed = app::parse_options(argc, argv, opts);
  app::read_setting_options(parsed.values, caps);
  if (parsed.help) {
    app::print_help("adasolve-bench nlp-pde [options]", "PDE control: sketched vs direct KKT solves.", opts);
    return 0;
  }
  struct Config {
    std::string label;
    nlp::AdaSketchSettings settings;
  };
  nlp::AdaSketchSettings direct, adaptive, paper, kaczmarz, kaczmarz_paper;
  direct.inner = nlp::InnerSolver::direct;
  adaptive.inner = nlp::InnerSolver::minres_cholmod;  // named: the default `auto` picks by size
  paper.inner = nlp::InnerSolver::minres_cholmod;
  paper.accuracy = nlp::AccuracyRule::paper;
  paper.sketch.max_steps = caps.paper_max_steps;
  kaczmarz.inner = nlp::InnerSolver::sketch;
  kaczmarz.delta0 = 0.1;  // the paper's: the randomized sketches pay for every digit
  kaczmarz.sketch.kind = nlp::SketchKind::kaczmarz;
  kaczmarz.max_outer = caps.kaczmarz_max_outer;
  kaczmarz_paper = kaczmarz;
  kaczmarz_paper.accuracy = nlp::AccuracyRule::paper;

  std::cout << "| N | n | m | solver | accuracy | status | objective | rel. diff to direct | KKT | outer it. "
               "| sketch steps "
               "| inner flops | inner flops / direct | check flops | seconds |\n"
               "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  auto row = [](int grid, const std::string& label, const nlp::NlpResult& r, const nlp::NlpResult* ref) {
    auto p = nlp::make_pde_control(grid);
    std::cout << fmt::format(
        "| {} | {} | {} | {} | {} | {} | {:.12g} | {} | {:.1e} | {} | {} | {:.3e} | {} | {:.3e} | {:.2f} |\n",
        grid, p->num_variables(), p->num_constraints(), label, nlp::to_string(r.settings.accuracy),
        nlp::to_string(r.status), r.objective,
        ref ? fmt::format("{:.1e}", std::abs(r.objective - ref->objective) / std::abs(ref->objective)) : "-",
        r.kkt_residual, r.outer_iterations, r.sketch_steps, r.inner_flops,
        ref ? fmt::format("{:.2f}", r.inner_flops / ref->inner_flops) : "1", r.check_flops, r.seconds);
    std::cout.flush();
  };
  for (int grid : parse_list(grids)) {
    auto problem = nlp::make_pde_control(grid);
    const auto ref = nlp::AdaSketchNewton(direct).solve(*problem);
    row(grid, "direct (UMFPACK)", ref, nullptr);
    row(grid, "minres-cholmod", nlp::AdaSketchNewton(adaptive).solve(*problem), &ref);
    row(grid, "minres-cholmod", nlp::AdaSketchNewton(paper).solve(*problem), &ref);
  }
  for (int grid : parse_list(kaczmarz_grids)) {
    auto problem = nlp::make_pde_control(grid);
    const auto ref = nlp::AdaSketchNewton(direct).solve(*problem);
    row(grid, "direct (UMFPACK)", ref, nullptr);
    row(grid, "uniform Kaczmarz", nlp::AdaSketchNewton(kaczmarz).solve(*problem), &ref);
    row(grid, "uniform Kaczmarz", nlp::AdaSketchNewton(kaczmarz_paper).solve(*problem), &ref);
  }
  return 0;
}

const Registration registration{"nlp-pde", "PDE source control at several N: sketched vs direct KKT solves",
                                &run_nlp_pde};

}  // namespace

}  // namespace adasolve::bench
