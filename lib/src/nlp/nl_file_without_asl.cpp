// Built without ADASOLVE_WITH_ASL: .nl files cannot be read.
#include "adasolve/core/error.hpp"
#include "adasolve/nlp/nl_file.hpp"

namespace adasolve::nlp {

std::unique_ptr<NlpProblem> load_nl_problem(const std::string& path) {
  throw UsageError(path + ": adasolve was built without the AMPL Solver Library (ADASOLVE_WITH_ASL=OFF)");
}

}  // namespace adasolve::nlp
