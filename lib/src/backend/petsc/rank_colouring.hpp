#pragma once
// Greedy colouring of the rank adjacency graph (private to the PETSc boundary; no MPI here).
#include <vector>

namespace adasolve::backend::petsc_detail {

/// adjacency[r]: the ranks that share a coupling with rank r (symmetric: q in adjacency[r] iff r in
/// adjacency[q]). Colours ranks in rank order, each with the smallest colour that no lower-numbered
/// neighbour has. Deterministic, so every rank that holds the same graph computes the same colours.
/// Strips (each rank coupled to r - 1 and r + 1) get 2 colours, alternating.
std::vector<int> greedy_rank_colouring(const std::vector<std::vector<int>>& adjacency);

}  // namespace adasolve::backend::petsc_detail
