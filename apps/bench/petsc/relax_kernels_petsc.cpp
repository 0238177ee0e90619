// PETSc's side of adasolve-bench relax-kernels: MatSOR sweeps and KSPCG + PCSOR (symmetric, same omega)
// iterations on the same CsrMatrix (PETSc borrows its arrays: SeqAIJ, MAT_USE_INODES off as PCSOR's
// documentation asks for omega != 1). Registered as a KernelPeer; compiled only with the PETSc pillar.
#include <algorithm>
#include <chrono>
#include <memory>

#include "adasolve/backend/petsc.hpp"
#include "bench/relax_kernels.hpp"

namespace adasolve::bench {

using namespace adasolve::backend;

namespace {

using Clock = std::chrono::steady_clock;

/// The process's PETSc session, started on first use and finalised at exit.
void ensure_session() {
  static std::unique_ptr<PetscSession> session;
  if (!PetscSession::active()) {
    session = std::make_unique<PetscSession>();
  }
}

double petsc_sweep_seconds(const CsrMatrix& a, std::span<const double> b, std::span<double> x, double omega,
                           bool symmetric, int repetitions) {
  ensure_session();
  std::vector<double> times;
  for (int r = 0; r < repetitions; ++r) {
    times.push_back(petsc_mat_sor_seconds(a, b, x, omega, 1, symmetric));
  }
  return median(times);
}

double petsc_ssor_pcg_iteration_seconds(const CsrMatrix& a, std::span<const double> b, double omega,
                                        int repetitions) {
  ensure_session();
  StoppingCriteria stop;
  stop.rtol = 1e-300;  // never converges: exactly `repetitions` iterations
  stop.max_iters = repetitions + 1;
  PetscKspSolver solver(PetscKspSettings::ssor_pcg(omega), stop);
  // The solver keeps its matrix alive through a shared_ptr; this copy is made once per matrix.
  solver.setup(std::make_shared<const CsrMatrix>(a));
  return median_iteration_seconds(solver, b);
}

const KernelPeerRegistration registration{
    KernelPeer{"petsc", &petsc_sweep_seconds, &petsc_ssor_pcg_iteration_seconds}};

}  // namespace

}  // namespace adasolve::bench
