#pragma once
// Preconditioner: z = M^-1 r for a fixed SPD M, used by PcgSolver. Strategy object (design principle 6).
#include <memory>
#include <span>
#include <string>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::linear {

class Preconditioner {
 public:
  virtual ~Preconditioner() = default;
  virtual std::string name() const = 0;
  /// Prepares for A (factorisation, inverse diagonal, ...). Throws InputError if A does not suit it.
  virtual void setup(const CsrMatrix& a) = 0;
  /// z <- M^-1 r. r and z never alias.
  virtual void apply(std::span<const double> r, std::span<double> z) const = 0;
  /// True when setup copies what apply needs (a factor, a diagonal), so the preconditioner stays valid
  /// after A is gone and can serve a later matrix of the sequence; false when apply reads A itself.
  virtual bool owns_its_setup() const { return true; }
};

/// M = I.
std::unique_ptr<Preconditioner> make_identity_preconditioner();
/// M = D (diagonal of A). Rejects a zero or missing diagonal entry, naming the row.
std::unique_ptr<Preconditioner> make_jacobi_preconditioner();

}  // namespace adasolve::linear
