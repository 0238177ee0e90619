#pragma once
// Poisson problems on cell grids: -Laplace(u) = f with the 5-point (2D) / 7-point (3D) stencil, scaled so
// that the diagonal of a fluid cell with only fluid neighbours is 4 (2D) / 6 (3D) and off-diagonals are -1
// (no h^2 factor: the matrix is the graph Laplacian with Dirichlet ghosts).
//   * zero Dirichlet on the box boundary: a face on the box boundary adds 1 to the diagonal (ghost cell u =
//   0);
//   * no-flux (Neumann) on faces shared with solid cells: the face contributes nothing;
//   * solid cells are eliminated (not unknowns).
// The matrix is SPD iff every connected fluid region touches the box boundary; otherwise InputError
// names the first enclosed region ("fluid region of 12 cells around cell (4, 5, 6) does not touch the box
// boundary: its Neumann problem is singular").
#include "adasolve/pde/grid.hpp"

namespace adasolve::pde {

/// 2D Poisson on shape (nz must be 1), optional mask (empty = no solid cells).
GridProblem poisson_2d(GridShape shape, const SolidMask* mask = nullptr);
/// 3D Poisson on shape, optional mask.
GridProblem poisson_3d(GridShape shape, const SolidMask* mask = nullptr);

}  // namespace adasolve::pde
