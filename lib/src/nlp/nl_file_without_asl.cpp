// Built without ADASOLVE_WITH_ASL: .nl files cannot be read.
#include "adasolve/core/error.hpp"
#include "adasolve/nlp/nl_file.hpp"

namespace adasolve::nlp {

std::unique_ptr<NlpProblem> load_nl_problem(const std::string& path) {
  throw UsageError(path + ": adasolve was built without the AMPL Solver Library (ADASOLVE_WITH_ASL=OFF)");
}

void write_ampl_solution(NlpProblem&, const std::string&, std::span<const double>, std::span<const double>,
                         int) {
  throw UsageError("-AMPL: adasolve was built without the AMPL Solver Library (ADASOLVE_WITH_ASL=OFF)");
}

AmplSolution read_ampl_solution(const std::string& nl_path, const std::string&) {
  throw UsageError(nl_path + ": adasolve was built without the AMPL Solver Library (ADASOLVE_WITH_ASL=OFF)");
}

}  // namespace adasolve::nlp
