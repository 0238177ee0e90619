#include "nl_header.hpp"

#include <fstream>
#include <limits>
#include <sstream>
#include <vector>

#include "adasolve/core/error.hpp"

namespace adasolve::nlp::detail {

namespace {

/// The leading integers of a header line (a '#' comment may follow).
std::vector<long> leading_integers(const std::string& line) {
  std::istringstream in(line.substr(0, line.find('#')));
  std::vector<long> values;
  std::string token;
  while (in >> token) {
    char* end = nullptr;
    const long v = std::strtol(token.c_str(), &end, 10);
    if (end != token.c_str() + token.size()) {
      break;
    }
    values.push_back(v);
  }
  return values;
}

}  // namespace

// A header line is short ("10 3 1 0 3 # vars, constraints, ..."): bounding it keeps a file without
// newlines (or /dev/zero) from being read without end.
constexpr std::size_t kMaxHeaderLine = 4096;

NlHeader read_nl_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError::at(path, 0, "cannot open file");
  }
  return parse_nl_header(in, path);
}

NlHeader parse_nl_header(std::istream& in, const std::string& path) {
  std::vector<std::string> lines;
  std::string line;
  while (lines.size() < 10) {
    line.clear();
    char c = 0;
    bool any = false;
    while (in.get(c) && c != '\n') {
      any = true;
      if (line.size() == kMaxHeaderLine) {
        throw InputError::at(path, lines.size() + 1,
                             "header line longer than " + std::to_string(kMaxHeaderLine) +
                                 " characters (not an AMPL .nl file?)");
      }
      line += c;
    }
    if (!any && !in) {
      break;
    }
    lines.push_back(line);
  }
  if (lines.empty() || lines[0].empty() || (lines[0][0] != 'g' && lines[0][0] != 'b')) {
    throw InputError::at(path, 1, "not an AMPL .nl file (line 1 must start with 'g' or 'b')");
  }
  if (lines.size() < 10) {
    throw InputError::at(path, lines.size() + 1, "truncated .nl header (10 lines expected)");
  }
  NlHeader h;
  h.binary = lines[0][0] == 'b';
  const auto counts = leading_integers(lines[1]);
  if (counts.size() < 3) {
    throw InputError::at(path, 2, "expected 'n_var n_con n_obj [n_ranges n_eqns]'");
  }
  for (long v : counts) {
    if (v < 0) {
      throw InputError::at(path, 2, "negative count");
    }
    if (v > std::numeric_limits<int>::max()) {  // the ASL counts in int (and strtol saturates)
      throw InputError::at(path, 2, "count " + std::to_string(v) + " is above 2^31 - 1");
    }
  }
  h.variables = counts[0];
  h.constraints = counts[1];
  h.objectives = counts[2];
  h.ranges = counts.size() > 3 ? counts[3] : 0;
  h.equalities = counts.size() > 4 ? counts[4] : 0;
  if (h.variables == 0) {
    throw InputError::at(path, 2, "no variables");
  }
  for (std::size_t l = 2; l < 10; ++l) {
    const auto values = leading_integers(lines[l]);
    if (values.size() < 2) {
      throw InputError::at(path, l + 1, "malformed .nl header line");
    }
    for (long v : values) {
      // Every header number is an int to the ASL; strtol saturates at LONG_MAX, and a sum of such
      // values (line 7: discrete variables) would overflow (found by fuzz_nl_header).
      if (v > std::numeric_limits<int>::max() || v < -std::numeric_limits<int>::max()) {
        throw InputError::at(path, l + 1, "number " + std::to_string(v) + " out of range");
      }
    }
  }
  // The counts of lines 3-10 size the ASL's arrays next to n_var, n_con and n_obj; the ASL does not check
  // them against each other, so a count beyond its total makes it read or write outside those arrays (found
  // by fuzz_nl_file: 4 nonlinear variables of 3). Line 6's third and fourth numbers (arith, flags) are codes,
  // not counts.
  const auto numbers_of = [&](std::size_t l) { return leading_integers(lines[l]); };
  const auto check = [&](std::size_t l, std::size_t index, long bound, const std::string& what,
                         const std::string& total) {
    const auto values = numbers_of(l);
    if (index >= values.size()) {
      return;
    }
    if (values[index] < 0) {
      throw InputError::at(path, l + 1, "negative count of " + what);
    }
    if (values[index] > bound) {
      throw InputError::at(path, l + 1,
                           std::to_string(values[index]) + " " + what + ", more than the " +
                               std::to_string(bound) + " " + total + " of line 2");
    }
  };
  const long n = h.variables, m = h.constraints, objectives = h.objectives;
  check(2, 0, m, "nonlinear constraints", "constraints");
  check(2, 1, objectives, "nonlinear objectives", "objectives");
  check(3, 0, m, "nonlinear network constraints", "constraints");
  check(3, 1, m, "linear network constraints", "constraints");
  for (std::size_t i = 0; i < 3; ++i) {
    check(4, i, n, "nonlinear variables", "variables");
  }
  check(5, 0, n, "linear network variables", "variables");
  check(5, 1, std::numeric_limits<int>::max(), "imported functions", "");
  const auto discrete = numbers_of(6);
  for (std::size_t i = 0; i < discrete.size(); ++i) {
    check(6, i, n, "discrete variables", "variables");
    h.integer_variables += discrete[i];  // at most 5 values below 2^31: no overflow in long
  }
  if (h.integer_variables > n) {
    throw InputError::at(path, 7,
                         std::to_string(h.integer_variables) + " discrete variables, more than the " +
                             std::to_string(n) + " variables of line 2");
  }
  check(7, 0, n * m, "Jacobian nonzeros", "variables x constraints");
  check(7, 1, n * objectives, "gradient nonzeros", "variables x objectives");
  for (std::size_t i = 0; i < 2; ++i) {
    check(8, i, std::numeric_limits<int>::max(), "characters in a name", "");
  }
  for (std::size_t i = 0; i < 5; ++i) {
    check(9, i, std::numeric_limits<int>::max(), "common expressions", "");
  }
  return h;
}

}  // namespace adasolve::nlp::detail
