#include "adasolve/pde/obstacles.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

#include "adasolve/core/error.hpp"
#include "pde/fluid_regions.hpp"

namespace adasolve::pde {

namespace {

/// Uniform double in [lo, hi) from the top 53 bits of one draw (same stream on every platform).
double uniform(std::mt19937_64& rng, double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

/// Integer in [lo, hi] (inclusive).
Index uniform_index(std::mt19937_64& rng, Index lo, Index hi) {
  return lo + static_cast<Index>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
}

SolidMask empty_mask(const GridShape& shape, std::string name) {
  shape.validate();
  SolidMask mask;
  mask.shape = shape;
  mask.solid.assign(static_cast<std::size_t>(shape.cells()), 0);
  mask.name = std::move(name);
  return mask;
}

/// Makes solid every fluid cell that cannot reach the box boundary (its Neumann problem would be singular).
void fill_enclosed_fluid(SolidMask& mask) {
  const auto reached = detail::fluid_reaching_boundary(mask.shape, !mask.shape.is_2d(), mask.solid);
  for (std::size_t c = 0; c < mask.solid.size(); ++c) {
    if (reached[c] == 0) {
      mask.solid[c] = 1;
    }
  }
}

double centre(Index i, Index n) { return (i + 0.5) / n; }

}  // namespace

SolidMask sphere_mask(GridShape shape, double radius) {
  if (!(radius > 0.0 && radius <= 0.5)) {
    throw UsageError("sphere radius must be in (0, 0.5] (fraction of the box edge), got " +
                     std::to_string(radius));
  }
  SolidMask mask = empty_mask(shape, "sphere");
  const bool three_d = !shape.is_2d();
  // |x - (0.5, 0.5, 0.5)| < radius at the cell centre.
  for (Index k = 0; k < shape.nz; ++k) {
    const double dz = three_d ? centre(k, shape.nz) - 0.5 : 0.0;
    for (Index j = 0; j < shape.ny; ++j) {
      const double dy = centre(j, shape.ny) - 0.5;
      for (Index i = 0; i < shape.nx; ++i) {
        const double dx = centre(i, shape.nx) - 0.5;
        if (dx * dx + dy * dy + dz * dz < radius * radius) {
          mask.solid[static_cast<std::size_t>(shape.cell(i, j, k))] = 1;
        }
      }
    }
  }
  fill_enclosed_fluid(mask);
  return mask;
}

SolidMask boxes_mask(GridShape shape, int count, std::uint64_t seed) {
  if (count < 0) {
    throw UsageError("number of boxes must be >= 0, got " + std::to_string(count));
  }
  const bool three_d = !shape.is_2d();
  if (shape.nx < 3 || shape.ny < 3 || (three_d && shape.nz < 3)) {
    throw UsageError("boxes need at least 3 cells per axis (a box never touches the box boundary)");
  }
  SolidMask mask = empty_mask(shape, "boxes-seed" + std::to_string(seed));
  std::mt19937_64 rng(seed);
  const std::array<Index, 3> extent = {shape.nx, shape.ny, shape.nz};
  const int axes = three_d ? 3 : 2;
  for (int b = 0; b < count; ++b) {
    std::array<Index, 3> lo = {0, 0, 0};
    std::array<Index, 3> hi = {1, 1, 1};  // half-open [lo, hi)
    for (int a = 0; a < axes; ++a) {
      const Index n = extent[static_cast<std::size_t>(a)];
      // Side 10-25% of the edge, at least 1 cell, at most n - 2 so one fluid layer stays on each side.
      const auto side =
          std::clamp(static_cast<Index>(std::lround(uniform(rng, 0.10, 0.25) * n)), Index{1}, n - 2);
      lo[static_cast<std::size_t>(a)] = uniform_index(rng, 1, n - 1 - side);
      hi[static_cast<std::size_t>(a)] = lo[static_cast<std::size_t>(a)] + side;
    }
    for (Index k = lo[2]; k < hi[2]; ++k) {
      for (Index j = lo[1]; j < hi[1]; ++j) {
        for (Index i = lo[0]; i < hi[0]; ++i) {
          mask.solid[static_cast<std::size_t>(shape.cell(i, j, k))] = 1;
        }
      }
    }
  }
  fill_enclosed_fluid(mask);
  return mask;
}

SolidMask blob_mask(GridShape shape, std::uint64_t seed) {
  SolidMask mask = empty_mask(shape, "blob-seed" + std::to_string(seed));
  const bool three_d = !shape.is_2d();
  constexpr int kBumps = 5;
  constexpr double kThreshold = 0.5;
  std::mt19937_64 rng(seed);
  std::vector<double> level(static_cast<std::size_t>(shape.cells()), 0.0);
  std::array<double, 3> first_centre{};
  for (int b = 0; b < kBumps; ++b) {
    const std::array<double, 3> c = {uniform(rng, 0.3, 0.7), uniform(rng, 0.3, 0.7), uniform(rng, 0.3, 0.7)};
    const double width = uniform(rng, 0.06, 0.12);
    if (b == 0) {
      first_centre = c;
    }
    // exp(-|x - c|^2 / (2 w^2)) factorises over the axes: tabulate each factor once.
    auto axis_factor = [&](Index n, double ci) {
      std::vector<double> f(static_cast<std::size_t>(n));
      for (Index i = 0; i < n; ++i) {
        const double d = centre(i, n) - ci;
        f[static_cast<std::size_t>(i)] = std::exp(-d * d / (2.0 * width * width));
      }
      return f;
    };
    const auto fx = axis_factor(shape.nx, c[0]);
    const auto fy = axis_factor(shape.ny, c[1]);
    const auto fz = three_d ? axis_factor(shape.nz, c[2]) : std::vector<double>{1.0};
    for (Index k = 0; k < shape.nz; ++k) {
      for (Index j = 0; j < shape.ny; ++j) {
        const double fzy = fz[static_cast<std::size_t>(k)] * fy[static_cast<std::size_t>(j)];
        double* row = level.data() + shape.cell(0, j, k);
        for (Index i = 0; i < shape.nx; ++i) {
          row[i] += fzy * fx[static_cast<std::size_t>(i)];
        }
      }
    }
  }
  for (std::size_t c = 0; c < level.size(); ++c) {
    mask.solid[c] = level[c] > kThreshold ? 1 : 0;
  }
  auto cell_of = [](double x, Index n) { return std::min(static_cast<Index>(x * n), n - 1); };
  mask.solid[static_cast<std::size_t>(shape.cell(cell_of(first_centre[0], shape.nx),
                                                 cell_of(first_centre[1], shape.ny),
                                                 three_d ? cell_of(first_centre[2], shape.nz) : 0))] = 1;
  fill_enclosed_fluid(mask);
  return mask;
}

SolidMask named_mask(const std::string& name, GridShape shape, std::uint64_t seed) {
  if (name == "none" || name == "cube") {
    shape.validate();
    return SolidMask{shape, {}, "none"};
  }
  if (name == "sphere") {
    return sphere_mask(shape);
  }
  if (name == "boxes") {
    return boxes_mask(shape, 4, seed);
  }
  if (name == "blob") {
    return blob_mask(shape, seed);
  }
  throw InputError("unknown obstacle '" + name + "' (expected none, sphere, boxes or blob)");
}

}  // namespace adasolve::pde
