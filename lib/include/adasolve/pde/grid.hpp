#pragma once
// Cell grids with an optional solid mask, and the map between unknowns and grid cells.
//
// A grid has nx x ny x nz cells (nz = 1 in 2D), cell (i, j, k) has linear index c = (k * ny + j) * nx + i.
// Solid cells are eliminated: they are not unknowns. GridProblem keeps both maps, so grid-based code (DCDM)
// can scatter a vector of unknowns onto the full grid with zeros in solid cells, and gather it back.
#include <array>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/setting_fields.hpp"

namespace adasolve::pde {

struct GridShape {
  Index nx = 1, ny = 1, nz = 1;
  Index cells() const { return nx * ny * nz; }
  bool is_2d() const { return nz == 1; }
  /// Linear index of cell (i, j, k).
  Index cell(Index i, Index j, Index k = 0) const { return (k * ny + j) * nx + i; }
  bool operator==(const GridShape&) const = default;
  /// Every extent >= 1 and nx * ny * nz (and 7 entries per cell) fit the 32-bit Index; UsageError otherwise.
  void validate() const;
};

/// The square or cube of n cells per side that the generated Poisson problems live on.
struct CubeGridSettings {
  Index n = 32;
  /// n >= 1 (the size limit of GridShape::validate() applies to the shape).
  static std::span<const SettingField<CubeGridSettings>> fields();
  void validate() const;
  /// n x n (dimensions 2) or n x n x n (dimensions 3), validated.
  GridShape shape(int dimensions) const;
};

/// true = solid (not an unknown). Empty `solid` = all fluid.
struct SolidMask {
  GridShape shape;
  std::vector<unsigned char> solid;  ///< one per cell, linear index as above (1 = solid)
  std::string name;                  ///< what made it ("sphere", "boxes-seed3", ...); used in problem names
  bool is_solid(Index cell) const { return !solid.empty() && solid[static_cast<std::size_t>(cell)] != 0; }
  Index solid_cells() const;
};

/// A linear system that lives on a grid.
struct GridProblem {
  std::string name;  ///< e.g. "poisson3d-64-sphere"
  GridShape shape;
  CsrMatrix matrix;                    ///< SPD when every fluid region touches the box boundary
  std::vector<Index> cell_of_unknown;  ///< unknown u -> linear cell index
  std::vector<Index> unknown_of_cell;  ///< cell -> unknown, or -1 for solid cells

  /// full[c] = x[unknown_of_cell[c]] or 0 in solid cells (full has shape.cells() entries).
  /// Sizes are checked (UsageError).
  void scatter(std::span<const double> x, std::span<double> full) const;
  /// x[u] = full[cell_of_unknown[u]] (values in solid cells are ignored).
  void gather(std::span<const double> full, std::span<double> x) const;
  Index unknowns() const { return matrix.rows(); }
};

}  // namespace adasolve::pde
