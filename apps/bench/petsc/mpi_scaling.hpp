#pragma once
// adasolve-bench mpi-scaling: the pieces shared by the driver (mpi_scaling.cpp) and the workers that it
// starts under mpiexec (mpi_scaling_workers.cpp). A worker prints one line "RESULT {json}" on rank 0.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace adasolve::bench::mpi_scaling {

struct HeatRun {
  int nx = 2000;  ///< intervals per side: (nx - 1)^2 unknowns
  int steps = 20;
  double t0 = 0.6;  ///< strong phase of kappa
  double dt = 1e-3;
  double omega = 1.9;      ///< SSOR-PCG's relaxation factor
  double rtol = 1e-8;      ///< relative to ||b|| (h2d.m)
  int pipeline_block = 0;  ///< ssor-pcg-pipelined: grid columns per pipeline block (0: the default)
  /// Which methods run, in this order (kHeatMethods names them all).
  std::vector<std::string> methods{"ssor-pcg", "ssor-pcg-local", "cg+gamg"};
};

/// The heat methods: "ssor-pcg" (CG + interface-ordered SSOR, a global SSOR whose sweeps run in parallel),
/// "ssor-pcg-local" (CG + PETSc's processor-local symmetric PCSOR: block Jacobi between ranks),
/// "ssor-pcg-pipelined" (CG + pipelined SSOR: the one-rank natural-order SSOR, its sweeps pipelined over
/// the ranks in blocks of grid columns), "cg+gamg" (CG + GAMG reusing its interpolation across steps).
inline const std::vector<std::string> kHeatMethods{"ssor-pcg", "ssor-pcg-local", "ssor-pcg-pipelined",
                                                   "cg+gamg"};

/// Heat E2 on this job's ranks: each rank assembles its rows; the methods of `run`, each over the same
/// steps from the same start, warm-started. Times are maxima over ranks between barriers; peak memory is
/// the largest VmHWM of the ranks.
nlohmann::json run_heat_worker(const HeatRun& run);

/// Reads `file` distributed by row blocks, sets up SSOR-PCG on it and does one solve capped at a few
/// iterations; returns read seconds and the peak memory of each rank.
nlohmann::json run_matrix_file_worker(const std::string& file);

/// STREAM-like triad a = b + 3 c over total_mb megabytes per array, split over the ranks; best of
/// `repeats` timed passes.
nlohmann::json run_triad_worker(double total_mb, int repeats);

/// Peak resident memory of this process in MiB (VmHWM of /proc/self/status).
double peak_rss_mib();

}  // namespace adasolve::bench::mpi_scaling
