#pragma once
// The network as a DCDM direction generator: d = CNN(r) on the grid (spec sections 1.1, 4.2).
// The unit-norm residual is scattered onto the full grid (zeros in solid cells), converted to float32,
// passed through the network, and the output gathered back at the unknowns.
#include <memory>

#include "adasolve/dcdm/direction_generator.hpp"
#include "adasolve/dcdm/grid_map.hpp"
#include "adasolve/dcdm/network.hpp"

namespace adasolve::dcdm {

/// setup(A) checks that the map fits A (InputError otherwise) and that the grid has even dimensions.
std::unique_ptr<DirectionGenerator> make_network_direction(std::shared_ptr<const Network> network,
                                                           GridMap map,
                                                           ConvolutionPath path = ConvolutionPath::onednn);

}  // namespace adasolve::dcdm

namespace adasolve::dcdm {

/// adasolve's variant "twogrid" (not in the DCDM paper): the two-level generator of two_level_direction.hpp
/// with the network as the coarse generator, run on the 2x-coarsened grid (1/8 of the cells, so 1/8 of the
/// network's cost), and a classical smoother M (IC(0)). The network approximates A^-1 up to scale and its
/// weights do not depend on the resolution, so on the coarse grid it approximates the coarse operator's
/// inverse, which is what a coarse-grid correction needs; IC(0) removes the high-frequency error the coarse
/// grid cannot see. Per application: one network call on (N/2)^3, two M^-1, two SpMVs. The network needs even
/// coarse dimensions, so grid dimensions must be multiples of 4 (InputError from setup otherwise).
std::unique_ptr<DirectionGenerator> make_twogrid_network_direction(
    std::shared_ptr<const Network> network, GridMap map, std::unique_ptr<DirectionGenerator> smoother);

/// adasolve's variant "multigrid": the same construction nested into a V-cycle (multigrid_levels) with IC(0)
/// on every level but the coarsest, where the network runs, on a grid no wider than `coarsest` (default 16).
/// There the network's receptive field (about 23 cells) spans the whole grid, as it did in training (16^3,
/// then 32^3), so it acts as a global approximate inverse; on a large fine grid it is only a local one, which
/// is why faithful DCDM's iterations grow with N. One application costs one network call at the coarsest
/// size plus two IC(0) solves and two SpMVs per finer level. If the grid cannot be coarsened (already <=
/// coarsest, or a dimension not a multiple of 4) it is the plain network generator.
std::unique_ptr<DirectionGenerator> make_multigrid_network_direction(std::shared_ptr<const Network> network,
                                                                     GridMap map, Index coarsest = 16);

}  // namespace adasolve::dcdm
