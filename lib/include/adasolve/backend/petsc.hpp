#pragma once
// PETSc / MPI boundary: PETSc's Krylov solvers and preconditioners as adasolve solvers, on one rank or on
// many. No PETSc or MPI header leaks from here (pimpl); PETSc error codes become our exceptions inside.
//
// Life cycle: one PetscSession per process, created in main (or in a test runner) before any other object
// of this header and destroyed after the last one. It initialises MPI (unless the caller already did)
// and PETSc, and finalises both.
//
// Options: the user's PETSc options ("-pc_type gamg -ksp_monitor") are inserted under a prefix
// ("-adasolve_pc_type gamg"), so they reach exactly the KSPs created with that prefix
// (PetscKspSettings::options_prefix) and nothing else. They override the settings struct, except the
// stopping rule, which is always ours (see PetscKspSolver).
//
// Errors: a failed PETSc call throws BackendError("PETSc error 73 in KSPSetUp: <PETSc's message>"); an
// unknown type, an out-of-range value or a preconditioner that does not suit the matrix (the user's
// choices) throw UsageError with PETSc's message.
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/linear_solver.hpp"

namespace adasolve::backend {

/// The options prefix of every KSP adasolve creates unless told otherwise.
inline constexpr const char* kPetscOptionsPrefix = "adasolve_";

class PetscSession {
 public:
  /// Initialises MPI (if not yet initialised) and PETSc. Throws UsageError if a session already exists,
  /// BackendError if PETSc fails to start. PetscInitialize sees no command line: PETSc options come in
  /// through insert_options (and PETSc's own PETSC_OPTIONS environment variable); the process-wide ones
  /// among `options` (see global_options) are set before PetscInitialize, where they take effect, and the
  /// rest is left to insert_options. Everything PETSc prints (monitors, -log_view, -ksp_view) goes to
  /// stderr: stdout carries the program's results.
  explicit PetscSession(const std::string& options = "");
  /// Finalises PETSc, and MPI if this session initialised it.
  ~PetscSession();
  PetscSession(const PetscSession&) = delete;
  PetscSession& operator=(const PetscSession&) = delete;

  /// The process-wide options among `options` (-log_*, -malloc*, -info, -memory_view, -options_*,
  /// -on_error_*, -fp_trap, -no_signal_handler, -history, -objects_dump, -check_pointer_intensity), each
  /// with its value: they act on PETSc itself, at PetscInitialize and PetscFinalize, not on a solver.
  static std::string global_options(const std::string& options);
  /// `options` without its global_options: the solvers' options.
  static std::string solver_options(const std::string& options);

  /// Inserts PETSc options, each "-name" becoming "-<prefix>name" ("-pc_type gamg" under "adasolve_"
  /// reaches the KSPs whose prefix is "adasolve_"). An empty prefix inserts them globally. Throws
  /// UsageError for a string PETSc cannot parse.
  static void insert_options(const std::string& options, const std::string& prefix = kPetscOptionsPrefix);
  /// Options under `prefix` that were inserted but never read by any PETSc object (misspelt names, or
  /// options of a type that is not in use), as "-adasolve_pc_tpye". Call after the solvers are set up.
  static std::vector<std::string> unused_options(const std::string& prefix = kPetscOptionsPrefix);

