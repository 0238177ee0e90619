#pragma once
// Where adasolve-seq's solves run: in this process (--backend native) or with PETSc on all MPI ranks
// (--backend petsc, under mpiexec). The runner, the policies and the output are the same code for both;
// the backend only decorates them:
//   * solvers: PETSc KSPs (sor: Richardson + forward PCSOR; ssor-pcg: CG + interface-ordered SSOR, with
//     --petsc-ssor local CG + symmetric PCSOR, with --petsc-ssor pipelined CG + pipelined SSOR; cg: CG
//     without preconditioner; --petsc "<options>" overrides any of it, e.g. "-pc_type gamg"), the solve
//     distributed
//     by row blocks over the ranks; omega is taken from rank 0 (broadcast), so every rank uses one value;
//   * sources: next() agreed across ranks, so an unreadable file on any rank is the same error on all;
//   * the stop request (SIGTERM) agreed across ranks, so all stop between the same two instances;
//   * output: only rank 0 writes files and prints (see launcher.hpp for the terminal).
#include <functional>
#include <memory>
#include <string>

#include "adasolve/sequence/oracle.hpp"
#include "adasolve/sequence/sequence_runner.hpp"
#include "adasolve/sequence/solver_arm.hpp"
#include "seq/seq_arms.hpp"
#include "seq/seq_config.hpp"

namespace adasolve::app {

class SeqBackend {
 public:
  virtual ~SeqBackend() = default;
  /// False on the ranks other than 0 of a distributed run: they read --state / --checkpoint but write
  /// nothing.
  virtual bool writes_files() const { return true; }
  virtual sequence::SourceFactory sources(sequence::SourceFactory native) const { return native; }
  /// The solvers of the run (native: seq_components' solver_factory).
  virtual sequence::SolverFactory solvers(const SeqConfig& config) const;
  /// Runs work() so that a failure on any rank fails every rank alike (PETSc: run_collectively). Every
  /// step that reads or writes files, which one rank may see differently from another (a file missing on
  /// one node, a full disk under rank 0's output), goes through here; must be called by all ranks.
  virtual void collectively(const std::function<void()>& work) const { work(); }
  virtual std::function<bool()> stop_predicate(std::function<bool()> local) const { return local; }
  /// An arm of --solver auto: the native arms here; the PETSc arms where the backend has PETSc.
  virtual std::unique_ptr<sequence::SolverArm> arm(const ArmSpec& spec, const SeqConfig& config) const;
  /// True when arm() can build the PETSc arms.
  virtual bool has_petsc_arms() const { return false; }
  /// Makes a measured cost the same on every rank (empty on one process).
  virtual std::function<double(double)> agreement() const { return {}; }
};

/// Reads the config with read() on every rank of a run started on several ranks with --config FILE, where
/// the file may be missing on one rank only (two nodes whose file systems disagree): the ranks agree on
/// the failure, so every rank exits 2 with one line naming the file and the rank, instead of the others
/// waiting for the failed one in their first collective call. Starts MPI and PETSc for that (the session
/// is kept for --backend petsc); without PETSc it is read() alone.
SeqConfig read_seq_config_collectively(const std::function<SeqConfig()>& read);

/// Starts the backend the config names (MPI and PETSc for "petsc"; UsageError if this build has no PETSc).
/// Keep it alive for the whole run: it finalises PETSc when destroyed.
std::unique_ptr<SeqBackend> start_seq_backend(const SeqConfig& config);

}  // namespace adasolve::app
