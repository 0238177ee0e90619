#pragma once
// A direction generator of adasolve's own design (not in the DCDM paper): the network as the coarse,
// global part of a two-level method whose fine, local part is a classical preconditioner M (IC(0)):
//
//   z = M^-1 r                                   smoothing: removes the high-frequency error cheaply
//   s = r - A z                                  what the smoother left, mostly smooth
//   d = z + ||s|| N(s / ||s||)                   the network (trained on smooth-rich data) corrects it
//
// applied on every `network_period`-th call; the other calls return d = M^-1 r alone, so the expensive
// network runs once every `network_period` iterations and its correction is reused through the kept
// directions of the DCDM loop. Inside DcdmSolver's A-orthogonalising, flexible loop neither the
// nonlinearity of N nor the switching harms convergence theory more than DCDM's own network does.
// Cost of a network call: one N, one M^-1, one SpMV.
#include <memory>

#include "adasolve/dcdm/direction_generator.hpp"

namespace adasolve::dcdm {

/// smoother: e.g. make_ic0_direction(); network: make_network_direction(...). network_period >= 1.
std::unique_ptr<DirectionGenerator> make_two_level_direction(std::unique_ptr<DirectionGenerator> smoother,
                                                             std::unique_ptr<DirectionGenerator> network,
                                                             int network_period);

}  // namespace adasolve::dcdm
