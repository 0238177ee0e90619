#pragma once
// Connected fluid regions of a masked cell grid (private to the PDE generators).
//
// Two fluid cells are connected when they share a face. A region "touches the box boundary" when one of
// its cells has a face on the box boundary, i.e. a zero-Dirichlet ghost: only such regions give an SPD
// block of the Poisson matrix; a region without one has the pure Neumann problem (constant null space).
// In 2D (`three_d` false) the z faces do not count; in 3D a grid with nz = 1 has every cell on the boundary.
#include <span>
#include <vector>

#include "adasolve/pde/grid.hpp"

namespace adasolve::pde::detail {

/// reached[c] = 1 for fluid cells connected to the box boundary, 0 for solid cells and enclosed fluid.
/// `solid` is empty (all fluid) or has one entry per cell.
std::vector<unsigned char> fluid_reaching_boundary(const GridShape& shape, bool three_d,
                                                   std::span<const unsigned char> solid);

struct EnclosedRegion {
  Index first_cell = -1;  ///< smallest linear index in the region
  Index cells = 0;        ///< its size
};

/// The enclosed fluid region containing the first fluid cell not in `reached` (first_cell = -1 if none).
EnclosedRegion first_enclosed_region(const GridShape& shape, bool three_d,
                                     std::span<const unsigned char> solid,
                                     std::span<const unsigned char> reached);

/// "(i, j)" in 2D, "(i, j, k)" in 3D.
std::string describe_cell(const GridShape& shape, bool three_d, Index cell);

}  // namespace adasolve::pde::detail
