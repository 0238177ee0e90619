// adasolve-dcdm solve: one system, DCDM with the shipped model (or another generator), report + history.
#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "adasolve/core/error.hpp"
#include "adasolve/dcdm/dcdm_solver.hpp"
#include "adasolve/dcdm/neural_direction.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "common/app_main.hpp"
#include "common/json_lines.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"
#include "dcdm/commands.hpp"
#include "dcdm/model.hpp"
#include "dcdm/multigrid.hpp"
#include "dcdm/problem.hpp"
#include "dcdm/torch_threads.hpp"

namespace adasolve::dcdm_app {

namespace {

using app::po::value;

/// The report's parameters map holds settings and counts alike as doubles (omega, rtol, max_iters, ranks,
/// deflation_vectors, ...). A whole value is written as an integer so that counts are JSON integers; other
/// values stay numbers (a whole omega such as 1 becomes 1, which is still a JSON number), NaN/Inf null.
nlohmann::json parameters_json(const std::map<std::string, double>& parameters) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [key, v] : parameters) {
    j[key] = std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9.0e15 ? app::json_count(v)
                                                                            : app::json_number(v);
  }
  return j;
}

void print_report(const SolveReport& r, const Problem& p, const std::string& format, std::ostream& out) {
  const double generator_seconds =
      r.parameters.count("generator_seconds") ? r.parameters.at("generator_seconds") : 0.0;
  if (format == "json") {
    // Schema: docs/schema/adasolve-dcdm/solve-result.json.
    app::write_json_line(out, "adasolve-dcdm/solve-result",
                         {{"problem", p.name},
                          {"unknowns", p.matrix->rows()},
                          {"solver", r.solver},
                          {"reason", to_string(r.reason)},
                          {"iterations", r.iterations},
                          {"initial_residual", app::json_number(r.initial_residual)},
                          {"final_residual", app::json_number(r.final_residual)},
                          {"relative_residual", app::json_number(r.relative_residual())},
                          {"setup_seconds", r.setup_seconds},
                          {"solve_seconds", r.solve_seconds},
                          {"parameters", parameters_json(r.parameters)}});
    return;
  }
  if (format == "csv") {
    out << "problem,unknowns,solver,reason,iterations,relative_residual,setup_seconds,solve_seconds,"
           "generator_seconds\n";
    out << fmt::format("{},{},{},{},{},{:.6e},{:.6f},{:.6f},{:.6f}\n", p.name, p.matrix->rows(), r.solver,
                       to_string(r.reason), r.iterations, r.relative_residual(), r.setup_seconds,
                       r.solve_seconds, generator_seconds);
    return;
  }
  out << fmt::format("problem            {} ({} unknowns)\n", p.name, p.matrix->rows());
  out << fmt::format("solver             {}\n", r.solver);
  out << fmt::format("result             {} after {} iterations\n", to_string(r.reason), r.iterations);
  out << fmt::format("||b - A x|| / ||b|| {:.3e} (threshold {:.3e})\n", r.relative_residual(),
                     r.rhs_norm > 0 ? r.threshold / r.rhs_norm : 0.0);
  out << fmt::format("seconds            setup {:.3f}, solve {:.3f} (direction generator {:.3f})\n",
                     r.setup_seconds, r.solve_seconds, generator_seconds);
}

/// N of a generated --domain problem, which is always an N^3 cube: "N", or "N,N,N"; a non-cubic NX,NY,NZ
/// (meant for a --matrix file) is refused instead of being read as NX^3.
int generated_grid_size(const std::string& grid) {
  if (grid.empty()) {
    return 32;
  }
  const pde::GridShape shape = dcdm::parse_grid_shape(grid);
  if (shape.ny != shape.nx || shape.nz != shape.nx) {
    throw UsageError(
        fmt::format("--grid {}: a generated --domain problem is an N^3 cube; give one N (NX,NY,NZ "
                    "describes a --matrix file)",
                    grid));
  }
  return static_cast<int>(shape.nx);
}

}  // namespace

