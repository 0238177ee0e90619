#pragma once
// Forward-mode automatic differentiation to second order for the small built-in test problems (n <= 8):
// a number carries its value, its gradient and its (dense, symmetric) Hessian with respect to the inputs,
// and every operation applies the exact chain rule
//     (u o v)' = ...,   Hess phi(u) = phi'(u) Hess u + phi''(u) grad u grad u^T.
// The derivatives are therefore exact (to rounding), not finite differences.
#include <array>
#include <cmath>

namespace adasolve::nlp::detail {

inline constexpr int kMaxDualVars = 8;

struct Dual2 {
  double v = 0.0;
  std::array<double, kMaxDualVars> g{};
  std::array<double, kMaxDualVars * kMaxDualVars> h{};

  Dual2() = default;
  Dual2(double value) : v(value) {}  // NOLINT: constants mix freely with variables
  static Dual2 variable(double value, int index) {
    Dual2 d(value);
    d.g[static_cast<std::size_t>(index)] = 1.0;
    return d;
  }
  double hess(int i, int j) const { return h[static_cast<std::size_t>(i * kMaxDualVars + j)]; }
};

/// phi(u) from phi(u.v), phi'(u.v), phi''(u.v).
inline Dual2 chain(const Dual2& u, double value, double d1, double d2) {
  Dual2 r(value);
  for (int i = 0; i < kMaxDualVars; ++i) {
    r.g[i] = d1 * u.g[i];
  }
  for (int i = 0; i < kMaxDualVars; ++i) {
    for (int j = 0; j < kMaxDualVars; ++j) {
      const std::size_t k = static_cast<std::size_t>(i * kMaxDualVars + j);
      r.h[k] = d1 * u.h[k] + d2 * u.g[i] * u.g[j];
    }
  }
  return r;
}

inline Dual2 operator+(const Dual2& a, const Dual2& b) {
  Dual2 r(a.v + b.v);
  for (std::size_t i = 0; i < r.g.size(); ++i) {
    r.g[i] = a.g[i] + b.g[i];
  }
  for (std::size_t i = 0; i < r.h.size(); ++i) {
    r.h[i] = a.h[i] + b.h[i];
  }
  return r;
}
inline Dual2 operator-(const Dual2& a) {
  Dual2 r(-a.v);
  for (std::size_t i = 0; i < r.g.size(); ++i) {
    r.g[i] = -a.g[i];
  }
  for (std::size_t i = 0; i < r.h.size(); ++i) {
    r.h[i] = -a.h[i];
  }
  return r;
}
inline Dual2 operator-(const Dual2& a, const Dual2& b) { return a + (-b); }
/// (ab)'' = a'' b + a b'' + a' b'^T + b' a'^T
inline Dual2 operator*(const Dual2& a, const Dual2& b) {
  Dual2 r(a.v * b.v);
  for (int i = 0; i < kMaxDualVars; ++i) {
    r.g[i] = a.g[i] * b.v + a.v * b.g[i];
  }
  for (int i = 0; i < kMaxDualVars; ++i) {
    for (int j = 0; j < kMaxDualVars; ++j) {
      const std::size_t k = static_cast<std::size_t>(i * kMaxDualVars + j);
      r.h[k] = a.h[k] * b.v + a.v * b.h[k] + a.g[i] * b.g[j] + b.g[i] * a.g[j];
    }
  }
  return r;
}
/// 1/u: phi' = -1/u^2, phi'' = 2/u^3
inline Dual2 reciprocal(const Dual2& u) {
  return chain(u, 1.0 / u.v, -1.0 / (u.v * u.v), 2.0 / (u.v * u.v * u.v));
}
inline Dual2 operator/(const Dual2& a, const Dual2& b) { return a * reciprocal(b); }
inline Dual2& operator+=(Dual2& a, const Dual2& b) { return a = a + b; }

inline Dual2 sin(const Dual2& u) { return chain(u, std::sin(u.v), std::cos(u.v), -std::sin(u.v)); }
inline Dual2 cos(const Dual2& u) { return chain(u, std::cos(u.v), -std::sin(u.v), -std::cos(u.v)); }
inline Dual2 exp(const Dual2& u) { return chain(u, std::exp(u.v), std::exp(u.v), std::exp(u.v)); }
inline Dual2 log(const Dual2& u) { return chain(u, std::log(u.v), 1.0 / u.v, -1.0 / (u.v * u.v)); }
/// u^p for an integer p: phi' = p u^(p-1), phi'' = p (p-1) u^(p-2)
inline Dual2 ipow(const Dual2& u, int p) {
  return chain(u, std::pow(u.v, p), p * std::pow(u.v, p - 1), p * (p - 1) * std::pow(u.v, p - 2));
}
inline double ipow(double u, int p) { return std::pow(u, p); }

}  // namespace adasolve::nlp::detail
