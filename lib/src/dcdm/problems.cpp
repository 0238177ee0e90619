#include "adasolve/dcdm/problems.hpp"

#include <cmath>
#include <random>

#include "adasolve/core/error.hpp"

namespace adasolve::dcdm {

std::vector<double> gaussian_rhs(Index unknowns, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<double> b(static_cast<std::size_t>(unknowns));
  for (auto& v : b) {
    v = normal(rng);
  }
  return b;
}

std::vector<double> smooth_source_rhs(const GridMap& map, std::uint64_t seed, int bumps) {
  struct Bump {
    double cx, cy, cz, width, amplitude;
  };
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> centre(0.2, 0.8), width(0.05, 0.15), amplitude(-1.0, 1.0);
  std::vector<Bump> source;
  for (int i = 0; i < bumps; ++i) {
    source.push_back({centre(rng), centre(rng), centre(rng), width(rng), amplitude(rng)});
  }
  const auto& s = map.shape;
  std::vector<double> b(static_cast<std::size_t>(map.unknowns()));
  for (std::size_t u = 0; u < b.size(); ++u) {
    const Index c = map.cell_of_unknown.empty() ? static_cast<Index>(u) : map.cell_of_unknown[u];
    const double x = (c % s.nx + 0.5) / s.nx;
    const double y = ((c / s.nx) % s.ny + 0.5) / s.ny;
    const double z = (c / (s.nx * s.ny) + 0.5) / s.nz;
    double value = 0.0;
    for (const Bump& g : source) {
      const double d2 = (x - g.cx) * (x - g.cx) + (y - g.cy) * (y - g.cy) + (z - g.cz) * (z - g.cz);
      value += g.amplitude * std::exp(-d2 / (2.0 * g.width * g.width));
    }
    b[u] = value;
  }
  return b;
}

std::vector<double> named_rhs(const std::string& kind, const GridMap& map, std::uint64_t seed) {
  if (kind == "gaussian") {
    return gaussian_rhs(map.unknowns(), seed);
  }
  if (kind == "smooth") {
    return smooth_source_rhs(map, seed);
  }
  throw UsageError("rhs must be gaussian or smooth, got '" + kind + "'");
}

}  // namespace adasolve::dcdm
