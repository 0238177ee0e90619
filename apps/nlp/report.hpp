#pragma once
// adasolve-nlp output: the per-iteration log, the final summary (table or one JSON line), the solution
// file and the KKT-residual plot.
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

#include "adasolve/nlp/adasketch_newton.hpp"

namespace adasolve::app {

void print_log_header(std::ostream& out);
void print_log_row(std::ostream& out, const nlp::OuterIteration& it);
nlohmann::json iteration_json(const nlp::OuterIteration& it);

nlohmann::json summary_json(const std::string& problem, const nlp::NlpResult& r);
void print_summary(std::ostream& out, const std::string& problem, const nlp::NlpResult& r);

/// Writes "# x (n)" then x, "# lambda (m)" then lambda, one value per line, full precision.
void write_solution(const std::string& path, const nlp::NlpResult& r);
/// PNG of the KKT residual per outer iteration (log scale), through gnuplot.
void plot_kkt_history(const std::string& path, const std::string& title, const nlp::NlpResult& r);

}  // namespace adasolve::app