  /// True between construction and destruction of the session.
  static bool active();
  /// Rank and size of PETSC_COMM_WORLD (MPI_COMM_WORLD).
  static int rank();
  static int size();
  static bool is_root() { return rank() == 0; }
};

/// pc_type of adasolve's interface-ordered SSOR (a global SSOR whose sweeps run in parallel; see
/// PetscKspSettings::interface_ssor_pcg). Not a PETSc type name: only PetscKspSettings knows it.
inline constexpr const char* kInterfaceSsorPcType = "interface-ssor";
/// pc_type of adasolve's pipelined SSOR (the natural-order SSOR of a grid matrix, its sweeps pipelined
/// over the ranks; see PetscKspSettings::pipelined_ssor_pcg). Needs PetscKspSettings::grid_columns.
inline constexpr const char* kPipelinedSsorPcType = "pipelined-ssor";

/// Which Krylov method and preconditioner a PETSc solve uses. Names are PETSc's (KSPType / PCType), so any
/// PETSc method can be named, plus adasolve's kInterfaceSsorPcType and kPipelinedSsorPcType; the presets
/// below are the ones adasolve compares against.
struct PetscKspSettings {
  std::string ksp_type = "cg";  ///< "cg", "richardson", "gmres", "preonly", ...
  std::string pc_type = "sor";  ///< "sor", "eisenstat", "gamg", "hypre", "icc", "jacobi", "none",
                                ///< "interface-ssor", "pipelined-ssor", ...
  double omega =
      1.0;  ///< relaxation factor of PCSOR / PCEISENSTAT / interface-ssor / pipelined-ssor, in (0, 2)
  bool symmetric_sweep = true;  ///< PCSOR: local symmetric sweep (SSOR) if true, local forward sweep if false
  /// The grid's width m when the matrix is a row-major grid (row r at grid column r % m); 0 = unknown.
  /// pipelined-ssor needs it.
  Index grid_columns = 0;
  /// pipelined-ssor: grid columns per pipeline block B; 0 = the default (one block on one rank,
  /// max(128, ceil(m / 8)) on more).
  Index pipeline_block_columns = 0;
  std::string options_prefix = kPetscOptionsPrefix;
  /// After each solve, throw UsageError if an option under the prefix was never read by PETSc
  /// ("--petsc: PETSc did not use -pc_tpye ..."): a misspelt name, or an option of a method not in use.
  bool reject_unused_options = false;

  /// Throws UsageError naming the setting ("petsc.omega must be in (0, 2), got 2.5").
  void validate() const;
  /// True when the preconditioner relaxes with omega (sor, eisenstat, interface-ssor, pipelined-ssor).
  bool uses_omega() const;
  /// True when the preconditioner divides by the diagonal (the omega ones above, and jacobi): setup
  /// then rejects a zero or missing diagonal entry with an InputError naming the row.
  bool needs_nonzero_diagonal() const;

