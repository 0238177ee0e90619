#pragma once
// SOR sweeps on a CsrMatrix (Saad, Iterative Methods, section 4.1; Young 1971).
//
// Split A = L + D + U (strict lower, diagonal, strict upper). One forward sweep with relaxation omega is
//   x_i <- (1 - omega) x_i + omega / a_ii * (b_i - sum_{j < i} a_ij x_j(new) - sum_{j > i} a_ij x_j(old)),
// for i = 0, 1, ..., n-1 (natural ordering); i.e. x <- x + M^-1 (b - A x) with M = D/omega + L.
// A backward sweep runs i = n-1, ..., 0 (M = D/omega + U); a symmetric sweep is forward then backward.
// With omega = 1 the forward sweep is Gauss-Seidel, exactly: (1 - 1) x_i + 1 * y_i == y_i in floating point.
//
// SorSweeper precomputes 1/a_ii once (setup) and never allocates during a sweep. A zero or missing diagonal
// entry is rejected up front: InputError "... zero or missing diagonal entry in row I" (1-based row).
// The matrix must outlive the sweeper.
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::linear {

class SorSweeper {
 public:
  SorSweeper() = default;
  /// Binds to A (square) and precomputes its inverse diagonal. `who` prefixes error messages.
  explicit SorSweeper(const CsrMatrix& a, const std::string& who = "sor");

  /// One forward sweep x <- x + (D/omega + L)^-1 (b - A x).
  void forward(std::span<const double> b, std::span<double> x, double omega) const;
  /// One backward sweep x <- x + (D/omega + U)^-1 (b - A x).
  void backward(std::span<const double> b, std::span<double> x, double omega) const;
  /// The same sweeps over rows [begin, end) only (ascending for forward, descending for backward): rows
  /// outside the range are read, never written, and b is read only inside it. Block and domain-decomposition
  /// orderings are built from these (PETSc backend: interface-ordered SSOR).
  void forward_rows(std::span<const double> b, std::span<double> x, double omega, Index begin,
                    Index end) const;
  void backward_rows(std::span<const double> b, std::span<double> x, double omega, Index begin,
                     Index end) const;
  /// Forward then backward sweep (SSOR as a stationary iteration).
  void symmetric(std::span<const double> b, std::span<double> x, double omega) const;

  /// Forward sweep that also returns r = b - A x(new) in r, for half a matrix-vector product extra:
  /// with delta = x(new) - x(old), the sweep's own row sums give
  ///   r = (1 - omega)/omega * D delta - U delta,
  /// so only the strict upper triangle is read a second time. r is also the scratch for delta.
  void forward_with_residual(std::span<const double> b, std::span<double> x, double omega,
                             std::span<double> r) const;

  /// z <- M^-1 r for the SSOR preconditioner M = (D + omega U) D^-1 (D + omega L) / (omega (2 - omega))
  /// (methods/relax.md section 6): a backward triangular solve with D + omega U, a scaling by D, a forward
  /// triangular solve with D + omega L, and the factor omega (2 - omega). z is overwritten in place; r and z
  /// must not alias.
  void apply_ssor_inverse(std::span<const double> r, std::span<double> z, double omega) const;

  const std::vector<double>& inverse_diagonal() const { return inverse_diagonal_; }

 private:
  const CsrMatrix* a_ = nullptr;
  std::vector<double> inverse_diagonal_;
};

}  // namespace adasolve::linear
