#pragma once
// Solid obstacle masks for 3D (and 2D) grids, deterministic given their parameters and seed.
#include <cstdint>
#include <string>

#include "adasolve/pde/grid.hpp"

namespace adasolve::pde {

/// Sphere of radius `radius` (fraction of the box edge) at the box centre.
SolidMask sphere_mask(GridShape shape, double radius = 0.25);
/// `count` axis-aligned boxes at seeded random positions, sizes 10-25% of the edge; never touching the box
/// boundary so no fluid region is enclosed.
SolidMask boxes_mask(GridShape shape, int count = 4, std::uint64_t seed = 1);
/// An irregular blob: level set of a few seeded random Gaussian bumps, thresholded; enclosed fluid
/// pockets are filled (made solid) so the system stays SPD.
SolidMask blob_mask(GridShape shape, std::uint64_t seed = 1);
/// "none", "sphere", "boxes", "blob" (InputError otherwise); "cube" is a synonym of "none".
SolidMask named_mask(const std::string& name, GridShape shape, std::uint64_t seed = 1);

}  // namespace adasolve::pde
