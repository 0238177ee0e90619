#pragma once
// relax-kernels: adasolve's SOR kernels side by side with a peer library's (PETSc's MatSOR and KSPCG +
// PCSOR when adasolve-bench is built with the PETSc pillar: apps/bench/petsc/ registers the peer here).
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/linear_solver.hpp"

namespace adasolve::bench {

/// Median seconds of one operation on A, measured `repetitions` times.
struct KernelPeer {
  std::string name;  ///< e.g. "petsc"
  /// One SOR sweep x <- x + (D/omega + L)^-1 (b - A x) (forward), or forward + backward (symmetric).
  std::function<double(const CsrMatrix& a, std::span<const double> b, std::span<double> x, double omega,
                       bool symmetric, int repetitions)>
      sweep_seconds;
  /// One iteration of CG preconditioned by a symmetric SOR sweep with omega.
  std::function<double(const CsrMatrix& a, std::span<const double> b, double omega, int repetitions)>
      ssor_pcg_iteration_seconds;
};

std::vector<KernelPeer>& kernel_peers();

/// Median of v (0 for an empty v).
double median(std::vector<double> v);

/// Median wall time between consecutive iterations of one solve of A x = b from x = 0, taken from monitor
/// timestamps. The caller sets the solver up with criteria that give the number of iterations wanted.
double median_iteration_seconds(LinearSolver& solver, std::span<const double> b);

struct KernelPeerRegistration {
  explicit KernelPeerRegistration(KernelPeer peer) { kernel_peers().push_back(std::move(peer)); }
};

}  // namespace adasolve::bench
