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
