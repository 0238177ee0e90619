// adasolve-bench pde-gen: time and memory of the 3D Poisson generator with each obstacle (DCDM sizes).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>

#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/pde/obstacles.hpp"
#include "adasolve/pde/poisson.hpp"
#include "bench/benchmark_registry.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"

namespace {

using namespace adasolve;
using Clock = std::chrono::steady_clock;

/// Peak resident set size of this process so far, MiB (getrusage: ru_maxrss is in KiB on Linux).
double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

/// Bytes a GridProblem must hold: CSR (offsets, columns, values, diagonal positions) and the two maps.
double problem_mib(const pde::GridProblem& p) {
  const double n = p.matrix.rows(), nnz = p.matrix.nnz(), cells = p.shape.cells();
  return ((n + 1) * 4 + nnz * (4 + 8) + n * 4 + cells * 4 + n * 4) / (1024.0 * 1024.0);
}

int run_pde_gen(int argc, char** argv) {
  namespace po = boost::program_options;
  po::options_description options("pde-gen options");
  pde::CubeGridSettings grid;
  grid.n = 128;
  std::uint64_t seed = 1;
  app::add_setting_options(options, grid);
  options.add_options()("seed", app::seed_value(&seed), "obstacle seed (boxes, blob)");
  const auto parsed = app::parse_options(argc, argv, options);
  app::read_setting_options(parsed.values, grid);
  if (parsed.help) {
    app::print_help(
        "adasolve-bench pde-gen [--n N] [--seed S]",
        "Builds the n^3 7-point Poisson matrix with each obstacle once and prints mask and matrix "
        "time,\nunknowns, nnz, the bytes the problem must hold and the process's peak RSS so far.",
        options);
    return 0;
  }
  const pde::GridShape shape = grid.shape(3);
  std::printf("%-8s %10s %10s %10s %12s %12s %14s\n", "obstacle", "mask_s", "matrix_s", "unknowns", "nnz",
              "problem_MiB", "peak_RSS_MiB");
  for (const char* obstacle : {"none", "sphere", "boxes", "blob"}) {
    const auto start = Clock::now();
    const pde::SolidMask mask = pde::named_mask(obstacle, shape, seed);
    const double mask_seconds = seconds_since(start);
    const auto assembly = Clock::now();
    const pde::GridProblem problem = pde::poisson_3d(shape, &mask);
    const double matrix_seconds = seconds_since(assembly);
    std::printf("%-8s %10.3f %10.3f %10d %12d %12.1f %14.1f\n", obstacle, mask_seconds, matrix_seconds,
                problem.unknowns(), problem.matrix.nnz(), problem_mib(problem), peak_rss_mib());
  }
  return 0;
}

const adasolve::bench::Registration registration{
    "pde-gen", "time and memory of the 3D Poisson generator with each obstacle", &run_pde_gen};

}  // namespace
