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
std::unique_ptr<DirectionGenerator> make_network_direction(std::shared_ptr<const Network> network, GridMap map,
                                                           ConvolutionPath path = ConvolutionPath::onednn);

}  // namespace adasolve::dcdm

namespace adasolve::dcdm {

/// adasolve's variant "twogrid" (not in the DCDM paper): a two-grid direction whose coarse solver is the
/// network, run on the 2x-coarsened grid (1/8 of the cells, so 1/8 of the network's cost), and whose smoother
/// is a classical preconditioner M (IC(0)):
///
///   z = M^-1 r                               pre-smoothing
///   s = r - A z
///   c = P N(R s / ||R s||)                   R: 2x2x2 cell average, P: piecewise-constant prolongation
///   gamma = (c . s) / (c . A c)              the network's output scale is arbitrary: exact line search
///   d = z + gamma c,  d <- d + M^-1 (s - gamma A c)   post-smoothing
///
/// The network approximates A^-1 up to scale and its weights do not depend on the resolution, so on the
/// coarse grid it approximates the coarse operator's inverse, which is what a coarse-grid correction needs;
/// IC(0) removes the high-frequency error the coarse grid cannot see. Per application: one network call on
/// (N/2)^3, two M^-1, two SpMVs. Grid dimensions must be multiples of 4 (InputError otherwise).
std::unique_ptr<DirectionGenerator> make_twogrid_network_direction(std::shared_ptr<const Network> network,
                                                                   GridMap map,
                                                                   std::unique_ptr<DirectionGenerator> smoother);

}  // namespace adasolve::dcdm
