#pragma once
// AMPL .nl files (text `g` and binary `b`) through the AMPL Solver Library, with exact first and second
// derivatives from the library (objgrd, jacval, sphes).
//
// Only equality-constrained minimisation problems are accepted. A file with inequality or range
// constraints, bounded or fixed variables, integer variables, a maximize objective, no objective or several
// objectives is rejected with an InputError whose one line lists every reason, e.g.
//   "mytoy.nl: not an equality-constrained NLP: 3 inequality constraint(s), 4 bounded variable(s),
//    2 integer variable(s)".
// The header is checked here before the ASL sees the file, and the ASL's own reader runs first in a
// child process, because on a malformed file it prints and calls exit() instead of returning an error.
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/nlp/nlp_problem.hpp"

namespace adasolve::nlp {

/// Reads FILE.nl. Throws InputError ("FILE:LINE: problem" or "FILE: reasons") for unreadable, malformed
/// or unsupported files, and UsageError when adasolve was built without the ASL.
std::unique_ptr<NlpProblem> load_nl_problem(const std::string& path);

/// The AMPL solver protocol's answer: writes STUB.sol next to STUB.nl through the ASL's write_sol, with x,
/// the constraint duals in AMPL's (and Ipopt's) convention pi = -lambda (AMPL's Lagrangian is f - pi^T c),
/// solve_result_num and the message. `problem` must come from load_nl_problem (UsageError otherwise).
void write_ampl_solution(NlpProblem& problem, const std::string& message, std::span<const double> x,
                         std::span<const double> lambda, int solve_result);

/// What an AMPL .sol file holds, read back by the ASL (for tests): the problem's .nl file gives the sizes.
struct AmplSolution {
  std::string message;
  std::vector<double> x, duals;
  int solve_result = -1;  ///< solve_result_num
};
/// Reads SOL_PATH for the problem in NL_PATH. Throws InputError when the ASL cannot read it.
AmplSolution read_ampl_solution(const std::string& nl_path, const std::string& sol_path);

}  // namespace adasolve::nlp
