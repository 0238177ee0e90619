#pragma once
// The 10 text header lines every .nl file starts with (text and binary alike), read without the ASL so
// that a malformed file is rejected with file:line before the ASL (which exits on errors) sees it.
#include <istream>
#include <string>

namespace adasolve::nlp::detail {

struct NlHeader {
  bool binary = false;
  long variables = 0, constraints = 0, objectives = 0, ranges = 0, equalities = 0;
  long integer_variables = 0;  ///< line 7: binary + integer + nonlinear discrete (b, c, o)
};

/// Throws InputError "path:line: what" when the header is missing or malformed.
NlHeader read_nl_header(const std::string& path);
/// The same from a stream (`path` names it in messages); reads at most the 10 header lines, each bounded.
NlHeader parse_nl_header(std::istream& in, const std::string& path);

}  // namespace adasolve::nlp::detail
