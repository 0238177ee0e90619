#pragma once
// The policies' random source: a 64-bit Mersenne twister with an explicit seed, its full state
// serialisable to a string (so a restored policy draws the same numbers), and inverse-CDF sampling that
// does not depend on the standard library's distribution implementations.
#include <cstdint>
#include <random>
#include <span>
#include <sstream>
#include <string>

namespace adasolve::detail {

class SeededRng {
 public:
  explicit SeededRng(std::uint64_t seed = 1) : engine_(seed) {}

  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  /// Index i with probability p_i (p normalised, nonnegative); the last positive entry absorbs rounding.
  std::size_t sample(std::span<const double> p) {
    const double u = uniform();
    double cumulative = 0.0;
    std::size_t last_positive = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] > 0.0) {
        last_positive = i;
      }
      cumulative += p[i];
      if (u < cumulative) {
        return i;
      }
    }
    return last_positive;
  }

  std::string save() const {
    std::ostringstream out;
    out << engine_;
    return out.str();
  }
  void load(const std::string& text) {
    std::istringstream in(text);
    in >> engine_;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace adasolve::detail
