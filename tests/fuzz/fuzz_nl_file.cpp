// libFuzzer target: a whole .nl file (header and segments) through load_nl_problem, then every evaluation
// the solver makes at the file's start point. The bytes are written to a file first, since the AMPL Solver
// Library reads files; the library's own segment reader runs in a child process before the parent reads
// (nl_problem.cpp), so a file it cannot read must become one InputError line. A finding is a crash, a
// sanitizer report in adasolve's code, a hang, an exception other than InputError, a message that is not one
// line naming the file, or an accepted problem whose sizes or derivative patterns break their promises.
// Leak detection is off for this target (-detect_leaks=0 in .ci/fuzz_smoke): the ASL is not ours.
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/nlp/nl_file.hpp"

namespace {

const std::string& scratch_path() {
  static const std::string path = "/tmp/adasolve_fuzz_nl_" + std::to_string(getpid()) + ".nl";
  return path;
}

void check_problem(adasolve::nlp::NlpProblem& p) {
  const auto n = p.num_variables();
  const auto m = p.num_constraints();
  const auto x = p.initial_point();
  const auto lambda = p.initial_multipliers();
  if (n < 1 || m < 0 || static_cast<long long>(x.size()) != n || static_cast<long long>(lambda.size()) != m) {
    __builtin_trap();
  }
  double f = 0.0;
  std::vector<double> g(static_cast<std::size_t>(n)), c(static_cast<std::size_t>(m));
  adasolve::CsrMatrix jacobian, hessian;
  p.objective(x, f);  // false (an evaluation error) is a documented answer; a crash is not
  p.gradient(x, g);
  p.constraints(x, c);
  if (p.jacobian(x, jacobian) && (jacobian.rows() != m || jacobian.cols() != n)) {
    __builtin_trap();
  }
  if (p.lagrangian_hessian(x, 1.0, lambda, hessian) && (hessian.rows() != n || hessian.cols() != n)) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = scratch_path();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    auto problem = adasolve::nlp::load_nl_problem(path);
    check_problem(*problem);
  } catch (const adasolve::InputError& e) {
    const std::string message = e.what();
    if (message.rfind(path, 0) != 0 || message.find('\n') != std::string::npos) {
      __builtin_trap();
    }
  }
  return 0;
}