  /// Plain SOR as a stationary iteration: Richardson (scale 1) with one forward sweep per iteration,
  ///   x <- x + (D/omega + L)^-1 (b - A x),
  /// which is forward SOR in natural ordering. On more than one rank the sweep is processor-local
  /// (block Jacobi between ranks, SOR inside each rank's rows).
  static PetscKspSettings sor(double omega);
  /// CG preconditioned by one symmetric SOR sweep (forward then backward): SSOR-PCG. On more than one rank
  /// PETSc's sweep is processor-local (block Jacobi between the ranks' rows, SSOR inside each).
  static PetscKspSettings ssor_pcg(double omega);
  /// CG preconditioned by interface-ordered SSOR: the unknowns ordered as [interior rows of every rank]
  /// [interface rows of the ranks of colour 0] [colour 1] ..., where a rank's interface rows are those
  /// with an entry in another rank's columns and ranks that share a coupling have different colours
  /// (greedy colouring of the rank graph; 2 colours for strips). One forward then one backward SOR sweep of
  /// that ordering, from zero: a true global SSOR (of P A P^T, so SPD for SPD A) whose sweeps run in
  /// parallel, with a few halo exchanges of interface values per apply. On one rank it is ssor_pcg's
  /// preconditioner exactly. On P ranks it has no block-Jacobi tear, but the separators come last in its
  /// ordering: heat E2 at nx = 1000 on 2 ranks takes 1.02-1.12x the one-rank iterations for omega <= 1.8
  /// (ssor_pcg: 1.22x), 1.50x at 1.9 (ssor_pcg: 1.42x); README, "Interface-ordered SSOR".
  static PetscKspSettings interface_ssor_pcg(double omega);
  /// CG preconditioned by pipelined SSOR: exactly the natural-order SSOR of ssor_pcg on one rank, on any
  /// number of ranks, so the iterations do not depend on the partition. For a row-major grid of
  /// grid_columns columns whose lower neighbours lie at grid columns <= the point's and upper ones at >=
  /// (5-point; setup checks the pattern and throws UsageError naming the first row that breaks it). Each
  /// rank sweeps its rows in blocks of pipeline_block_columns grid columns; rank p + 1 sweeps block k once
  /// rank p has sent its values of block k (one small message per block, neighbour and sweep), so the
  /// ranks form a pipeline whose fill costs (P - 1) blocks per sweep. README, "Pipelined SSOR".
  static PetscKspSettings pipelined_ssor_pcg(double omega, Index grid_columns);
  /// CG with the Eisenstat form of SSOR (same iterates in exact arithmetic, fewer flops per iteration).
  static PetscKspSettings eisenstat_pcg(double omega);
  /// CG with another preconditioner ("gamg", "hypre" = BoomerAMG, "icc" (one rank only), "jacobi", "none").
  static PetscKspSettings cg_with(const std::string& pc_type);
};

/// A PETSc KSP as an adasolve LinearSolver on one process (PETSC_COMM_SELF, SeqAIJ), so PETSc's methods
/// join adasolve's comparisons on equal terms: the same SolveReport, monitors and stopping rule.
///
/// Stopping rule: ours, not PETSc's. Every iteration's unpreconditioned residual norm (the true residual
/// b - A x for Richardson, the recurrence residual for CG; -ksp_norm_type unpreconditioned) is compared
/// with max(rtol * beta, atol), beta = ||b|| or ||r0|| as StoppingCriteria says (PETSc's
/// -ksp_converged_use_initial_residual_norm). When the norm passes, the true residual is computed and
/// must pass too, so a converged report means ||b - A x||_2 <= threshold. -ksp_rtol and friends given as
/// PETSc options are therefore ignored; the iteration cap is StoppingCriteria::max_iters.
/// Reasons: KSP_CONVERGED_* -> converged_rtol/atol, KSP_DIVERGED_ITS -> max_iterations,
/// KSP_DIVERGED_NANORINF -> nan_or_inf, KSP_DIVERGED_INDEFINITE_* -> indefinite, the other
/// KSP_DIVERGED_* -> breakdown. The copy of A that PETSc holds is made in setup (values copied once).
/// Needs a PetscSession.
class PetscKspSolver : public LinearSolver {
 public:
  explicit PetscKspSolver(PetscKspSettings settings = {}, StoppingCriteria criteria = {});
  ~PetscKspSolver() override;

  /// "petsc-<ksp>-<pc>" as configured, e.g. "petsc-cg-gamg", "petsc-richardson-sor".
  std::string name() const override;
  const PetscKspSettings& settings() const { return settings_; }
  /// Changes omega for the next solve without a new setup (PCSOR / PCEISENSTAT).
  void set_omega(double omega);
  /// With reuse, setup(A) with A of the same pattern as before copies the new values and keeps the
  /// preconditioner (ICC factor, AMG hierarchy) built for the earlier matrix; otherwise it is rebuilt.
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

/// Factory in the shape the sequence runner and the benchmarks use.
std::unique_ptr<PetscKspSolver> make_petsc_ksp_solver(const PetscKspSettings& settings,
                                                      StoppingCriteria criteria = {});

/// Times PETSc's own SOR kernel (MatSOR on a SeqAIJ copy of A): `sweeps` sweeps of
///   x <- x + (D/omega + L)^-1 (b - A x)            (forward; symmetric adds the backward sweep
///   x <- x + (D/omega + U)^-1 (b - A x) after each forward one),
/// starting from the x given, which holds the result on return. Returns the seconds of the sweeps alone
/// (copying A into PETSc and inverting its diagonal are not timed). Needs a PetscSession.
double petsc_mat_sor_seconds(const CsrMatrix& a, std::span<const double> b, std::span<double> x, double omega,
                             int sweeps, bool symmetric = false);

}  // namespace adasolve::backend
