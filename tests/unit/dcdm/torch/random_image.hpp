#pragma once
// Seeded N(0, 1) float images: the network tests' inputs.
#include <random>
#include <vector>

namespace adasolve::test {

inline std::vector<float> random_image(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0F, 1.0F);
  std::vector<float> v(n);
  for (auto& x : v) {
    x = normal(rng);
  }
  return v;
}

}  // namespace adasolve::test
