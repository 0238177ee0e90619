#include "adasolve/pde/grid.hpp"

#include <algorithm>
#include <cstdint>

#include "adasolve/core/error.hpp"
#include "adasolve/core/memory.hpp"

namespace adasolve::pde {

std::span<const SettingField<CubeGridSettings>> CubeGridSettings::fields() {
  static const SettingField<CubeGridSettings> described[] = {
      {"n", &CubeGridSettings::n, "cells per side", SettingRange::at_least(1.0)},
  };
  return described;
}

void CubeGridSettings::validate() const { check_ranges(*this, fields()); }

GridShape CubeGridSettings::shape(int dimensions) const {
  validate();
  if (dimensions != 2 && dimensions != 3) {
    throw UsageError("a cube grid has 2 or 3 dimensions, got " + std::to_string(dimensions));
  }
  const GridShape shape{n, n, dimensions == 3 ? n : 1};
  shape.validate();
  return shape;
}

void GridShape::validate() const {
  if (nx < 1 || ny < 1 || nz < 1) {
    throw UsageError("grid extents must be >= 1, got " + std::to_string(nx) + " x " + std::to_string(ny) +
                     " x " + std::to_string(nz));
  }
  // 7 stored entries per cell (3D stencil) must fit the 32-bit row offsets too.
  const std::int64_t cells64 = std::int64_t{nx} * ny * nz;
  if (cells64 * 7 > kMaxIndex) {
    throw UsageError("grid " + std::to_string(nx) + " x " + std::to_string(ny) + " x " + std::to_string(nz) +
                     " is too large for 32-bit indices (at most " + std::to_string(kMaxIndex / 7) +
                     " cells)");
  }
  // Per cell: the 7-point CSR row (7 x (4 + 8) bytes + a 4-byte offset), about ten work vectors of
  // doubles for the generator and a Krylov solver, and the masks: ~200 bytes. Refused before allocation.
  require_fits_in_memory(
      200.0 * static_cast<double>(cells64),
      "grid " + std::to_string(nx) + " x " + std::to_string(ny) + " x " + std::to_string(nz));
}

Index SolidMask::solid_cells() const {
  return static_cast<Index>(
      std::count_if(solid.begin(), solid.end(), [](unsigned char s) { return s != 0; }));
}

void GridProblem::scatter(std::span<const double> x, std::span<double> full) const {
  if (x.size() != cell_of_unknown.size() || full.size() != unknown_of_cell.size()) {
    throw UsageError("scatter: expected " + std::to_string(cell_of_unknown.size()) + " unknowns onto " +
                     std::to_string(unknown_of_cell.size()) + " cells, got " + std::to_string(x.size()) +
                     " onto " + std::to_string(full.size()));
  }
  for (std::size_t c = 0; c < full.size(); ++c) {
    const Index u = unknown_of_cell[c];
    full[c] = u < 0 ? 0.0 : x[static_cast<std::size_t>(u)];
  }
}

void GridProblem::gather(std::span<const double> full, std::span<double> x) const {
  if (x.size() != cell_of_unknown.size() || full.size() != unknown_of_cell.size()) {
    throw UsageError("gather: expected " + std::to_string(unknown_of_cell.size()) + " cells into " +
                     std::to_string(cell_of_unknown.size()) + " unknowns, got " +
                     std::to_string(full.size()) + " into " + std::to_string(x.size()));
  }
  for (std::size_t u = 0; u < x.size(); ++u) {
    x[u] = full[static_cast<std::size_t>(cell_of_unknown[u])];
  }
}

}  // namespace adasolve::pde
