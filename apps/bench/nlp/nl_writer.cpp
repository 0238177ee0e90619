#include "bench/nlp/nl_writer.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "adasolve/core/error.hpp"

namespace adasolve::bench::nl {

namespace {

std::string operand(const Operand& o) {
  return o.var >= 0 ? fmt::format("v{}\n", o.var) : fmt::format("n{:.17g}\n", o.value);
}

}  // namespace

void write_nl(std::ostream& out, const QuadraticSumProblem& p) {
  const int m = static_cast<int>(p.constraints.size());
  if (static_cast<int>(p.x0.size()) != p.n || static_cast<int>(p.objective.size()) != p.n ||
      static_cast<int>(p.rhs.size()) != m) {
    throw UsageError("write_nl: x0, objective and rhs must match n and m");
  }
  // Jacobian pattern: the variables of each constraint (their linear coefficients are 0: all nonlinear)
  std::vector<std::set<int>> vars(static_cast<std::size_t>(m));
  for (int i = 0; i < m; ++i) {
    for (const auto& t : p.constraints[static_cast<std::size_t>(i)]) {
      for (const auto& o : {t.a, t.b}) {
        if (o.var >= p.n) {
          throw UsageError("write_nl: variable index out of range");
        }
        if (o.var >= 0) {
          vars[static_cast<std::size_t>(i)].insert(o.var);
        }
      }
    }
  }
  std::vector<int> column_count(static_cast<std::size_t>(p.n), 0);
  std::size_t nnz = 0;
  for (const auto& s : vars) {
    nnz += s.size();
    for (int j : s) {
      ++column_count[static_cast<std::size_t>(j)];
    }
  }
  std::map<int, double> gradient;
  for (int j = 0; j < p.n; ++j) {
    if (p.objective[static_cast<std::size_t>(j)] != 0.0) {
      gradient[j] = p.objective[static_cast<std::size_t>(j)];
    }
  }
  out << fmt::format("g3 0 1 0\t# problem {}\n", p.name);
  out << fmt::format(" {} {} 1 0 {}\t# vars, constraints, objectives, ranges, eqns\n", p.n, m, m);
  out << fmt::format(" {} 0\t# nonlinear constraints, objectives\n", m);
  out << " 0 0\t# network constraints: nonlinear, linear\n";
  out << fmt::format(" {} 0 0\t# nonlinear vars in constraints, objectives, both\n", p.n);
  out << " 0 0 0 1\t# linear network variables; functions; arith, flags\n";
  out << " 0 0 0 0 0\t# discrete variables: binary, integer, nonlinear (b,c,o)\n";
  out << fmt::format(" {} {}\t# nonzeros in Jacobian, gradients\n", nnz, gradient.size());
  out << " 0 0\t# max name lengths: constraints, variables\n";
  out << " 0 0 0 0 0\t# common exprs: b,c,o,c1,o1\n";
  // C segments: sum of squares (o0 = plus, o54 = sumlist, o5 = pow, o1 = minus). The ASL refuses a sumlist
  // of fewer than 3 operands, so two terms are a plus.
  for (int i = 0; i < m; ++i) {
    const auto& terms = p.constraints[static_cast<std::size_t>(i)];
    out << fmt::format("C{}\n", i);
    if (terms.size() == 2) {
      out << "o0\n";
    } else if (terms.size() > 2) {
      out << fmt::format("o54\n{}\n", terms.size());
    }
    for (const auto& t : terms) {
      out << "o5\no1\n" << operand(t.a) << operand(t.b) << "n2\n";
    }
  }
  // minimise; the objective's nonlinear part is just its constant
  out << fmt::format("O0 0\nn{:.17g}\n", p.objective_constant);
  out << fmt::format("x{}\n", p.n);
  for (int j = 0; j < p.n; ++j) {
    out << fmt::format("{} {:.17g}\n", j, p.x0[static_cast<std::size_t>(j)]);
  }
  out << "r\n";
  for (int i = 0; i < m; ++i) {
    out << fmt::format("4 {:.17g}\n", p.rhs[static_cast<std::size_t>(i)]);  // body = rhs
  }
  out << "b\n";
  for (int j = 0; j < p.n; ++j) {
    out << "3\n";  // free
  }
  out << fmt::format("k{}\n", p.n - 1);  // cumulative column counts of the Jacobian
  std::size_t cumulative = 0;
  for (int j = 0; j + 1 < p.n; ++j) {
    cumulative += static_cast<std::size_t>(column_count[static_cast<std::size_t>(j)]);
    out << cumulative << "\n";
  }
  for (int i = 0; i < m; ++i) {
    out << fmt::format("J{} {}\n", i, vars[static_cast<std::size_t>(i)].size());
    for (int j : vars[static_cast<std::size_t>(i)]) {
      out << j << " 0\n";
    }
  }
  if (!gradient.empty()) {
    out << fmt::format("G0 {}\n", gradient.size());
    for (const auto& [j, g] : gradient) {
      out << fmt::format("{} {:.17g}\n", j, g);
    }
  }
}

QuadraticSumProblem catenary(int interior_points) {
  const int N = interior_points;
  if (N < 1) {
    throw UsageError("catenary needs N >= 1 interior points");
  }
  // catenary.mod: length = bl (N+1) fract, mass = tmass / (N+1), mg = mass gamma; variables x_0..x_{N+1},
  // y_0..y_{N+1}, z_0..z_N with x_0 = y_0 = z_0 = 0 and x_{N+1} = length fixed (AMPL presolves them away).
  const double gamma = 9.81, tmass = 500.0, bl = 1.0, fract = 0.6;
  const double length = bl * (N + 1) * fract;
  const double mg = tmass / (N + 1) * gamma;
  QuadraticSumProblem p;
  p.name = fmt::format("catenary{}", N);
  // free variables: x_1..x_N -> 0..N-1, y_1..y_{N+1} -> N..2N, z_1..z_N -> 2N+1..3N
  p.n = 3 * N + 1;
  auto x = [&](int i) {
    return i == 0       ? Operand::constant(0.0)
           : i == N + 1 ? Operand::constant(length)
                        : Operand::variable(i - 1);
  };
  auto y = [&](int i) { return i == 0 ? Operand::constant(0.0) : Operand::variable(N + i - 1); };
  auto z = [&](int i) { return i == 0 ? Operand::constant(0.0) : Operand::variable(2 * N + i); };
  p.x0.assign(static_cast<std::size_t>(p.n), 0.0);
  for (int i = 1; i <= N; ++i) {
    p.x0[static_cast<std::size_t>(i - 1)] = i * length / (N + 1);
  }
  p.objective.assign(static_cast<std::size_t>(p.n), 0.0);
  for (int i = 1; i <= N + 1; ++i) {
    p.objective[static_cast<std::size_t>(y(i).var)] = i <= N ? mg : mg / 2;  // mg y_i, mg y_{N+1} / 2
  }
  for (int i = 1; i <= N + 1; ++i) {
    p.constraints.push_back({{x(i), x(i - 1)}, {y(i), y(i - 1)}, {x(i), z(i - 1)}});
    p.rhs.push_back(bl * bl);
  }
  return p;
}

QuadraticSumProblem hanging_chain(int links) {
  const int N = links;
  if (N < 2) {
    throw UsageError("chain needs N >= 2 links");
  }
  // The classic hanging chain. Its continuous form is problem `chain` of the COPS 3.0 set (Dolan, More and
  // Munson, "Benchmarking optimization software with COPS 3.0", ANL/MCS-TM-273, 2004): a chain of length
  // L = 4 and unit weight per length hangs between (0, 1) and (1, 3) (the ends are sqrt(5) = 2.24 apart) in
  // the shape of least potential energy, the catenary through the ends, whose energy is 5.06848.
  // Here it is N rigid links of length l = L / N with joints P_0 .. P_N, P_0 and P_N fixed:
  //   minimise   sum_{i=1..N} l (y_{i-1} + y_i) / 2          (each link's weight l at its midpoint's height)
  //   subject to (x_i - x_{i-1})^2 + (y_i - y_{i-1})^2 = l^2, i = 1..N.
  // Variables: the interior joints, interleaved (x_1, y_1, x_2, y_2, ...) so that the KKT matrix is banded.
  // Start: joint i at t = i / N on COPS's start curve, the parabola x = t, y = 1 + 4 t (t - 1/2) (lowest at
  // t = 1/4); its links are shorter than l, so the start is infeasible but not degenerate. (A straight start
  // is: all link directions parallel, the Jacobian of the N constraints in the N - 1 joints has rank N - 1.)
  const double L = 4.0, ya = 1.0, yb = 3.0, l = L / N;
  QuadraticSumProblem p;
  p.name = fmt::format("chain{}", N);
  p.n = 2 * (N - 1);
  auto x = [&](int i) {
    return i == 0 ? Operand::constant(0.0) : i == N ? Operand::constant(1.0) : Operand::variable(2 * (i - 1));
  };
  auto y = [&](int i) {
    return i == 0   ? Operand::constant(ya)
           : i == N ? Operand::constant(yb)
                    : Operand::variable(2 * (i - 1) + 1);
  };
  p.x0.assign(static_cast<std::size_t>(p.n), 0.0);
  p.objective.assign(static_cast<std::size_t>(p.n), 0.0);
  for (int i = 1; i < N; ++i) {
    const double t = static_cast<double>(i) / N;
    p.x0[static_cast<std::size_t>(x(i).var)] = t;
    p.x0[static_cast<std::size_t>(y(i).var)] = ya + 2.0 * (yb - ya) * t * (t - 0.5);
    p.objective[static_cast<std::size_t>(y(i).var)] = l;  // y_i is the end of link i and the start of i + 1
  }
  p.objective_constant = l * (ya + yb) / 2;
  for (int i = 1; i <= N; ++i) {
    p.constraints.push_back({{x(i), x(i - 1)}, {y(i), y(i - 1)}});
    p.rhs.push_back(l * l);
  }
  return p;
}

QuadraticSumProblem generated_problem(const std::string& name, int size) {
  if (name == "catenary") {
    return catenary(size);
  }
  if (name == "chain") {
    return hanging_chain(size);
  }
  throw UsageError("--problem must be catenary or chain, got '" + name + "'");
}

}  // namespace adasolve::bench::nl
