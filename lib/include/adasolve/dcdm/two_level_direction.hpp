#pragma once
// Two-level direction generators on a cell grid (adasolve's variants, not in the DCDM paper).
//
// The coarse space aggregates 2x2x2 cells: coarse cell (i/2, j/2, k/2) holds fine cell (i, j, k), a coarse
// unknown is a coarse cell holding at least one fine unknown, and P (coarse -> fine) is injection, i.e.
// piecewise-constant prolongation. The coarse operator is Galerkin's A_c = P^T A P: for the 7-point Poisson
// matrix it is 4x the 7-point matrix of the coarse grid (with the same kind of boundary rows), so a generator
// made for Poisson grids (the network) sees a Poisson problem on every level.
//
// One application, with a smoother M on the fine level and any generator G_c on the coarse level:
//
//   z = M^-1 r                                   pre-smoothing
//   s = r - A z
//   c = P G_c(P^T s / ||P^T s||)                 coarse direction (G_c wants a unit-norm input)
//   gamma = (c . s) / (c . A c)                  exact line search: G_c's output scale is arbitrary, and it
//                                                 also supplies the over-correction piecewise-constant P
//                                                 needs
//   d = z + gamma c,  d <- d + M^-1 (s - gamma A c)   post-smoothing
//
// Per application: two M^-1, two fine SpMVs and one coarse application. Nesting the generator as its own
// coarse level gives a V-cycle whose coarsest level is G_c (multigrid_levels below).
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/dcdm/direction_generator.hpp"
#include "adasolve/dcdm/grid_map.hpp"

namespace adasolve::dcdm {

/// The 2x2x2 aggregation of a grid map (every dimension must be even; InputError otherwise).
struct GridCoarsening {
  GridMap coarse;                     ///< the coarse grid and its unknowns
  std::vector<Index> coarse_of_fine;  ///< fine unknown -> coarse unknown

  static GridCoarsening of(const GridMap& fine);
  /// A_c = P^T A P (A must have the fine map's unknowns as rows).
  CsrMatrix galerkin(const CsrMatrix& a) const;
  /// coarse <- P^T fine (sums over each aggregate).
  void restrict_sum(std::span<const double> fine, std::span<double> coarse) const;
  /// fine <- P coarse (injection).
  void prolong(std::span<const double> coarse, std::span<double> fine) const;
};

/// Makes the coarse level's generator once the coarse grid map is known.
using CoarseDirectionFactory = std::function<std::unique_ptr<DirectionGenerator>(const GridMap& coarse)>;

/// The two-level generator above, reported as `name`. setup(A) checks the map against A, builds A_c and
/// calls the coarse generator's setup(A_c); InputError if the grid has an odd dimension.
std::unique_ptr<DirectionGenerator> make_two_level_direction(std::string name, GridMap fine,
                                                             std::unique_ptr<DirectionGenerator> smoother,
                                                             CoarseDirectionFactory coarse);

/// The V-cycle: the two-level step above nested over multigrid_levels(map.shape, coarsest), IC(0) smoothing
/// on every level but the coarsest, where `coarsest_solve` runs (on the Galerkin operator of that level).
/// Reported as "multigrid-ic0-<coarsest_name>"; with a single level (grid already <= coarsest, or a dimension
/// not a multiple of 4) it is the coarsest generator itself. UsageError if coarsest < 2.
std::unique_ptr<DirectionGenerator> make_multigrid_direction(const std::string& coarsest_name, GridMap map,
                                                             Index coarsest,
                                                             CoarseDirectionFactory coarsest_solve);

/// Grid sizes of the V-cycle that coarsens `shape` by 2 while every dimension is a multiple of 4 and the
/// largest exceeds `coarsest`: {128, 64, 32} for a 128^3 grid and coarsest 32; {shape} if none applies.
std::vector<pde::GridShape> multigrid_levels(const pde::GridShape& shape, Index coarsest);

}  // namespace adasolve::dcdm
