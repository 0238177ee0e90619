#pragma once
// IC(0): incomplete Cholesky factorisation with zero fill, M = L L^T where L has the sparsity pattern of the
// lower triangle of A (Meijerink and van der Vorst, 1977; Saad, Iterative Methods, Alg. 10.8).
//
// Exists for every symmetric M-matrix (the Poisson matrices of adasolve::pde); for other SPD matrices a
// pivot may turn nonpositive, which is reported as InputError naming the row (no diagonal shift is tried:
// a shifted factor would be a different preconditioner than the one asked for).
// Setup reads only the lower triangle (A is assumed symmetric). apply() is one forward and one backward
// triangular solve, 2 * nnz(L) multiply-adds.
#include <memory>

#include "adasolve/linear/preconditioner.hpp"

namespace adasolve::linear {

std::unique_ptr<Preconditioner> make_ic0_preconditioner();

}  // namespace adasolve::linear
