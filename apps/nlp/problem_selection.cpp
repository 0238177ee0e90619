#include "nlp/problem_selection.hpp"

#include "adasolve/core/error.hpp"
#include "adasolve/nlp/nl_file.hpp"
#include "adasolve/nlp/problems.hpp"

namespace adasolve::app {

using namespace adasolve::io;

std::span<const SettingField<ProblemChoice>> ProblemChoice::fields() {
  static const SettingField<ProblemChoice> described[] = {
      {"N", &ProblemChoice::grid, "grid size N of --problem pde-control (n = 2 N^2, m = N^2)",
       SettingRange::closed(1.0, 4096.0)},
  };
  return described;
}

std::unique_ptr<nlp::NlpProblem> make_problem(const ProblemChoice& choice) {
  if (!choice.nl_file.empty() && !choice.problem.empty()) {
    throw UsageError("give either FILE.nl or --problem, not both");
  }
  if (!choice.nl_file.empty()) {
    return nlp::load_nl_problem(choice.nl_file);
  }
  if (choice.problem.empty()) {
    throw UsageError("no problem: give FILE.nl or --problem NAME (--list shows the built-in ones)");
  }
  if (choice.problem == "logreg") {
    if (choice.data.empty()) {
      throw UsageError("--problem logreg needs --data FILE (LIBSVM format)");
    }
    auto data = read_libsvm(choice.data);
    binary_labels(data);
    return nlp::make_logistic_regression(std::move(data), choice.seed);
  }
  if (choice.problem == "pde-control") {
    return nlp::make_pde_control(choice.grid);
  }
  if (auto p = nlp::make_builtin_problem(choice.problem)) {
    return p;
  }
  throw UsageError("unknown problem '" + choice.problem + "' (--list shows the built-in ones)");
}

}  // namespace adasolve::app
