#pragma once
// Solid obstacle masks for 3D (and 2D) grids, deterministic given their parameters and seed.
//
// Coordinates: cell (i, j, k) has its centre at ((i + 0.5) / nx, (j + 0.5) / ny, (k + 0.5) / nz) in the unit
// box (2D grids, nz = 1, ignore z). Every mask returned here leaves each fluid region connected to the box
// boundary (enclosed fluid pockets are made solid), so poisson_2d / poisson_3d accept it (SPD system).
#include <cstdint>
#include <string>

#include "adasolve/pde/grid.hpp"

namespace adasolve::pde {

/// Sphere (disc in 2D) of radius `radius` (fraction of the box edge, in (0, 0.5]) at the box centre.
SolidMask sphere_mask(GridShape shape, double radius = 0.25);
/// `count` axis-aligned boxes at seeded random positions, each side 10-25% of the edge (at least one cell),
/// never touching the box boundary (needs at least 3 cells per axis). Boxes may overlap.
SolidMask boxes_mask(GridShape shape, int count = 4, std::uint64_t seed = 1);
/// An irregular blob: the set where a sum of 5 seeded Gaussian bumps (centres in [0.3, 0.7]^d, widths
/// 0.06-0.12) exceeds 0.5, plus the cell holding the first centre so it is never empty.
SolidMask blob_mask(GridShape shape, std::uint64_t seed = 1);
/// "none", "sphere", "boxes", "blob" (InputError otherwise); "cube" is a synonym of "none".
SolidMask named_mask(const std::string& name, GridShape shape, std::uint64_t seed = 1);

}  // namespace adasolve::pde
