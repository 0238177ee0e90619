#pragma once
// Distributed runs on PETSC_COMM_WORLD: contiguous row blocks, collective helpers that keep every rank in
// step (one choice, one error, one exit code), distributed input, and a distributed PETSc solve with the
// same SolveReport as a LinearSolver. No PETSc or MPI header leaks from here. Every function marked
// "Collective" must be called by all ranks in the same order; needs a PetscSession.
#include <exception>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/linear_solver.hpp"

namespace adasolve::backend {

/// The rows [begin, end) of a global_rows-row matrix that one rank owns. Blocks follow each other in rank
/// order; the split is PETSc's default (PETSC_DECIDE): global_rows / size rows each, one more on the first
/// global_rows % size ranks.
struct RowPartition {
  Index global_rows = 0;
  Index begin = 0;
  Index end = 0;

  Index local_rows() const { return end - begin; }
  /// The block of `rank` among `size` ranks.
  static RowPartition of(Index global_rows, int rank, int size);
  /// The block of this process (PetscSession::rank() of PetscSession::size()).
  static RowPartition for_this_rank(Index global_rows);
};

// ---- Collective helpers -----------------------------------------------------------------------------

/// Collective. Each rank passes the exception its own work threw (nullptr if none). If any rank failed,
/// every rank throws the error of the lowest failing rank: the same type (InputError, UsageError,
/// BackendError, Error) and the same message, so all ranks exit with one code and rank 0 can print the
/// one line. Returns normally on every rank when none failed.
void agree_on_failure(std::exception_ptr local_error);

/// Collective. Runs work() on every rank and agrees on failure as above.
template <typename Work>
void run_collectively(Work&& work) {
  std::exception_ptr error;
  try {
    work();
  } catch (...) {
    error = std::current_exception();
  }
  agree_on_failure(error);
}

/// Collective. The value of rank 0, on every rank.
double broadcast_from_root(double value);
std::string broadcast_from_root(const std::string& value);
/// Collective. Sum and maximum over ranks.
double sum_over_ranks(double value);
double max_over_ranks(double value);
/// Collective. Wall-clock barrier (MPI_Barrier).
void barrier();
/// Collective. The whole vector on every rank from each rank's block (MPI_Allgatherv).
std::vector<double> gather_to_all(std::span<const double> local, const RowPartition& rows);

/// Rows [rows.begin, rows.end) of a whole matrix as a local block (columns stay global).
CsrMatrix row_block(const CsrMatrix& whole, const RowPartition& rows);

// ---- Distributed input ------------------------------------------------------------------------------

/// This rank's part of a square system A x = b distributed by contiguous row blocks.
struct DistributedSystem {
  RowPartition rows;
  std::shared_ptr<const CsrMatrix> matrix;  ///< rows.local_rows() x rows.global_rows, global columns
  std::vector<double> rhs;                  ///< b[rows.begin .. rows.end)
};

/// Collective. Every rank reads the header, then only its own rows of the matrix file, Matrix Market or
/// PETSc binary (io::read_matrix_file_rows: memory proportional to the rows kept; a Matrix Market file is
/// scanned whole by each rank, a binary file is read at the rows' byte offsets), and its slice of the
/// right-hand side from rhs_file (read whole, then cut; an empty path gives b = A * ones, the usual test
/// right-hand side). A bad file on any rank throws the same InputError "FILE:LINE: problem" on every rank
/// (agree_on_failure); a non-square matrix is an InputError.
DistributedSystem read_distributed_system(const std::filesystem::path& matrix_file,
                                          const std::filesystem::path& rhs_file = {});

// ---- Distributed solve ------------------------------------------------------------------------------

/// A PETSc KSP on PETSC_COMM_WORLD (MPIAIJ on more than one rank), with the contract of
/// LinearSolver::setup/solve on the global system: the same stopping rule (PetscKspSolver), zero-rhs and
/// warm-start shortcuts, 1/||b|| scaling, true final residual, monitors, SolveReport. Norms and reasons
/// are global, so the report is identical on every rank.
/// SOR on more than one rank: PETSc's PCSOR sweeps each rank's rows with the other ranks' entries of x
/// held at their values from the start of the sweep (block Jacobi between ranks, SOR inside), so
/// iteration counts grow with the number of ranks (README, "PETSc/MPI backend");
/// PetscKspSettings::interface_ssor_pcg is a global SSOR instead (of a reordered matrix), and
/// PetscKspSettings::pipelined_ssor_pcg the one-rank natural-order SSOR itself (grid matrices).
class PetscDistributedSolver {
 public:
  explicit PetscDistributedSolver(PetscKspSettings settings = {}, StoppingCriteria criteria = {});
  ~PetscDistributedSolver();
  PetscDistributedSolver(const PetscDistributedSolver&) = delete;
  PetscDistributedSolver& operator=(const PetscDistributedSolver&) = delete;

  /// "petsc-<ksp>-<pc>" with the types in effect.
  std::string name() const;
  /// Collective. local_rows: this rank's rows (rows.local_rows() of them, columns global). Throws (on
  /// every rank) InputError if a rank's block has the wrong shape or SOR finds a zero diagonal.
  void setup(std::shared_ptr<const CsrMatrix> local_rows, const RowPartition& rows);
  /// Collective. b and x are this rank's entries; x holds the initial guess on entry.
  SolveReport solve(std::span<const double> b, std::span<double> x);
  /// Collective. r <- b - A x on this rank's entries.
  void residual(std::span<const double> b, std::span<const double> x, std::span<double> r);

  void set_omega(double omega);
  void set_criteria(const StoppingCriteria& criteria);
  const StoppingCriteria& criteria() const { return criteria_; }
  void add_monitor(Monitor monitor) { monitors_.push_back(std::move(monitor)); }
  const RowPartition& rows() const { return rows_; }

 private:
  struct Impl;
  PetscKspSettings settings_;
  StoppingCriteria criteria_;
  RowPartition rows_;
  std::shared_ptr<const CsrMatrix> matrix_;
  std::vector<Monitor> monitors_;
  double setup_seconds_ = 0.0;
  std::unique_ptr<Impl> impl_;
};

/// The distributed solve behind the LinearSolver interface, for code written for whole systems (the
/// sequence runner): every rank holds the whole system, as built by identical sources on every rank;
/// setup keeps this rank's block of rows in PETSc, solve runs the KSP on PETSC_COMM_WORLD and gathers x
/// back on every rank. Everything else (stopping rule, reasons, report) is PetscKspSolver's; the report is
/// identical on every rank. Memory: each rank holds the whole system plus PETSc's copy of its rows; for
/// systems too large for that, use read_distributed_system and PetscDistributedSolver.
/// Collective: setup and solve must be called on all ranks with identical arguments.
class PetscParallelKspSolver : public LinearSolver {
 public:
  explicit PetscParallelKspSolver(PetscKspSettings settings = {}, StoppingCriteria criteria = {});
  ~PetscParallelKspSolver() override;

  std::string name() const override;
  void set_omega(double omega);
  /// As PetscKspSolver::reuse_preconditioner (collective: the same on every rank).
  void reuse_preconditioner(bool reuse);

 protected:
  void setup_impl(const CsrMatrix& a) override;
  void solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) override;
  void report_parameters(SolveReport& report) const override;

 private:
  struct Impl;
  PetscKspSettings settings_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace adasolve::backend
