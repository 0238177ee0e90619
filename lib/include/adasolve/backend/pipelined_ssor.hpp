#pragma once
// Pipelined SSOR on a row-distributed grid matrix, as a preconditioner object of its own: what
// PetscKspSettings::pipelined_ssor_pcg puts inside PETSc's CG, callable directly (tests, other Krylov
// loops). No PETSc or MPI header leaks from here. Collective on PETSC_COMM_WORLD; needs a PetscSession.
//
// apply() is the natural-order SSOR of the whole matrix, one forward and one backward sweep from z = 0:
//   z = M^-1 r,  M^-1 = w (2 - w) (D + w U)^-1 D (D + w L)^-1,
// the same preconditioner on every number of ranks. It is exact because the sweep depends only on which
// end of each edge comes first: each rank sweeps its rows in blocks of B grid columns (grid row by grid
// row inside a block), which visits every point after its lower neighbours when the matrix is a
// row-major grid of m columns whose lower neighbours lie at grid columns <= the point's and upper ones at
// >= (5-point stencil; checked at setup). Rank p + 1 starts block k when rank p has sent its values of
// block k: a pipeline (the backward sweep runs it from the last rank down).
#include <memory>
#include <span>

#include "adasolve/backend/petsc_parallel.hpp"

namespace adasolve::backend {

class PipelinedSsorPreconditioner {
 public:
  /// grid_columns: m, the grid's width in unknowns (row r sits at grid column r % m); block_columns: B,
  /// or 0 for the default (one block on one rank, max(128, ceil(m / 8)) on more). Throws UsageError for
  /// omega outside (0, 2), m <= 0 or B < 0.
  PipelinedSsorPreconditioner(double omega, Index grid_columns, Index block_columns = 0);
  ~PipelinedSsorPreconditioner();
  PipelinedSsorPreconditioner(const PipelinedSsorPreconditioner&) = delete;
  PipelinedSsorPreconditioner& operator=(const PipelinedSsorPreconditioner&) = delete;

  /// Collective. local_rows: this rank's rows [rows.begin, rows.end), global columns; the ranks' blocks
  /// follow each other in rank order. Copies what it needs. Throws on every rank: UsageError naming the
  /// first global row whose pattern breaks the grid order, InputError for a zero or missing diagonal.
  void setup(const CsrMatrix& local_rows, const RowPartition& rows);
  /// Throws UsageError for omega outside (0, 2).
  void set_omega(double omega);
  double omega() const { return omega_; }
  /// Collective. z <- M^-1 r on this rank's entries (rows.local_rows() each; r and z must not alias).
  void apply(std::span<const double> r, std::span<double> z);

  /// The block width in effect and the number of blocks per sweep (after setup).
  Index block_columns() const;
  int blocks() const;
  /// Messages this rank sends per apply, both sweeps together.
  int messages_sent_per_apply() const;

 private:
  struct Impl;
  double omega_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace adasolve::backend
