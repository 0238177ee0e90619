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
  std::string inner = nlp::to_string(s.inner), sketch = nlp::to_string(s.sketch.kind), accuracy = "adaptive",
              merit = "lagrangian", singular = "regularize", hessian_shift = "minimal", format = "table",
              scaling = "gradient", merit_update = "direct", output, solution, plot;
  po::options_description opts("adasolve-nlp options");
  opts.add_options()("problem", po::value(&choice.problem),
                     "built-in problem (HS6 ... MARATOS), logreg or pde-control")(
      "data", po::value(&choice.data), "LIBSVM data file for --problem logreg");
  app::add_setting_options(opts, choice);
  opts.add_options()("list", "list the built-in problems and exit")(
      "inner", po::value(&inner)->default_value(inner),
      "KKT solver. minres-cholmod: deterministic MINRES preconditioned by blkdiag(D, G D^-1 G^T) with a "
      "CHOLMOD factor (not randomized, not in the paper); sketch: the paper's randomized sketch-and-project "
      "(--sketch); direct: UMFPACK LU, exact Newton")(
      "sketch", po::value(&sketch)->default_value(sketch),
      "randomized sketch of --inner sketch: gaussian (the paper's GV), kaczmarz (RK, uniform rows), "
      "kaczmarz-rownorm, block-gaussian or block-kaczmarz")(
      "accuracy", po::value(&accuracy)->default_value(accuracy), "inner accuracy rule: adaptive or paper")(
      "scaling", po::value(&scaling)->default_value(scaling),
      "problem scaling: gradient (Ipopt's: objective and each constraint scaled down to a gradient of at "
      "most "
      "100 at x0; residuals are reported unscaled) or none (the paper)")(
      "merit-update", po::value(&merit_update)->default_value(merit_update),
      "penalty update when the step is not a sufficient descent direction: direct (mu set at once from the "
      "slope) or paper (mu *= rho^2, nu /= rho, re-solve)")(
      "second-order-correction", po::value(&s.second_order_correction)->default_value(true),
      "when the full step fails the line search and does not reduce ||c||, try the step of the same KKT "
      "system "
      "with right-hand side c(x) + c(x + dx) (Ipopt's correction; not in the paper): true or false")(
      "merit-hessian", po::value(&merit)->default_value(merit),
      "H in the merit gradient: lagrangian (exact) or objective (the authors' code)")(
      "hessian-shift", po::value(&hessian_shift)->default_value(hessian_shift),
      "Hessian modification: paper (xi_B + ||H||_F) or minimal (smallest xi_B 10^j passing the "
      "reduced-Hessian "
      "test)")(
      "singular", po::value(&singular)->default_value(singular),
      "at a singular Jacobian: regularize (damped step with r = min(1e-2, KKT residual, 1e-2 KKT residual / "
      "first KKT residual), status singular "
      "after --max-singular-steps such steps in a row without a 10% KKT decrease), fixed (r = 1e-2, singular "
      "after --max-singular-steps in a row: the earlier rule) or stop (the paper)");
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
        "Solves min f(x) s.t. c(x) = 0 by AdaSketch-Newton: inexact Newton-KKT steps (by default from\n"
        "preconditioned MINRES; --inner sketch for the paper's randomized sketches), exact augmented\n"
        "Lagrangian merit, Armijo line search. Exit 0 solved, 1 not solved, 2 bad input.\n"
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
  if (sketch == "preconditioned") {
    std::cerr << "adasolve-nlp: warning: --sketch preconditioned is deprecated; it is --inner minres-cholmod "
                 "(deterministic preconditioned MINRES)\n";
    inner = "minres-cholmod";
    sketch = nlp::to_string(nlp::SketchSettings{}.kind);
  }
  s.inner = app::parse_choice("inner", inner, nlp::parse_inner_solver);
  s.accuracy = app::parse_choice("accuracy", accuracy, nlp::parse_accuracy_rule);
  s.merit_hessian = app::parse_choice("merit-hessian", merit, nlp::parse_merit_hessian);
  if (singular != "regularize" && singular != "fixed" && singular != "stop") {
    throw UsageError("--singular must be regularize, fixed or stop, got '" + singular + "'");
  }
  s.singular_policy = singular == "stop" ? nlp::SingularPolicy::stop : nlp::SingularPolicy::regularize;
  s.stabilized_regularization = singular == "regularize";
  if (hessian_shift != "paper" && hessian_shift != "minimal") {
    throw UsageError("--hessian-shift must be paper or minimal, got '" + hessian_shift + "'");
  }
  s.minimal_hessian_shift = hessian_shift == "minimal";
  s.scaling = app::parse_choice("scaling", scaling, nlp::parse_scaling_rule);
  s.merit_update = app::parse_choice("merit-update", merit_update, nlp::parse_merit_update);
  s.sketch.kind = app::parse_choice("sketch", sketch, nlp::parse_sketch_kind);
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
    out << fmt::format("{}: n = {}, m = {}, inner = {}{}, accuracy = {}\n", problem->name(),
                       problem->num_variables(), problem->num_constraints(), inner,
                       s.inner == nlp::InnerSolver::sketch ? " (" + sketch + ")" : "", accuracy);
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
