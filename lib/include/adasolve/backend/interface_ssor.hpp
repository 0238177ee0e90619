#pragma once
// Interface-ordered SSOR on a row-distributed matrix, as a preconditioner object of its own: what
// PetscKspSettings::interface_ssor_pcg puts inside PETSc's CG, callable directly (tests, other Krylov
// loops). No PETSc or MPI header leaks from here. Collective on PETSC_COMM_WORLD; needs a PetscSession.
//
// Ordering: [interior rows of every rank] [interface rows of the ranks of colour 0] [colour 1] ..., where
// a rank's interface rows have an entry in another rank's columns and the colours are a greedy colouring
// of the rank adjacency graph (in rank order: the same on every rank). apply() is one forward and one
// backward SOR sweep of that ordering from z = 0:
//   z = M^-1 r,  M^-1 = w (2 - w) (D + w U')^-1 D (D + w L')^-1,
// L', U', D the strict triangles and diagonal of P A P^T. M is symmetric (and SPD for SPD A and
// 0 < w < 2). On one rank it is the natural-order SSOR preconditioner (PETSc's symmetric PCSOR).
#include <memory>
#include <span>

#include "adasolve/backend/petsc_parallel.hpp"

namespace adasolve::backend {

class InterfaceSsorPreconditioner {
 public:
  /// Throws UsageError for omega outside (0, 2).
  explicit InterfaceSsorPreconditioner(double omega = 1.0);
  ~InterfaceSsorPreconditioner();
  InterfaceSsorPreconditioner(const InterfaceSsorPreconditioner&) = delete;
  InterfaceSsorPreconditioner& operator=(const InterfaceSsorPreconditioner&) = delete;

  /// Collective. local_rows: this rank's rows [rows.begin, rows.end), global columns; the ranks' blocks
  /// follow each other in rank order. Copies what it needs (the matrix may be freed afterwards). Throws
  /// InputError on every rank if any rank's rows have a zero or missing diagonal entry.
  void setup(const CsrMatrix& local_rows, const RowPartition& rows);
  /// Throws UsageError for omega outside (0, 2).
  void set_omega(double omega);
  double omega() const { return omega_; }
  /// Collective. z <- M^-1 r on this rank's entries (rows.local_rows() each; r and z must not alias).
  void apply(std::span<const double> r, std::span<double> z);

  /// This rank's colour and the number of colours over all ranks.
  int colour() const;
  int colours() const;
  /// This rank's interface rows.
  Index interface_rows() const;
  /// Halo phases per apply: 2 C - 1 for C colours, one fewer when every row another rank reads is an
  /// interface row of its owner (structurally symmetric A); 0 on one rank.
  int halo_phases_per_apply() const;

 private:
  struct Impl;
  double omega_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace adasolve::backend
