#pragma once
// The AMPL solver protocol (as AMPL, Pyomo and JuMP call solvers): `adasolve-nlp STUB -AMPL` reads STUB.nl
// (STUB may carry the .nl), takes its options from the environment variable `adasolve_options`
// ("key=value key=value", the keys of --config and the command line, e.g. "inner=direct tol=1e-8"), and
// answers with STUB.sol (write_ampl_solution in nl_file.hpp). It exits 0 whenever the .sol is written.
#include <string>
#include <vector>

#include "adasolve/nlp/adasketch_newton.hpp"

namespace adasolve::app {

struct AmplInvocation {
  bool active = false;            ///< -AMPL was among the arguments
  std::vector<std::string> args;  ///< argv for the option parser: -AMPL removed, STUB -> STUB.nl, env options
};

/// Recognises -AMPL before option parsing; without it, args is argv unchanged.
AmplInvocation ampl_arguments(int argc, char** argv);

/// solve_result_num: 0 solved, 200 infeasible (stopped at a singular Jacobian with c != 0), 400 iteration
/// limit, 500 failure.
int ampl_solve_result(const nlp::NlpResult& r);

/// The solve message of the .sol file (one line after the solver's name).
std::string ampl_message(const nlp::NlpResult& r);

}  // namespace adasolve::app
