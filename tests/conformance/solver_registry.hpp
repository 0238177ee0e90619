#pragma once
// The conformance suite's list of solvers (design principle 10). A new LinearSolver joins the suite by
// adding one line to conformance_solvers() in solver_registry.cpp.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adasolve/core/linear_solver.hpp"

namespace adasolve::test {

struct SolverEntry {
  std::string label;
  std::function<std::unique_ptr<LinearSolver>(StoppingCriteria)> make;
};

std::vector<SolverEntry> conformance_solvers();

}  // namespace adasolve::test
