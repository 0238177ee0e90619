#pragma once
// DirectionGenerator: the part of DCDM that varies (design principle 6). Given the normalised residual
// r / ||r||, it proposes a search direction d = f(r); the DCDM loop then A-orthogonalises d against the
// kept directions and takes an exact line search along it, so the scale (and sign) of d do not matter.
//
// Implementations:
//   identity  d = r            the loop is then CG (the test oracle of DcdmSolver);
//   jacobi    d = D^-1 r       the loop is a flexible Jacobi-PCG;
//   ic0       d = (L L^T)^-1 r  with L the IC(0) factor: a flexible IC(0)-PCG;
//   cholmod   d = A^-1 r       exact (CHOLMOD): the loop converges in one iteration; the reference coarsest
//                              solve of the multigrid variant;
//   network   d = CNN(r)       the learned approximation of A^-1 (neural_direction.hpp, needs libtorch).
#include <memory>
#include <span>
#include <string>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::dcdm {

class DirectionGenerator {
 public:
  virtual ~DirectionGenerator() = default;
  /// Stable name: "identity", "jacobi", "ic0", "cholmod", "network".
  virtual std::string name() const = 0;
  /// Prepares for A (factorisation, grid-map check). Throws InputError if A does not suit the generator.
  virtual void setup(const CsrMatrix& a) = 0;
  /// Called by the solver at the start of every solve (generators with per-solve state reset it here).
  virtual void begin_solve() {}
  /// d <- f(r). r has unit 2-norm; r and d never alias and have A's row count.
  virtual void apply(std::span<const double> r, std::span<double> d) = 0;
};

std::unique_ptr<DirectionGenerator> make_identity_direction();
std::unique_ptr<DirectionGenerator> make_jacobi_direction();
std::unique_ptr<DirectionGenerator> make_ic0_direction();
/// setup(A) factors A with CHOLMOD (InputError if A is not positive definite).
std::unique_ptr<DirectionGenerator> make_cholmod_direction();
/// "identity" | "jacobi" | "ic0" | "cholmod" (UsageError otherwise; the network generator has its own
/// factory).
std::unique_ptr<DirectionGenerator> make_classical_direction(const std::string& name);

}  // namespace adasolve::dcdm
