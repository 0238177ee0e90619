#pragma once
// Right-hand sides of the DCDM experiments (issue item 3):
//   gaussian  b_u ~ N(0, 1) independently, fixed seed (the benchmark targets use it);
//   smooth    a smooth source: the sum of `bumps` Gaussian bumps a_i exp(-|x - c_i|^2 / (2 s_i^2)) over the
//             cell centres x in the unit box, seeded centres c_i in [0.2, 0.8]^3, widths s_i in [0.05, 0.15],
//             amplitudes a_i in [-1, 1]; zero in solid cells (they are not unknowns).
#include <cstdint>
#include <string>
#include <vector>

#include "adasolve/dcdm/grid_map.hpp"

namespace adasolve::dcdm {

std::vector<double> gaussian_rhs(Index unknowns, std::uint64_t seed);
std::vector<double> smooth_source_rhs(const GridMap& map, std::uint64_t seed, int bumps = 4);
/// "gaussian" | "smooth" (UsageError otherwise).
std::vector<double> named_rhs(const std::string& kind, const GridMap& map, std::uint64_t seed);

}  // namespace adasolve::dcdm
