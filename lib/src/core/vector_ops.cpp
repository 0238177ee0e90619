#include "adasolve/core/vector_ops.hpp"

#include <algorithm>
#include <cmath>

namespace adasolve::vec {

double dot(std::span<const Scalar> x, std::span<const Scalar> y) {
  double sum = 0.0;  // sum_i x_i y_i
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i) {
    sum += x[i] * y[i];
  }
  return sum;
}

double norm2(std::span<const Scalar> x) {
  // Plain sum of squares first (fast path); rescale by max |x_i| only when it over- or underflowed.
  double sum = 0.0;
  for (double v : x) {
    sum += v * v;
  }
  if (std::isfinite(sum) && sum > 1e-280) {
    return std::sqrt(sum);
  }
  const double big = norm_inf(x);
  if (big == 0.0 || !std::isfinite(big)) {
    return big == 0.0 ? 0.0 : big;
  }
  double scaled = 0.0;  // ||x|| = big * sqrt(sum (x_i/big)^2)
  for (double v : x) {
    const double t = v / big;
    scaled += t * t;
  }
  return big * std::sqrt(scaled);
}

double norm_inf(std::span<const Scalar> x) {
  double m = 0.0;
  for (double v : x) {
    const double a = std::abs(v);
    if (!(a <= m)) {  // also propagates NaN
      m = a;
    }
  }
  return m;
}

void axpy(Scalar alpha, std::span<const Scalar> x, std::span<Scalar> y) {
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i) {
    y[i] += alpha * x[i];
  }
}

void xpby(std::span<const Scalar> x, Scalar beta, std::span<Scalar> y) {
  const std::size_t n = x.size();
  for (std::size_t i = 0; i < n; ++i) {
    y[i] = x[i] + beta * y[i];
  }
}

void scale(Scalar alpha, std::span<Scalar> x) {
  for (double& v : x) {
    v *= alpha;
  }
}

void copy(std::span<const Scalar> x, std::span<Scalar> y) { std::copy(x.begin(), x.end(), y.begin()); }

void fill(std::span<Scalar> x, Scalar value) { std::fill(x.begin(), x.end(), value); }

bool all_finite(std::span<const Scalar> x) {
  return std::all_of(x.begin(), x.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace adasolve::vec
