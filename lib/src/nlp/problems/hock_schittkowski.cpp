// The equality-only Hock-Schittkowski problems of alsketch.md §6 and MARATOS, with the standard start
// points and the optimal values of §6 as corrected by §6a. Indices in the comments are 1-based as in the
// book; the code is 0-based.
#include <cmath>
#include <numbers>

#include "adasolve/nlp/problems.hpp"
#include "autodiff_problem.hpp"

namespace adasolve::nlp::detail {

using std::cos;
using std::log;
using std::sin;

namespace {

template <class T>
T sq(const T& u) {
  return u * u;
}

const double kSqrt2 = std::numbers::sqrt2;

KnownOptimum opt(double value, bool unique = true) { return KnownOptimum{value, unique}; }

std::vector<SmallProblemDefinition> definitions() {
  std::vector<SmallProblemDefinition> p;
  p.push_back(define_problem(
      "HS6", 2, 1, {-1.2, 1.0}, opt(0.0), [](const auto* x) { return sq(1.0 - x[0]); },
      [](const auto* x, auto* c) { c[0] = 10.0 * (x[1] - sq(x[0])); }));
  p.push_back(define_problem(
      "HS7", 2, 1, {2.0, 2.0}, opt(-std::sqrt(3.0)), [](const auto* x) { return log(1.0 + sq(x[0])) - x[1]; },
      [](const auto* x, auto* c) { c[0] = sq(1.0 + sq(x[0])) + sq(x[1]) - 4.0; }));
  p.push_back(define_problem(
      "HS8", 2, 2, {2.0, 1.0}, opt(-1.0), [](const auto* x) { return 0.0 * x[0] - 1.0; },
      [](const auto* x, auto* c) {
        c[0] = sq(x[0]) + sq(x[1]) - 25.0;
        c[1] = x[0] * x[1] - 9.0;
      }));
  p.push_back(define_problem(
      "HS9", 2, 1, {0.0, 0.0}, opt(-0.5),
      [](const auto* x) { return sin(std::numbers::pi * x[0] / 12.0) * cos(std::numbers::pi * x[1] / 16.0); },
      [](const auto* x, auto* c) { c[0] = 4.0 * x[0] - 3.0 * x[1]; }));
  p.push_back(define_problem(
      "HS26", 3, 1, {-2.6, 2.0, 2.0}, opt(0.0),
      [](const auto* x) { return sq(x[0] - x[1]) + ipow(x[1] - x[2], 4); },
      [](const auto* x, auto* c) { c[0] = (1.0 + sq(x[1])) * x[0] + ipow(x[2], 4) - 3.0; }));
  p.push_back(define_problem(
      "HS27", 3, 1, {2.0, 2.0, 2.0}, opt(0.04),
      [](const auto* x) { return 0.01 * sq(x[0] - 1.0) + sq(x[1] - sq(x[0])); },
      [](const auto* x, auto* c) { c[0] = x[0] + sq(x[2]) + 1.0; }));
  p.push_back(define_problem(
      "HS28", 3, 1, {-4.0, 1.0, 1.0}, opt(0.0),
      [](const auto* x) { return sq(x[0] + x[1]) + sq(x[1] + x[2]); },
      [](const auto* x, auto* c) { c[0] = x[0] + 2.0 * x[1] + 3.0 * x[2] - 1.0; }));
  p.push_back(define_problem(
      "HS39", 4, 2, {2.0, 2.0, 2.0, 2.0}, opt(-1.0), [](const auto* x) { return -x[0]; },
      [](const auto* x, auto* c) {
        c[0] = x[1] - ipow(x[0], 3) - sq(x[2]);
        c[1] = sq(x[0]) - x[1] - sq(x[3]);
      }));
  p.push_back(define_problem(
      "HS40", 4, 3, {0.8, 0.8, 0.8, 0.8}, opt(-0.25),
      [](const auto* x) { return -x[0] * x[1] * x[2] * x[3]; },
      [](const auto* x, auto* c) {
        c[0] = ipow(x[0], 3) + sq(x[1]) - 1.0;
        c[1] = sq(x[0]) * x[3] - x[2];
        c[2] = sq(x[3]) - x[1];
      }));
  p.push_back(define_problem(
      "HS42", 4, 2, {1.0, 1.0, 1.0, 1.0}, opt(28.0 - 10.0 * kSqrt2),
      [](const auto* x) { return sq(x[0] - 1.0) + sq(x[1] - 2.0) + sq(x[2] - 3.0) + sq(x[3] - 4.0); },
      [](const auto* x, auto* c) {
        c[0] = x[0] - 2.0;
        c[1] = sq(x[2]) + sq(x[3]) - 2.0;
      }));
  p.push_back(define_problem(
      "HS46", 5, 2, {kSqrt2 / 2.0, 1.75, 0.5, 2.0, 2.0}, opt(0.0),
      [](const auto* x) {
        return sq(x[0] - x[1]) + sq(x[2] - 1.0) + ipow(x[3] - 1.0, 4) + ipow(x[4] - 1.0, 6);
      },
      [](const auto* x, auto* c) {
        c[0] = sq(x[0]) * x[3] + sin(x[3] - x[4]) - 1.0;
        c[1] = x[1] + ipow(x[2], 4) * sq(x[3]) - 2.0;
      }));
  p.push_back(define_problem(
      "HS47", 5, 3, {2.0, kSqrt2, -1.0, 2.0 - kSqrt2, 0.5}, opt(0.0),
      [](const auto* x) {
        return sq(x[0] - x[1]) + ipow(x[1] - x[2], 3) + ipow(x[2] - x[3], 4) + ipow(x[3] - x[4], 4);
      },
      [](const auto* x, auto* c) {
        c[0] = x[0] + sq(x[1]) + ipow(x[2], 3) - 3.0;
        c[1] = x[1] - sq(x[2]) + x[3] - 1.0;
        c[2] = x[0] * x[4] - 1.0;
      }));
  p.push_back(define_problem(
      "HS48", 5, 2, {3.0, 5.0, -3.0, 2.0, -2.0}, opt(0.0),
      [](const auto* x) { return sq(x[0] - 1.0) + sq(x[1] - x[2]) + sq(x[3] - x[4]); },
      [](const auto* x, auto* c) {
        c[0] = x[0] + x[1] + x[2] + x[3] + x[4] - 5.0;
        c[1] = x[2] - 2.0 * (x[3] + x[4]) + 3.0;
      }));
  p.push_back(define_problem(
      "HS49", 5, 2, {10.0, 7.0, 2.0, -3.0, 0.8}, opt(0.0),
      [](const auto* x) {
        return sq(x[0] - x[1]) + sq(x[2] - 1.0) + ipow(x[3] - 1.0, 4) + ipow(x[4] - 1.0, 6);
      },
      [](const auto* x, auto* c) {
        c[0] = x[0] + x[1] + x[2] + 4.0 * x[3] - 7.0;
        c[1] = x[2] + 5.0 * x[4] - 6.0;
      }));
  p.push_back(define_problem(
      "HS50", 5, 3, {35.0, -31.0, 11.0, 5.0, -5.0}, opt(0.0),
      [](const auto* x) {
        return sq(x[0] - x[1]) + sq(x[1] - x[2]) + ipow(x[2] - x[3], 4) + sq(x[3] - x[4]);
      },
      [](const auto* x, auto* c) {
        c[0] = x[0] + 2.0 * x[1] + 3.0 * x[2] - 6.0;
        c[1] = x[1] + 2.0 * x[2] + 3.0 * x[3] - 6.0;
        c[2] = x[2] + 2.0 * x[3] + 3.0 * x[4] - 6.0;
      }));
  p.push_back(define_problem(
      "HS51", 5, 3, {2.5, 0.5, 2.0, -1.0, 0.5}, opt(0.0),
      [](const auto* x) { return sq(x[0] - x[1]) + sq(x[1] + x[2] - 2.0) + sq(x[3] - 1.0) + sq(x[4] - 1.0); },
      [](const auto* x, auto* c) {
        c[0] = x[0] + 3.0 * x[1] - 4.0;
        c[1] = x[2] + x[3] - 2.0 * x[4];
        c[2] = x[1] - x[4];
      }));
  p.push_back(define_problem(
      "HS52", 5, 3, {2.0, 2.0, 2.0, 2.0, 2.0}, opt(1859.0 / 349.0),
      [](const auto* x) {
        return sq(4.0 * x[0] - x[1]) + sq(x[1] + x[2] - 2.0) + sq(x[3] - 1.0) + sq(x[4] - 1.0);
      },
      [](const auto* x, auto* c) {
        c[0] = x[0] + 3.0 * x[1];
        c[1] = x[2] + x[3] - 2.0 * x[4];
        c[2] = x[1] - x[4];
      }));
  const double a = std::asin(std::sqrt(1.0 / 4.2));
  const double b = std::asin(std::sqrt(5.0 / 7.2));
  p.push_back(define_problem(
      "HS56", 7, 4, {1.0, 1.0, 1.0, a, a, a, b}, opt(-3.456),
      [](const auto* x) { return -x[0] * x[1] * x[2]; },
      [](const auto* x, auto* c) {
        for (int i = 0; i < 3; ++i) {
          c[i] = x[i] - 4.2 * sq(sin(x[i + 3]));
        }
        c[3] = x[0] + 2.0 * x[1] + 2.0 * x[2] - 7.2 * sq(sin(x[6]));
      }));
  p.push_back(define_problem(
      "HS61", 3, 2, {0.0, 0.0, 0.0}, opt(-143.6461422),
      [](const auto* x) {
        return 4.0 * sq(x[0]) + 2.0 * sq(x[1]) + 2.0 * sq(x[2]) - 33.0 * x[0] + 16.0 * x[1] - 24.0 * x[2];
      },
      [](const auto* x, auto* c) {
        c[0] = 3.0 * x[0] - 2.0 * sq(x[1]) - 7.0;
        c[1] = 4.0 * x[0] - sq(x[2]) - 11.0;
      }));
  p.push_back(define_problem(
      "HS77", 5, 2, {2.0, 2.0, 2.0, 2.0, 2.0}, opt(0.24150513),
      [](const auto* x) {
        return sq(x[0] - 1.0) + sq(x[0] - x[1]) + sq(x[2] - 1.0) + ipow(x[3] - 1.0, 4) + ipow(x[4] - 1.0, 6);
      },
      [](const auto* x, auto* c) {
        c[0] = sq(x[0]) * x[3] + sin(x[3] - x[4]) - 2.0 * kSqrt2;
        c[1] = x[1] + ipow(x[2], 4) * sq(x[3]) - 8.0 - kSqrt2;
      }));
  p.push_back(define_problem(
      "HS78", 5, 3, {-2.0, 1.5, 2.0, -1.0, -1.0}, opt(-2.91970041),
      [](const auto* x) { return x[0] * x[1] * x[2] * x[3] * x[4]; },
      [](const auto* x, auto* c) {
        c[0] = sq(x[0]) + sq(x[1]) + sq(x[2]) + sq(x[3]) + sq(x[4]) - 10.0;
        c[1] = x[1] * x[2] - 5.0 * x[3] * x[4];
        c[2] = ipow(x[0], 3) + ipow(x[1], 3) + 1.0;
      }));
  p.push_back(define_problem(
      "HS79", 5, 3, {2.0, 2.0, 2.0, 2.0, 2.0}, opt(0.0787768),
      [](const auto* x) {
        return sq(x[0] - 1.0) + sq(x[0] - x[1]) + sq(x[1] - x[2]) + ipow(x[2] - x[3], 4) +
               ipow(x[3] - x[4], 4);
      },
      [](const auto* x, auto* c) {
        c[0] = x[0] + sq(x[1]) + ipow(x[2], 3) - 2.0 - 3.0 * kSqrt2;
        c[1] = x[1] - sq(x[2]) + x[3] + 2.0 - 2.0 * kSqrt2;
        c[2] = x[0] * x[4] - 2.0;
      }));
  p.push_back(define_problem(
      "HS100LNP", 7, 2, {1.0, 2.0, 0.0, 4.0, 0.0, 1.0, 1.0}, opt(680.6300573),
      [](const auto* x) {
        return sq(x[0] - 10.0) + 5.0 * sq(x[1] - 12.0) + ipow(x[2], 4) + 3.0 * sq(x[3] - 11.0) +
               10.0 * ipow(x[4], 6) + 7.0 * sq(x[5]) + ipow(x[6], 4) - 4.0 * x[5] * x[6] - 10.0 * x[5] -
               8.0 * x[6];
      },
      [](const auto* x, auto* c) {
        c[0] = 127.0 - 2.0 * sq(x[0]) - 3.0 * ipow(x[1], 4) - x[2] - 4.0 * sq(x[3]) - 5.0 * x[4];
        c[1] = -4.0 * sq(x[0]) - sq(x[1]) + 3.0 * x[0] * x[1] - 2.0 * sq(x[2]) - 5.0 * x[5] + 11.0 * x[6];
      }));
  // MARATOS, textbook form: on the feasible circle f = -x1, minimised at (1, 0) with f* = -1.
  p.push_back(define_problem(
      "MARATOS", 2, 1, {1.1, 0.1}, opt(-1.0),
      [](const auto* x) { return -x[0] + 10.0 * (sq(x[0]) + sq(x[1]) - 1.0); },
      [](const auto* x, auto* c) { c[0] = sq(x[0]) + sq(x[1]) - 1.0; }));
  return p;
}

}  // namespace

}  // namespace adasolve::nlp::detail

namespace adasolve::nlp {

std::vector<std::string> builtin_problem_names() {
  std::vector<std::string> names;
  for (const auto& d : detail::definitions()) {
    names.push_back(d.name);
  }
  return names;
}

std::unique_ptr<NlpProblem> make_builtin_problem(const std::string& name) {
  std::string upper;
  for (char ch : name) {
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  for (auto& d : detail::definitions()) {
    if (d.name == upper) {
      return std::make_unique<detail::AutodiffProblem>(std::move(d));
    }
  }
  return nullptr;
}

}  // namespace adasolve::nlp