int run_solve(int argc, char** argv) {
  std::string domain = "cube", grid, matrix_file, rhs = "gaussian", rhs_file, generator = "network";
  std::string model = default_model_path().string(), format = "table", history, solution;
  std::string coarse_solve = "network";
  std::uint64_t seed = 1;
  TorchThreads torch;
  MultigridCoarsening coarsening;
  StoppingCriteria stop;
  stop.rtol = 1e-6;
  stop.max_iters = 1000;
  dcdm::DcdmSettings settings;
  app::po::options_description options("adasolve-dcdm solve");
  options.add_options()("domain", value(&domain)->default_value(domain),
                        "generated 3D Poisson domain: cube, sphere, boxes, blob")(
      "grid", value(&grid)->default_value(grid),
      "N for an N^3 generated problem (default 32); NX,NY,NZ of a --matrix file")(
      "matrix", value(&matrix_file), "SPD Matrix Market file (needs --grid; empty rows = non-fluid cells)")(
      "rhs", value(&rhs)->default_value(rhs),
      "right-hand side: gaussian (fixed seed) or smooth (Gaussian bumps)")(
      "rhs-file", value(&rhs_file), "right-hand side as a Matrix Market vector (with --matrix)")(
      "seed", app::seed_value(&seed), "seed of the right-hand side and of the obstacle layout")(
      "generator", value(&generator)->default_value(generator),
      "direction generator: network (the paper); adasolve's variants twogrid (IC(0) + the network on the "
      "2x-coarser "
      "grid) and multigrid (IC(0) V-cycle, the network on its coarsest grid); identity, jacobi, ic0")(
      "coarse-solve", value(&coarse_solve)->default_value(coarse_solve),
      "multigrid: solve on the coarsest grid: network, cholmod (exact) or ic0 (one IC(0) application)")(
      "model", value(&model)->default_value(model), "network weights (adasolve-dcdm train writes best.pt)");
  app::add_setting_options(options, stop);
  app::add_setting_options(options, settings);
  app::add_setting_options(options, coarsening);
  app::add_setting_options(options, torch);
  options.add_options()("format", value(&format)->default_value(format), "report format: table, csv, json")(
      "history", value(&history), "write the residual history (iteration,residual) as CSV to this file")(
      "solution", value(&solution), "write x as a Matrix Market vector to this file");
  const auto parsed = app::parse_options(argc, argv, options);
  app::read_setting_options(parsed.values, stop);
  app::read_setting_options(parsed.values, settings);
  app::read_setting_options(parsed.values, coarsening);
  app::read_setting_options(parsed.values, torch);
  if (parsed.help) {
    app::print_help(
        "adasolve-dcdm solve [--domain D --grid N | --matrix FILE --grid NX,NY,NZ] [options]",
        "Solves A x = b with DCDM: search directions from the network, A-orthogonalised against the\n"
        "last k directions, exact line search. Exit 0 converged, 1 not converged, 2 bad input.",
        options);
    return 0;
  }
  if (format != "table" && format != "csv" && format != "json") {
    throw UsageError("--format must be table, csv or json, got '" + format + "'");
  }
  stop.validate();
  settings.validate();
  check_coarse_solve("--coarse-solve", coarse_solve);
  if (coarse_solve != "network" && generator != "multigrid") {
    throw UsageError("--coarse-solve " + coarse_solve + " needs --generator multigrid");
  }
  dcdm::set_torch_threads(torch.threads);
  const Problem problem = matrix_file.empty()
                              ? generated_problem(domain, generated_grid_size(grid), rhs, seed)
                              : file_problem(matrix_file, grid, rhs, rhs_file, seed);
  std::unique_ptr<dcdm::DirectionGenerator> directions;
  if (generator == "network") {
    directions = dcdm::make_network_direction(load_model(model), problem.map);
  } else if (generator == "twogrid") {
    directions =
        dcdm::make_twogrid_network_direction(load_model(model), problem.map, dcdm::make_ic0_direction());
  } else if (generator == "multigrid") {
    directions = make_multigrid(
        coarse_solve, [&] { return load_model(model); }, problem.map, coarsening.coarsest);
  } else {
    directions = dcdm::make_classical_direction(generator);
  }
  dcdm::DcdmSolver solver(std::move(directions), settings, stop);
  try {
    solver.setup(problem.matrix);
  } catch (const InputError& e) {
    throw InputError((problem.source.empty() ? problem.name : problem.source) + ": " + e.what());
  }
  std::vector<double> x(problem.rhs.size(), 0.0);
  const SolveReport report = solver.solve(problem.rhs, x);
  if (report.reason == StopReason::indefinite) {
    throw InputError((problem.source.empty() ? problem.name : problem.source) +
                     ": the matrix is not positive definite (a direction with q.Aq < 0 at iteration " +
                     std::to_string(report.iterations + 1) + ")");
  }
  print_report(report, problem, format, std::cout);
  if (!history.empty()) {
    std::ofstream out(history);
    out << "iteration,residual\n";
    for (std::size_t i = 0; i < report.residual_history.size(); ++i) {
      out << i << "," << fmt::format("{:.9e}", report.residual_history[i]) << "\n";
    }
    if (!out.is_open()) {
      throw InputError(history + ": cannot write");
    }
    app::check_output_stream(out, history);  // flushes: a full disk is reported, not ignored
  }
  if (!solution.empty()) {
    io::write_matrix_market_vector(solution, x, "adasolve-dcdm solve: " + problem.name);
  }
  return report.converged() ? app::kSuccess : app::kNotConverged;
}

}  // namespace adasolve::dcdm_app
