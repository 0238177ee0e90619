#pragma once
// Interface-ordered SSOR: a global SSOR preconditioner for a matrix distributed by row blocks, whose
// sweeps run in parallel (private to the PETSc boundary).
//
// Ordering. The global unknowns are ordered as
//   [interior rows of every rank] [interface rows of the ranks of colour 0] [... of colour 1] ...
// (InterfaceSplit: interface rows have an entry in another rank's columns; ColouredHalo: ranks that share
// a coupling get different colours). Interiors of different ranks are decoupled, and so are the interface
// rows of ranks of one colour, so the SOR sweep of this ordering runs as
//   forward:  every rank sweeps its interior rows (no communication: the interface rows come later in
//             the ordering and keep their current values); then for c = 0, 1, ...: halo update for the
//             ranks of colour c, which sweep their interface rows with b_eff = b - A_off x_ghost;
//   backward: the exact reverse: for c = ..., 1, 0: halo update, ranks of colour c sweep their interface
//             rows backward; then every rank sweeps its interior rows backward.
// Within a rank both sets keep the natural row order, so a sweep is SorSweeper::forward_rows over the
// runs of interior rows, then over the runs of interface rows: no vector is permuted. (The first forward
// sweep of the interiors starts from zero and reads only the lower triangle; interface_ssor.cpp.)
//
// The preconditioner z = M^-1 r is the forward sweep from z = 0 followed by the backward sweep:
//   M^-1 = w (2 - w) (D + w U')^-1 D (D + w L')^-1,   i.e.  M = (D + w L') D^-1 (D + w U') / (w (2 - w)),
// with L', U' the strict triangles of P A P^T (P: the ordering above) and D its diagonal. On one rank this is
// PETSc's symmetric PCSOR with a zero initial guess; on P ranks it is the SSOR of P A P^T, which is SPD when
// A is, so CG applies. Communication per apply: 2 C - 1 halo phases for C colours (2 C - 2 when the matrix is
// structurally symmetric), each a point-to-point message between neighbouring ranks carrying interface
// values only; no reduction.
//
// Iterations: this is the SSOR of another ordering, in which each separator (the interface rows on both
// sides of a rank boundary) comes after both interiors. Near omega = 1 CG's iterations stay at one rank's;
// near the best omega of the natural ordering they grow (README, "Interface-ordered SSOR").
#include <petscsys.h>  // mpi.h as PETSc includes it (without the MPI C++ bindings)

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/linear/sor_sweep.hpp"
#include "backend/petsc/coloured_halo.hpp"
#include "backend/petsc/interface_split.hpp"
#include "backend/petsc/split_ssor.hpp"

namespace adasolve::backend::petsc_detail {

class InterfaceSsor final : public SplitSsor {
 public:
  explicit InterfaceSsor(MPI_Comm comm) : comm_(comm) {}
  // The sweeper points into the split: an InterfaceSsor never moves.
  InterfaceSsor(const InterfaceSsor&) = delete;
  InterfaceSsor& operator=(const InterfaceSsor&) = delete;

  /// Collective. Takes this rank's split (rows [split.first_row, + local_rows), ranks in rank order) and
  /// sets up the halo and the colouring. Throws InputError on every rank, naming the global row, if a
  /// diagonal entry is zero or missing on any rank (`who` starts the message).
  void setup(InterfaceSplit split, const std::string& who) override;

  /// Collective. z <- M^-1 r on this rank's entries (r and z must not alias).
  void apply(std::span<const double> r, std::span<double> z, double omega) override;

  bool ready() const { return sweeper_ != nullptr; }
  int colour() const { return halo_.colour(); }
  int colours() const { return halo_.colours(); }
  Index local_rows() const { return split_.local_rows(); }
  Index interface_rows() const { return static_cast<Index>(split_.interface_rows.size()); }
  /// Halo phases per apply (each a set of point-to-point messages between neighbours).
  int halo_phases_per_apply() const;

 private:
  /// b_eff = r - A_off x_ghost on the interface rows.
  void update_interface_rhs(std::span<const double> r);

  MPI_Comm comm_;
  InterfaceSplit split_;
  std::unique_ptr<linear::SorSweeper> sweeper_;
  ColouredHalo halo_;
  std::vector<double> ghosts_;         ///< values of split_.ghost_columns
  std::vector<double> interface_rhs_;  ///< b_eff, by local row (only interface rows are used)
};

}  // namespace adasolve::backend::petsc_detail
