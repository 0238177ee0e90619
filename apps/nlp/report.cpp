#include "nlp/report.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <ostream>

#include "adasolve/core/error.hpp"
#include "common/app_main.hpp"
#include "common/gnuplot.hpp"
#include "common/json_lines.hpp"

namespace adasolve::app {

void print_log_header(std::ostream& out) {
  out << fmt::format("{:>5} {:>15} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9} {:>8}\n", "k", "f", "||c||", "KKT",
                     "mu", "nu", "delta", "sketch", "alpha");
}

namespace {

/// What the row's step was, beyond the columns: "  (B modified)", "  (relaxed)", "  (watchdog return)".
std::string row_notes(const nlp::OuterIteration& it) {
  std::string notes;
  for (const auto& [on, note] :
       {std::pair{it.hessian_modified, "B modified"}, std::pair{it.relaxed, "relaxed"},
        std::pair{it.watchdog_return, "watchdog return"}}) {
    if (on) {
      notes += fmt::format("  ({})", note);
    }
  }
  return notes;
}

}  // namespace

void print_log_row(std::ostream& out, const nlp::OuterIteration& it) {
  out << fmt::format("{:>5} {:>15.8e} {:>10.3e} {:>10.3e} {:>9.2e} {:>9.2e} {:>9.2e} {:>9} {:>8.2e}{}\n",
                     it.k, it.objective, it.constraint_norm, it.kkt_residual, it.mu, it.nu, it.delta,
                     it.sketch_steps, it.step_size, row_notes(it));
}

nlohmann::json iteration_json(const nlp::OuterIteration& it) {
  return {{"k", it.k},
          {"objective", json_number(it.objective)},
          {"constraint_norm", json_number(it.constraint_norm)},
          {"kkt_residual", json_number(it.kkt_residual)},
          {"mu", json_number(it.mu)},
          {"nu", json_number(it.nu)},
          {"delta", json_number(it.delta)},
          {"sketch_steps", it.sketch_steps},
          {"step_size", json_number(it.step_size)},
          {"hessian_modified", it.hessian_modified}};
}

/// The settings of the run, under the keys the options are named after: every described choice by name
/// (a true/false choice as a JSON boolean), then every described numeric setting (AdaSketchSettings and
/// SketchSettings: fields() and choices()).
nlohmann::json settings_json(const nlp::AdaSketchSettings& s) {
  nlohmann::json out = nlohmann::json::object();
  const auto add = [&out](const auto& settings) {
    using Settings = std::remove_cvref_t<decltype(settings)>;
    for (const auto& choice : Settings::choices()) {
      const std::string name = choice.get(settings);
      const bool is_bool = choice.names == std::vector<std::string>{"true", "false"};
      out[choice.key] = is_bool ? nlohmann::json(name == "true") : nlohmann::json(name);
    }
    for (const auto& field : Settings::fields()) {
      std::visit([&](auto member) { out[field.key] = settings.*member; }, field.member);
    }
  };
  add(s);
  add(s.sketch);
  return out;
}

nlohmann::json summary_json(const std::string& problem, const nlp::NlpResult& r) {
  const auto& s = r.settings;
  // A diverged run can end with a NaN or Inf objective or residual: written as null (json_number).
  return nlohmann::json({{"problem", problem},
                         {"status", nlp::to_string(r.status)},
                         {"message", r.message},
                         {"objective", json_number(r.objective)},
                         {"kkt_residual", json_number(r.kkt_residual)},
                         {"constraint_norm", json_number(r.constraint_norm)},
                         {"outer_iterations", r.outer_iterations},
                         {"sketch_steps", r.sketch_steps},
                         {"capped_solves", r.capped_solves},
                         {"inner_flops", json_count(r.inner_flops)},  // flop counts, accumulated in a double
                         {"check_flops", json_count(r.check_flops)},
                         {"corrected_steps", r.corrected_steps},
                         {"function_evaluations", r.function_evaluations},
                         {"gradient_evaluations", r.gradient_evaluations},
                         {"seconds", r.seconds},
                         {"objective_scale", json_number(r.objective_scale)},
                         {"min_constraint_scale", json_number(r.min_constraint_scale)},
                         {"n", r.x.size()},
                         {"m", r.lambda.size()},
                         {"settings", settings_json(s)}});
}

void print_summary(std::ostream& out, const std::string& problem, const nlp::NlpResult& r) {
  out << fmt::format(
      "\nproblem {}  (n = {}, m = {})\nstatus {}: {}\nobjective {:.12g}   KKT residual {:.3e}   ||c|| "
      "{:.3e}\n"
      "outer iterations {}   sketch steps {}   inner flops {:.3e}   f/g evaluations {}/{}   {:.3f} s\n",
      problem, r.x.size(), r.lambda.size(), nlp::to_string(r.status), r.message, r.objective, r.kkt_residual,
      r.constraint_norm, r.outer_iterations, r.sketch_steps, r.inner_flops, r.function_evaluations,
      r.gradient_evaluations, r.seconds);
  if (r.estimated_hessian_tests > 0) {
    out << fmt::format(
        "note: {} reduced-Hessian test(s) passed on a Lanczos estimate on null(G), not a factorisation "
        "(G^T G too dense to form)\n",
        r.estimated_hessian_tests);
  }
}

void write_solution(const std::string& path, const nlp::NlpResult& r) {
  std::ofstream out(path);
  if (!out) {
    throw InputError(path + ": cannot write solution file");
  }
  out << "# x (" << r.x.size() << ")\n";
  for (double v : r.x) {
    out << fmt::format("{:.17g}\n", v);
  }
  out << "# lambda (" << r.lambda.size() << ")\n";
  for (double v : r.lambda) {
    out << fmt::format("{:.17g}\n", v);
  }
  check_output_stream(out, path);  // a full disk must not pass for a written solution
}

void plot_kkt_history(const std::string& path, const std::string& title, const nlp::NlpResult& r) {
  // render_png: gnuplot's messages stay in its log, and an unwritable path is a user error (exit 2).
  render_png(path, [&](const std::string& output, const std::string& terminal, const std::filesystem::path&) {
    std::string gp = fmt::format(
        "set terminal {} size 800,500\nset output {}\nset logscale y\nset format y '10^{{%L}}'\n"
        "set xlabel 'outer iteration k'\nset ylabel 'KKT residual'\nset grid\nset title '{}'\n"
        "plot '-' with linespoints pt 7 title '||(grad_x L, c)||'\n",
        terminal, output, title);
    for (std::size_t k = 0; k < r.kkt_history.size(); ++k) {
      gp += fmt::format("{} {:.17g}\n", k, std::max(r.kkt_history[k], 1e-300));
    }
    return gp + "e\n";
  });
}

}  // namespace adasolve::app
