// adasolve-nlp: equality-constrained NLPs by AdaSketch-Newton (sketched inexact Newton with an exact
// augmented Lagrangian). Thin: parse, build the problem, run, report.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "adasolve/core/error.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"
#include "adasolve/nlp/nl_file.hpp"
#include "adasolve/nlp/problems.hpp"
#include "common/app_main.hpp"
#include "common/json_lines.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"
#include "nlp/ampl_protocol.hpp"
#include "nlp/problem_selection.hpp"
#include "nlp/report.hpp"

namespace {

using namespace adasolve;
namespace po = boost::program_options;

// --output and --solution write files; naming an input (the .nl file, the LIBSVM data) or each other would
// overwrite what the run reads or what the other writes: refuse before anything is read.
void refuse_output_over_input(const std::string& output, const std::string& solution,
                              const adasolve::app::ProblemChoice& choice) {
  namespace fs = std::filesystem;
  const auto same = [](const std::string& a, const std::string& b) {
    std::error_code ec;
    return !a.empty() && !b.empty() && (a == b || fs::equivalent(a, b, ec));
  };
  for (const auto& [flag, path] : {std::pair{"--output", &output}, std::pair{"--solution", &solution}}) {
    for (const auto& input : {choice.nl_file, choice.data}) {
      if (same(*path, input)) {
        throw adasolve::UsageError(fmt::format("{} {} is also an input; give another file", flag, *path));
      }
    }
  }
  if (same(output, solution)) {
    throw adasolve::UsageError(fmt::format("--output and --solution name the same file ({})", output));
  }
}

void list_problems() {
  std::cout << fmt::format("{:<10} {:>3} {:>3} {:>16}\n", "problem", "n", "m", "f*");
  for (const auto& name : nlp::builtin_problem_names()) {
    const auto p = nlp::make_builtin_problem(name);
    std::cout << fmt::format("{:<10} {:>3} {:>3} {:>16.10g}\n", name, p->num_variables(),
                             p->num_constraints(), p->known_optimum()->value);
  }
  std::cout << "logreg     --data FILE (LIBSVM): constrained logistic regression, m = min(10, n/4) + 1\n"
               "pde-control --N N: Poisson source control, n = 2 N^2, m = N^2\n"
               "FILE.nl    AMPL model with equality constraints only\n";
}

int run(int argc, char** argv) {
  app::ProblemChoice choice;
  nlp::AdaSketchSettings s;
  std::string format = "table", output, solution, plot;
  po::options_description opts("adasolve-nlp options");
  opts.add_options()("problem", po::value(&choice.problem),
                     "built-in problem (HS6 ... MARATOS), logreg or pde-control")(
      "data", po::value(&choice.data), "LIBSVM data file for --problem logreg");
  app::add_setting_options(opts, choice);
  opts.add_options()("list", "list the built-in problems and exit");
  app::add_setting_options(opts, s.sketch);
  app::add_setting_options(opts, s);
  opts.add_options()("format", po::value(&format)->default_value(format),
                     "table or json (JSON lines: one record per outer iteration, then the result)")(
      "output", po::value(&output), "write the report (table or JSON lines) to FILE instead of stdout")(
      "solution", po::value(&solution), "write the final x and lambda to FILE")(
      "plot", po::value(&plot), "PNG plot of the KKT residual history (gnuplot)");
  po::options_description hidden;
  hidden.add_options()("nl-file", po::value(&choice.nl_file));
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description positional;
  positional.add("nl-file", 1);
  // -AMPL is recognised before option parsing (ampl_protocol.hpp); its options come from the environment.
  const app::AmplInvocation ampl = app::ampl_arguments(argc, argv);
  std::vector<char*> args;
  for (const auto& a : ampl.args) {
    args.push_back(const_cast<char*>(a.c_str()));
  }
  static const std::vector<app::DeprecatedOption> renamed{{"max-outer", "stop.max-iters"},
                                                          {"tol", "stop.kkt-tol"}};
  const auto parsed =
      app::parse_options(static_cast<int>(args.size()), args.data(), all, &positional, renamed);
  app::read_setting_options(parsed.values, choice);
  app::read_setting_options(parsed.values, s.sketch);
  app::read_setting_options(parsed.values, s);
  if (parsed.help) {
    app::print_help(
        "adasolve-nlp [FILE.nl | --problem NAME] [options]",
        "Solves min f(x) s.t. c(x) = 0 by AdaSketch-Newton: Newton-KKT steps (by default --inner auto: an\n"
        "exact UMFPACK solve up to n + m = 20 000, preconditioned MINRES above; --inner sketch for the\n"
        "paper's randomized sketches), exact augmented Lagrangian merit, Armijo line search.\n"
        "Exit 0 solved, 1 not solved, 2 bad input.\n"
        "adasolve-nlp STUB -AMPL: the AMPL solver protocol; options from the environment variable\n"
        "adasolve_options (key=value ...), answer in STUB.sol, exit 0 whenever it is written (docs/nlp.md).",
        opts);
    return 0;
  }
  if (parsed.values.count("list") != 0U) {
    list_problems();
    return 0;
  }
  if (format != "table" && format != "json") {
    throw UsageError("--format must be table or json, got '" + format + "'");
  }
  // The old spelling of the MINRES + CHOLMOD solver: `--sketch preconditioned` (it is not a sketch in the
  // paper's sense, and it is not randomized).
  if (s.sketch.kind == nlp::SketchKind::preconditioned) {
    std::cerr << "adasolve-nlp: warning: --sketch preconditioned is deprecated; it is --inner minres-cholmod "
                 "(deterministic preconditioned MINRES)\n";
    s.inner = nlp::InnerSolver::minres_cholmod;
    s.sketch.kind = nlp::SketchSettings{}.kind;
  }
  // Only the block sketches have a block width; a width given for another sketch would be silently ignored.
  if (!parsed.values["sketch.block-size"].defaulted() &&
      (s.inner != nlp::InnerSolver::sketch || (s.sketch.kind != nlp::SketchKind::block_gaussian &&
                                               s.sketch.kind != nlp::SketchKind::block_kaczmarz))) {
    throw UsageError(
        "--sketch.block-size applies to --inner sketch with the block-gaussian or block-kaczmarz sketch "
        "only");
  }
  choice.seed = s.seed;
  s.validate();

  if (ampl.active && choice.nl_file.empty()) {
    throw UsageError("-AMPL needs a STUB (an .nl file), not --problem");
  }
  refuse_output_over_input(output, solution, choice);
  auto problem = app::make_problem(choice);
  nlp::AdaSketchNewton solver(s);
  const bool json = format == "json";
  std::ofstream file;
  if (!output.empty()) {
    file.open(output, std::ios::trunc);
    if (!file) {
      throw InputError(output + ": cannot write");
    }
  }
  std::ostream& out = output.empty() ? std::cout : file;
  if (!json) {
    out << fmt::format(
        "{}: n = {}, m = {}, inner = {}{}, accuracy = {}\n", problem->name(), problem->num_variables(),
        problem->num_constraints(),
        nlp::to_string(nlp::resolved_inner_solver(s, problem->num_variables() + problem->num_constraints())),
        s.inner == nlp::InnerSolver::sketch ? " (" + nlp::to_string(s.sketch.kind) + ")" : "",
        nlp::to_string(s.accuracy));
    app::print_log_header(out);
  }
  solver.add_monitor([&](const nlp::OuterIteration& it) {
    if (json) {
      app::write_json_line(out, "adasolve-nlp/iteration", app::iteration_json(it));
    } else {
      app::print_log_row(out, it);
    }
  });
  const nlp::NlpResult result = solver.solve(*problem);
  if (ampl.active) {
    const std::string message = app::ampl_message(result);
    nlp::write_ampl_solution(*problem, message, result.x, result.lambda, app::ampl_solve_result(result));
    std::cout << message << "\n";
    return app::kSuccess;  // the protocol: exit 0 whenever the .sol is written
  }
  if (!solution.empty()) {
    app::write_solution(solution, result);
  }
  if (!plot.empty()) {
    app::plot_kkt_history(plot, problem->name(), result);
  }
  if (json) {
    app::write_json_line(out, "adasolve-nlp/result", app::summary_json(problem->name(), result));
  } else {
    app::print_summary(out, problem->name(), result);
  }
  if (!output.empty()) {
    app::check_output_stream(file, output);
  }
  return result.status == nlp::NlpStatus::solved ? app::kSuccess : app::kNotConverged;
}

}  // namespace

int main(int argc, char** argv) { return adasolve::app::run("adasolve-nlp", argc, argv, run); }
