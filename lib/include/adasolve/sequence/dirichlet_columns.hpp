#pragma once
// Dirichlet rows whose columns still hold their couplings. A PETSc program that imposes boundary values by
// MatZeroRows (PETSc's ts ex13 does) turns row i into a_ii x_i = b_i but keeps a_ji != 0 in the rows j of
// its neighbours: the matrix is symmetric on its interior block, not as a whole. CG with SSOR still
// converges on it, but PETSc's ICC does not finish, native IC(0) meets a negative pivot and CG + GAMG
// stagnates (7 327 iterations against SSOR-PCG's 47 on the ex13 dump at 128 x 128).
//
// Eliminating those couplings changes neither the solution nor the Dirichlet rows: x_i = b_i / a_ii is
// known, so each interior equation sum_k a_jk x_k = b_j becomes
//     sum_{k not Dirichlet} a_jk x_k = b_j - sum_{i Dirichlet} a_ji b_i / a_ii,
// with a_ji = 0. The result is what MatZeroRowsColumns would have assembled: symmetric when the interior
// block is, so every CG arm of a portfolio can serve the sequence.
#include <memory>

#include "adasolve/sequence/instance_source.hpp"

namespace adasolve::sequence {

/// The number of Dirichlet rows of `a` (only a nonzero diagonal stored, stored zeros aside) whose column
/// holds a nonzero off the diagonal.
Index unmirrored_dirichlet_rows(const CsrMatrix& a);

/// `instance` with those couplings eliminated (matrix and right-hand side as above); unchanged when there
/// are none.
Instance eliminate_dirichlet_columns(Instance instance);

/// A source whose instances pass through eliminate_dirichlet_columns; consecutive instances that share one
/// matrix still share one (its eliminated form is made once).
std::unique_ptr<InstanceSource> with_dirichlet_columns_eliminated(std::unique_ptr<InstanceSource> source);

}  // namespace adasolve::sequence
