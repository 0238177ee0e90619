#pragma once
// The policies' random source: a 64-bit Mersenne twister with an explicit seed, its full state
// serialisable to a string (so a restored policy draws the same numbers), and inverse-CDF sampling that
// does not depend on the standard library's distribution implementations.
#include <charconv>
#include <cstdint>
#include <random>
#include <span>
#include <sstream>
#include <string>

#include "adasolve/core/error.hpp"

namespace adasolve::bandit::detail {

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
  /// Restores a state written by save(): 312 words and an index. Anything else (cut short, a stray
  /// character, an index out of range) throws InputError and leaves the engine as it was.
  void load(const std::string& text) {
    // libstdc++ reads the words and the index without checking them; an index past the state would be
    // used unchecked on the next draw, so count and range are checked here first.
    constexpr std::size_t kWords = std::mt19937_64::state_size;
    std::istringstream check(text);
    std::size_t count = 0;
    unsigned long long value = 0;
    std::string token;
    while (check >> token) {
      const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
      if (error != std::errc() || end != token.data() + token.size()) {  // not a 64-bit unsigned number
        count = 0;
        break;
      }
      ++count;
    }
    if (count != kWords + 1 || value > kWords) {
      throw InputError("rng: not a saved random-number generator state (" + std::to_string(kWords) +
                       " words and an index <= " + std::to_string(kWords) + ")");
    }
    std::istringstream in(text);
    std::mt19937_64 restored;
    in >> restored;
    if (!in) {
      throw InputError("rng: not a saved random-number generator state");
    }
    engine_ = restored;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace adasolve::bandit::detail
