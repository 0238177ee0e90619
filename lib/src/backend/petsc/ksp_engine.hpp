#pragma once
// KspEngine: one PETSc KSP with its operator on one communicator (private to the PETSc boundary).
// PetscKspSolver uses it on PETSC_COMM_SELF with the whole matrix; PetscDistributedSolver on
// PETSC_COMM_WORLD with each rank's block of rows. Vectors are adasolve's own arrays, lent to PETSc for
// the duration of one call (VecPlaceArray), so nothing is copied per solve.
#include <petscksp.h>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/stopping.hpp"
#include "backend/petsc/handles.hpp"
#include "backend/petsc/petsc_call.hpp"
#include "backend/petsc/split_ssor_pc.hpp"

namespace adasolve::backend::petsc_detail {

class KspEngine {
 public:
  KspEngine(MPI_Comm comm, PetscKspSettings settings);
  // PETSc's callbacks hold `this`: the engine never moves.
  KspEngine(const KspEngine&) = delete;
  KspEngine& operator=(const KspEngine&) = delete;

  /// Collective. local_rows holds rows [r0, r0 + local_rows.rows()) of a global_rows x global_rows
  /// matrix (columns global); the ranks' blocks follow each other in rank order. Copies the values into a
  /// PETSc AIJ matrix (SeqAIJ on one process, MPIAIJ otherwise) and sets the KSP up (KSPSetUp), so a
  /// preconditioner that does not fit the matrix fails here, as a UsageError.
  void set_operator(const CsrMatrix& local_rows, Index global_rows);
  /// PCSOR / PCEISENSTAT / interface-ssor / pipelined-ssor omega for the following solves (UsageError outside
  /// (0, 2)).
  void set_omega(double omega);
  /// With reuse, a following set_operator with the same pattern keeps the preconditioner built for an
  /// earlier operator (KSPSetReusePreconditioner); a new pattern or size always builds it. Until this is
  /// called, the user's -ksp_reuse_preconditioner decides.
  void reuse_preconditioner(bool reuse) { reuse_preconditioner_ = reuse; }

  /// Collective. Iterates on A x = b from the x given until the unpreconditioned residual norm, and then
  /// the true residual norm, are <= threshold, or max_iters iterations. record(norm) is called after
  /// iterations 1..k (not for the initial residual); when it returns false the solve stops there
  /// (max_iterations, x the iterate so far: the caller's patience ran out). Returns why it stopped.
  StopReason iterate(std::span<const double> b, std::span<double> x, double threshold, int max_iters,
                     const std::function<bool(double)>& record);

  /// Collective: ||v||_2 over all ranks (PETSc's scaled, overflow-safe norm).
  double norm(std::span<const double> v);
  /// Collective: r <- b - A x (local parts).
  void residual(std::span<const double> b, std::span<const double> x, std::span<double> r);

  /// "petsc-<ksp>-<pc>" with the types in effect after the user's options (the settings before setup).
  std::string name() const;
  bool has_operator() const { return static_cast<bool>(a_); }
  Index local_rows() const { return local_rows_; }

 private:
  void create_ksp();
  /// petsc_call, but an exception thrown inside one of our PETSc callbacks (interface-ssor's or
  /// pipelined-ssor's setup or apply) is rethrown as itself rather than as PETSc's error code.
  void call(PetscErrorCode code, const char* what, Blame blame = Blame::backend);
  /// Collective: overwrites the values of the current matrix when every rank's rows have its pattern.
  bool update_values(const CsrMatrix& local_rows, Index global_rows);
  /// Collective: true when `local` holds on every rank of the communicator.
  bool all_ranks(bool local) const;
  void create_vectors(Index local_rows, Index global_rows);
  bool residual_norm_is_true() const;
  void reject_unused_options() const;
  double true_residual_norm();
  static PetscErrorCode convergence_test(KSP ksp, PetscInt iteration, PetscReal norm,
                                         KSPConvergedReason* reason, void* context);
  static PetscErrorCode monitor(KSP ksp, PetscInt iteration, PetscReal norm, void* context);

  MPI_Comm comm_;
  PetscKspSettings settings_;
  std::optional<bool> reuse_preconditioner_;
  OwnedMat a_;
  OwnedKsp ksp_;
  OwnedVec b_view_, x_view_;  // shells over adasolve arrays (VecPlaceArray)
  OwnedVec work_, residual_;  // for the true-residual check
  // The PCSHELL's context when pc_type is interface-ssor or pipelined-ssor.
  std::unique_ptr<SplitSsorPc> split_ssor_;
  Index local_rows_ = -1;
  Index global_rows_ = -1;
  Index local_nnz_ = -1;

  // State of the solve in progress, read by the C callbacks.
  double threshold_ = 0.0;
  const std::function<bool(double)>* record_ = nullptr;
  bool abandoned_ = false;  ///< record said stop: the next convergence test ends the solve
  std::exception_ptr callback_error_;
};

/// Throws InputError naming the first row (1-based, global) whose diagonal is missing or zero: SOR,
/// Eisenstat and Jacobi divide by it. first_row is the global index of local_rows' first row.
void require_nonzero_diagonal(const CsrMatrix& local_rows, Index first_row, const std::string& solver);

}  // namespace adasolve::backend::petsc_detail
