// adasolve-seq --backend petsc: the sequence runner unchanged on every rank, each solve distributed.
#include "adasolve/backend/petsc_parallel.hpp"
#include "adasolve/core/error.hpp"
#include "seq/backend/petsc_arms.hpp"
#include "seq/seq_backend.hpp"

namespace adasolve::app {

using namespace adasolve::backend;

namespace {

/// Every rank builds the same instances (sources are deterministic); next() is agreed so that a file one
/// rank cannot read stops all ranks with the same InputError. Forwards every other member to the source.
class CollectiveSource final : public sequence::ForwardingSource {
 public:
  using ForwardingSource::ForwardingSource;
  sequence::Instance next() override {
    sequence::Instance instance;
    run_collectively([&] { instance = ForwardingSource::next(); });
    return instance;
  }
};

PetscKspSettings ksp_settings(const SeqConfig& config) {
  if (config.solver == "sor") {
    return PetscKspSettings::sor(1.0);
  }
  if (config.solver == "ssor-pcg") {
    // interface: global SSOR in the interface ordering; local: PETSc's processor-local PCSOR; pipelined:
    // the natural-order SSOR, pipelined over the ranks (the generator's grid width is known).
    if (config.petsc_ssor == "local") {
      return PetscKspSettings::ssor_pcg(1.0);
    }
    if (config.petsc_ssor == "pipelined") {
      return PetscKspSettings::pipelined_ssor_pcg(1.0, config.grid_columns());
    }
    return PetscKspSettings::interface_ssor_pcg(1.0);
  }
  return PetscKspSettings::cg_with("none");
}

/// The session read_seq_config_collectively started, until a backend takes it.
std::unique_ptr<PetscSession>& early_session() {
  static std::unique_ptr<PetscSession> session;
  return session;
}

std::unique_ptr<PetscSession> take_or_start_session(const std::string& options) {
  if (early_session()) {
    return std::move(early_session());
  }
  return std::make_unique<PetscSession>(options);
}

class PetscSeqBackend final : public SeqBackend {
 public:
  explicit PetscSeqBackend(const SeqConfig& config) : session_(take_or_start_session(config.petsc_options)) {
    // PETSc's options are the same string on every rank, so a bad one fails alike everywhere. The global
    // ones (-log_view, -malloc_debug) were set by the session; the rest reaches the solvers' prefix.
    PetscSession::insert_options(PetscSession::solver_options(config.petsc_options));
  }

  bool writes_files() const override { return PetscSession::is_root(); }

  sequence::SourceFactory sources(sequence::SourceFactory native) const override {
    return [native]() -> std::unique_ptr<sequence::InstanceSource> {
      // Opening the source reads the manifest (and may check its files): a file one rank cannot see must
      // stop every rank here, or the others would wait for it in the first collective call.
      std::unique_ptr<sequence::InstanceSource> inner;
      run_collectively([&] { inner = native(); });
      return std::make_unique<CollectiveSource>(std::move(inner));
    };
  }

  sequence::SolverFactory solvers(const SeqConfig& config) const override {
    const PetscKspSettings base = ksp_settings(config);
    const StoppingCriteria stop = config.stop;
    const bool has_omega = config.solver != "cg";
    return [base, stop, has_omega](double omega) -> std::unique_ptr<LinearSolver> {
      PetscKspSettings settings = base;
      settings.reject_unused_options = true;
      // One omega for all ranks: rank 0's choice (the policies agree anyway: same seed, same costs).
      const double chosen = broadcast_from_root(omega);
      if (has_omega) {
        settings.omega = chosen;
      }
      return std::make_unique<PetscParallelKspSolver>(settings, stop);
    };
  }

  void collectively(const std::function<void()>& work) const override { run_collectively(work); }

  std::function<bool()> stop_predicate(std::function<bool()> local) const override {
    // A signal reaches the ranks at different moments: stop when any rank has seen one.
    return [local] { return max_over_ranks(local && local() ? 1.0 : 0.0) > 0.0; };
  }

  std::unique_ptr<sequence::SolverArm> arm(const ArmSpec& spec, const SeqConfig& config) const override {
    return make_petsc_arm(spec, config, true);
  }
  bool has_petsc_arms() const override { return true; }
  std::function<double(double)> agreement() const override {
    return [](double local) { return max_over_ranks(local); };
  }

 private:
  std::unique_ptr<PetscSession> session_;
};

/// --solver auto without --backend petsc: the native arms in this process, and the PETSc arms on
/// PETSC_COMM_SELF (a PETSc session of one rank).
class NativeWithPetscArms final : public SeqBackend {
 public:
  NativeWithPetscArms() {
    if (PetscSession::size() > 1) {
      throw UsageError("--solver auto on " + std::to_string(PetscSession::size()) +
                       " ranks needs --backend petsc (each rank would solve the whole sequence alone)");
    }
  }
  std::unique_ptr<sequence::SolverArm> arm(const ArmSpec& spec, const SeqConfig& config) const override {
    return spec.uses_petsc() ? make_petsc_arm(spec, config, false) : SeqBackend::arm(spec, config);
  }
  bool has_petsc_arms() const override { return true; }

 private:
  PetscSession session_;
};

}  // namespace

SeqConfig read_seq_config_collectively(const std::function<SeqConfig()>& read) {
  SeqConfig config;
  std::exception_ptr error;
  try {
    config = read();
  } catch (...) {
    error = std::current_exception();
  }
  // The process-wide PETSc options take effect only when set before PetscInitialize (PetscSession).
  early_session() = std::make_unique<PetscSession>(
      error == nullptr && config.backend == "petsc" ? config.petsc_options : "");
  agree_on_failure(error);
  return config;
}

std::unique_ptr<SeqBackend> start_seq_backend(const SeqConfig& config) {
  if (config.backend != "petsc") {
    if (config.solver == "auto") {
      return std::make_unique<NativeWithPetscArms>();
    }
    return std::make_unique<SeqBackend>();
  }
  return std::make_unique<PetscSeqBackend>(config);
}

}  // namespace adasolve::app
