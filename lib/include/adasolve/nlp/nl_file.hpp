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
#include <string>

#include "adasolve/nlp/nlp_problem.hpp"

namespace adasolve::nlp {

/// Reads FILE.nl. Throws InputError ("FILE:LINE: problem" or "FILE: reasons") for unreadable, malformed
/// or unsupported files, and UsageError when adasolve was built without the ASL.
std::unique_ptr<NlpProblem> load_nl_problem(const std::string& path);

}  // namespace adasolve::nlp
