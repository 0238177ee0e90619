#pragma once
// A small writer of AMPL .nl text files (the `g` format of "Writing .nl Files", Gay 2005) for equality-
// constrained problems whose constraints are sums of squares of differences and whose objective is linear:
// enough for catenary- and chain-type test problems at any size, which Ipopt and adasolve read alike.
//
//   constraint i:  sum_t (a_t - b_t)^2 = rhs_i      a_t, b_t a variable or a constant
//   objective:     g_0 + sum_j g_j x_j              (minimise)
//
// Every variable is counted as nonlinear in the constraints (header line 5) and free (b segment code 3).
#include <ostream>
#include <string>
#include <vector>

namespace adasolve::bench::nl {

/// A variable index (>= 0) or a constant.
struct Operand {
  int var = -1;
  double value = 0.0;
  static Operand variable(int j) { return {j, 0.0}; }
  static Operand constant(double v) { return {-1, v}; }
};

struct SquareTerm {
  Operand a, b;  ///< (a - b)^2
};

struct QuadraticSumProblem {
  std::string name;
  int n = 0;
  std::vector<double> x0;
  std::vector<double> objective;    ///< g (size n)
  double objective_constant = 0.0;  ///< g_0
  std::vector<std::vector<SquareTerm>> constraints;
  std::vector<double> rhs;
};

/// Writes the problem as an .nl text file.
void write_nl(std::ostream& out, const QuadraticSumProblem& p);

/// CATENARY (the CUTE model of the shared catenary.mod) with N interior points: n = 3N + 1, m = N + 1.
QuadraticSumProblem catenary(int interior_points);

/// The hanging chain of COPS problem `chain` (Dolan, More and Munson, 2004), discretised as N rigid links:
/// n = 2 (N - 1), m = N. See nl_writer.cpp for the model.
QuadraticSumProblem hanging_chain(int links);

/// The generated problems by name: "catenary" (size = interior points) or "chain" (size = links).
/// UsageError naming both for another name.
QuadraticSumProblem generated_problem(const std::string& name, int size);

}  // namespace adasolve::bench::nl
