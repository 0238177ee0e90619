// The measurements of adasolve-bench mpi-scaling, each run on the ranks of one mpiexec job.
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "adasolve/backend/petsc_parallel.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/pde/heat_rows.hpp"
#include "bench/petsc/mpi_scaling.hpp"

namespace adasolve::bench::mpi_scaling {

using namespace adasolve::backend;

namespace {

using Clock = std::chrono::steady_clock;

/// Wall-clock of a phase that every rank runs: from a common start (barrier) until the slowest rank ends.
template <typename Work>
double timed_collectively(Work&& work) {
  barrier();
  const auto start = Clock::now();
  work();
  barrier();
  return seconds_since(start);
}

struct MethodTotals {
  double assembly = 0.0, setup = 0.0, solve = 0.0;
  long iterations = 0;
  int steps = 0;
  bool converged = true;
};

MethodTotals run_heat_method(const HeatRun& run, const PetscKspSettings& settings) {
  pde::HeatSettings heat;
  heat.nx = run.nx;
  heat.steps = run.steps;
  heat.t0 = run.t0;
  heat.dt = run.dt;
  const Index m = run.nx - 1;
  const RowPartition rows = RowPartition::for_this_rank(m * m);
  StoppingCriteria stop;
  stop.rtol = run.rtol;
  PetscDistributedSolver solver(settings, stop);
  MethodTotals totals;
  std::vector<double> u, f, two_u_plus_f, b;
  totals.assembly += timed_collectively([&] { u = pde::heat_initial_rows(heat, rows.begin, rows.end); });
  for (int k = 0; k < run.steps; ++k) {
    const double t = run.t0 + k * run.dt;
    std::shared_ptr<const CsrMatrix> a;
    // Assembly: this rank's rows of A and of the forcing (no communication).
    totals.assembly += timed_collectively([&] {
      a = std::make_shared<const CsrMatrix>(
          pde::heat_matrix_rows(heat, pde::heat_step_s(heat, t), rows.begin, rows.end));
      f = pde::heat_forcing_rows(heat, t, rows.begin, rows.end);
    });
    // Setup: PETSc's copy of the rows and the preconditioner (GAMG's hierarchy).
    totals.setup += timed_collectively([&] { solver.setup(a, rows); });
    // Solve: b = 2 u + f - A u (one distributed product), then the warm-started solve.
    totals.solve += timed_collectively([&] {
      two_u_plus_f.resize(u.size());
      b.resize(u.size());
      for (std::size_t i = 0; i < u.size(); ++i) {
        two_u_plus_f[i] = 2.0 * u[i] + f[i];
      }
      solver.residual(two_u_plus_f, u, b);
      const SolveReport report = solver.solve(b, u);
      totals.iterations += report.iterations;
      totals.converged = totals.converged && report.converged();
    });
    ++totals.steps;
  }
  return totals;
}

nlohmann::json to_json(const std::string& method, const MethodTotals& t) {
  return {{"method", method},        {"assembly_s", t.assembly},   {"setup_s", t.setup},
          {"solve_s", t.solve},      {"iterations", t.iterations}, {"steps", t.steps},
          {"converged", t.converged}};
}

}  // namespace

double peak_rss_mib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      return std::stod(line.substr(6)) / 1024.0;  // kB -> MiB
    }
  }
  return 0.0;
}

nlohmann::json run_heat_worker(const HeatRun& run) {
  nlohmann::json methods = nlohmann::json::array();
  for (const std::string& method : run.methods) {
    PetscKspSettings settings;
    if (method == "ssor-pcg") {
      settings = PetscKspSettings::interface_ssor_pcg(run.omega);
    } else if (method == "ssor-pcg-local") {
      settings = PetscKspSettings::ssor_pcg(run.omega);
    } else if (method == "ssor-pcg-pipelined") {
      // The E2 grid is row-major with nx - 1 unknowns per grid row.
      settings = PetscKspSettings::pipelined_ssor_pcg(run.omega, run.nx - 1);
      settings.pipeline_block_columns = run.pipeline_block;
    } else {
      // GAMG rebuilds its hierarchy when the values change; the steps keep A's pattern (only s(t) moves),
      // so the interpolation is reused and only the coarse operators are recomputed, as a sequence user
      // would.
      settings = PetscKspSettings::cg_with("gamg");
      settings.options_prefix = "scaling_gamg_";
      PetscSession::insert_options("-pc_gamg_reuse_interpolation true", settings.options_prefix);
    }
    methods.push_back(to_json(method, run_heat_method(run, settings)));
  }
  return {{"ranks", PetscSession::size()},
          {"unknowns", static_cast<long>(run.nx - 1) * (run.nx - 1)},
          {"methods", methods},
          {"peak_mib_per_rank", max_over_ranks(peak_rss_mib())}};
}

nlohmann::json run_matrix_file_worker(const std::string& file) {
  DistributedSystem system;
  const double read_s = timed_collectively([&] { system = read_distributed_system(file); });
  StoppingCriteria stop;
  stop.max_iters = 5;  // the point is the memory of a working solve, not its answer
  PetscDistributedSolver solver(PetscKspSettings::ssor_pcg(1.5), stop);
  const double setup_s = timed_collectively([&] { solver.setup(system.matrix, system.rows); });
  std::vector<double> x(system.rhs.size(), 0.0);
  const double solve_s = timed_collectively([&] { solver.solve(system.rhs, x); });
  return {{"ranks", PetscSession::size()},
          {"unknowns", system.rows.global_rows},
          {"nnz", sum_over_ranks(system.matrix->nnz())},
          {"read_s", read_s},
          {"setup_s", setup_s},
          {"solve_s", solve_s},
          {"peak_mib_per_rank", max_over_ranks(peak_rss_mib())}};
}

nlohmann::json run_triad_worker(double total_mb, int repeats) {
  const auto total = static_cast<Index>(total_mb * 1e6 / sizeof(double));
  const RowPartition part = RowPartition::for_this_rank(total);
  const auto n = static_cast<std::size_t>(part.local_rows());
  // First touch by this process, so each rank's pages are its own.
  std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const double t = timed_collectively([&] {
      for (std::size_t i = 0; i < n; ++i) {
        a[i] = b[i] + 3.0 * c[i];  // a <- b + 3 c: 24 bytes of traffic per element (STREAM's count)
      }
    });
    best = std::min(best, t);
  }
  const double checksum = sum_over_ranks(a.empty() ? 0.0 : a[n / 2]);
  return {{"ranks", PetscSession::size()},
          {"array_mb", total_mb},
          {"best_s", best},
          {"gb_per_s", 24.0 * static_cast<double>(total) / best / 1e9},
          {"checksum", checksum}};
}

}  // namespace adasolve::bench::mpi_scaling
