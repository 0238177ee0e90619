// adasolve-bench relax-kernels: time per SOR sweep and per SSOR-PCG iteration on matrices whose working set
// exceeds the last-level cache (2D Poisson 3000^2, 3D Poisson 200^3), the bandwidth that implies, and a
// STREAM-like triad a = b + s c on arrays of the same run (platform.md: the guest reports a 260 MiB LLC,
// so only working sets >= 4x that measure memory bandwidth). A few SuiteSparse SPD matrices are timed as
// well and reported separately as cache-resident. Medians of --repetitions runs. Peer kernels (PETSc) are
// timed on the same matrices when the peer is built in (relax_kernels.hpp), and ratios are printed.
#include "bench/relax_kernels.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <sstream>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "adasolve/linear/sor_sweep.hpp"
#include "adasolve/linear/ssor_pcg.hpp"
#include "adasolve/pde/poisson.hpp"
#include "bench/benchmark_registry.hpp"
#include "common/data_dir.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"

namespace adasolve::bench {

using namespace adasolve::linear;

std::vector<KernelPeer>& kernel_peers() {
  static std::vector<KernelPeer> peers;
  return peers;
}

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n == 0 ? 0.0 : (n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]));
}

double median_iteration_seconds(LinearSolver& solver, std::span<const double> b) {
  std::vector<Clock::time_point> stamps;
  solver.add_monitor([&](const IterationEvent&) { stamps.push_back(Clock::now()); });
  std::vector<double> x(b.size(), 0.0);
  solver.solve(b, x);
  std::vector<double> times;
  for (std::size_t i = 1; i < stamps.size(); ++i) {
    times.push_back(std::chrono::duration<double>(stamps[i] - stamps[i - 1]).count());
  }
  return median(times);
}

namespace {

template <class F>
double median_seconds(int repetitions, F&& f) {
  std::vector<double> times;
  for (int r = 0; r < repetitions; ++r) {
    const auto start = Clock::now();
    f();
    times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  return median(times);
}

/// STREAM triad a_i = b_i + s c_i over three arrays of `megabytes` MB each; bytes counted as STREAM does
/// (3 arrays per pass, write-allocate traffic not counted).
double triad_bandwidth(double megabytes, int repetitions) {
  const std::size_t n = static_cast<std::size_t>(megabytes * 1e6 / 8.0);
  std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
  const double s = 3.0;
  const double seconds = median_seconds(repetitions, [&] {
    double* __restrict pa = a.data();
    const double* __restrict pb = b.data();
    const double* __restrict pc = c.data();
    for (std::size_t i = 0; i < n; ++i) {
      pa[i] = pb[i] + s * pc[i];
    }
  });
  if (a[n / 2] != 7.0) {
    throw Error("triad: wrong result");
  }
  return 3.0 * static_cast<double>(n) * 8.0 / seconds;
}

/// Bytes a forward sweep must move at least once: values and column indices, row offsets, diagonal
/// positions, inverse diagonal, b, and x read and written.
double sweep_bytes(Index nnz, Index n) {
  return static_cast<double>(nnz) * (8.0 + 4.0) + static_cast<double>(n) * (4 + 4 + 8 + 8 + 8 + 8);
}

/// Median seconds of one SSOR-PCG iteration, from the monitor's per-iteration timestamps.
double ssor_pcg_iteration_seconds(std::shared_ptr<const CsrMatrix> a, const std::vector<double>& b,
                                  double omega, int repetitions) {
  StoppingCriteria stop;
  stop.rtol = 1e-300;  // never converges: exactly `repetitions` iterations
  stop.max_iters = repetitions;
  SsorPcgSolver solver(SorSettings{omega}, stop);
  solver.setup(std::move(a));
  return median_iteration_seconds(solver, b);
}

struct Row {
  std::string matrix;
  Index n = 0;
  Index nnz = 0;
  double forward = 0, symmetric = 0, pcg = 0;  // seconds
  std::vector<double> peer_forward, peer_symmetric, peer_pcg;
};

Row time_matrix(const std::string& label, std::shared_ptr<const CsrMatrix> a, double omega, int repetitions) {
  Row row;
  row.matrix = label;
  row.n = a->rows();
  row.nnz = a->nnz();
  std::vector<double> b(static_cast<std::size_t>(a->rows()), 1.0), x(b.size(), 0.0);
  const SorSweeper sweeper(*a);
  sweeper.forward(b, x, omega);  // warm-up: pages touched
  row.forward = median_seconds(repetitions, [&] { sweeper.forward(b, x, omega); });
  row.symmetric = median_seconds(repetitions, [&] { sweeper.symmetric(b, x, omega); });
  row.pcg = ssor_pcg_iteration_seconds(a, b, omega, repetitions + 1);
  for (const auto& peer : kernel_peers()) {
    std::vector<double> y(b.size(), 0.0);
    row.peer_forward.push_back(peer.sweep_seconds(*a, b, y, omega, false, repetitions));
    row.peer_symmetric.push_back(peer.sweep_seconds(*a, b, y, omega, true, repetitions));
    row.peer_pcg.push_back(peer.ssor_pcg_iteration_seconds(*a, b, omega, repetitions));
  }
  return row;
}

void print_rows(std::ostream& out, const std::string& title, const std::vector<Row>& rows, double triad) {
  out << title << "\n";
  out << fmt::format("{:<22} {:>10} {:>10} {:>11} {:>8} {:>9} {:>11} {:>11}", "matrix", "n", "nnz",
                     "fwd sweep", "GB/s", "% triad", "sym sweep", "pcg iter");
  for (const auto& peer : kernel_peers()) {
    out << fmt::format(" {:>12} {:>7} {:>12} {:>7} {:>12} {:>7}", peer.name + " fwd", "ratio",
                       peer.name + " sym", "ratio", peer.name + " pcg", "ratio");
  }
  out << "\n";
  for (const auto& r : rows) {
    const double bytes = sweep_bytes(r.nnz, r.n);
    const double gbs = bytes / r.forward / 1e9;
    out << fmt::format("{:<22} {:>10} {:>10} {:>9.3f}ms {:>8.2f} {:>8.0f}% {:>9.3f}ms {:>9.3f}ms", r.matrix,
                       r.n, r.nnz, 1e3 * r.forward, gbs, 100.0 * gbs * 1e9 / triad, 1e3 * r.symmetric,
                       1e3 * r.pcg);
    for (std::size_t p = 0; p < r.peer_forward.size(); ++p) {
      out << fmt::format(" {:>10.3f}ms {:>7.2f} {:>10.3f}ms {:>7.2f} {:>10.3f}ms {:>7.2f}",
                         1e3 * r.peer_forward[p], r.forward / r.peer_forward[p], 1e3 * r.peer_symmetric[p],
                         r.symmetric / r.peer_symmetric[p], 1e3 * r.peer_pcg[p], r.pcg / r.peer_pcg[p]);
    }
    out << "\n";
  }
}

/// The numeric knobs of adasolve-bench relax-kernels.
struct KernelSettings {
  int poisson2d = 3000;
  int poisson3d = 200;
  int repetitions = 20;
  double triad_mb = 400.0;
  double omega = 1.5;
  static std::span<const SettingField<KernelSettings>> fields() {
    static const SettingField<KernelSettings> described[] = {
        {"poisson2d", &KernelSettings::poisson2d, "2D Poisson grid side (0 = skip)",
         SettingRange::at_least(0.0)},
        {"poisson3d", &KernelSettings::poisson3d, "3D Poisson grid side (0 = skip)",
         SettingRange::at_least(0.0)},
        {"repetitions", &KernelSettings::repetitions, "timed repetitions per kernel (median)",
         SettingRange::at_least(1.0)},
        {"triad_mb", &KernelSettings::triad_mb, "triad array size in MB (each of 3)",
         SettingRange::above(0.0)},
        {"omega", &KernelSettings::omega, "relaxation factor", SettingRange::open(0.0, 2.0)},
    };
    return described;
  }
};

int run_relax_kernels(int argc, char** argv) {
  KernelSettings settings;
  app::po::options_description options("relax-kernels options");
  app::add_setting_options(options, settings);
  options.add_options()(
      "matrices",
      app::po::value<std::string>()->default_value("662_bus.mtx,bcsstk08.mtx,bcsstk09.mtx,bcsstk10.mtx"),
      "cache-resident SPD matrices from <shared-data>/matrices/spd, comma-separated ('' = none)")(
      "shared-data", app::po::value<std::string>()->default_value(app::shared_test_data_dir().string()),
      "shared data folder");
  const auto parsed = app::parse_options(argc, argv, options);
  app::read_setting_options(parsed.values, settings);
  if (parsed.help) {
    app::print_help(
        "adasolve-bench relax-kernels [options]",
        "Median time per SOR sweep / SSOR-PCG iteration, achieved bandwidth against a STREAM-like\n"
        "triad, and ratios to PETSc's MatSOR / KSPCG+PCSOR when built with PETSc (ratio = ours / theirs).",
        options);
    return 0;
  }
  const auto& v = parsed.values;
  const int repetitions = settings.repetitions;
  const double omega = settings.omega;
  SorSettings{omega}.validate();
  const double triad = triad_bandwidth(settings.triad_mb, repetitions);
  std::cout << fmt::format("STREAM-like triad, 3 x {:.0f} MB: {:.2f} GB/s (median of {})\n",
                           settings.triad_mb, triad / 1e9, repetitions);
  if (kernel_peers().empty()) {
    std::cout << "(no peer kernels in this build: adasolve-bench was built without the PETSc pillar)\n";
  }
  std::cout << "\n";

  std::vector<Row> large;
  if (const int side = settings.poisson2d; side > 0) {
    auto a = std::make_shared<const CsrMatrix>(pde::poisson_2d(pde::GridShape{side, side, 1}).matrix);
    large.push_back(time_matrix(fmt::format("poisson2d {}^2", side), a, omega, repetitions));
  }
  if (const int side = settings.poisson3d; side > 0) {
    auto a = std::make_shared<const CsrMatrix>(pde::poisson_3d(pde::GridShape{side, side, side}).matrix);
    large.push_back(time_matrix(fmt::format("poisson3d {}^3", side), a, omega, repetitions));
  }
  if (!large.empty()) {
    print_rows(
        std::cout,
        fmt::format("Large matrices (working set >> LLC), omega = {}, median of {}:", omega, repetitions),
        large, triad);
    std::cout << "\n";
  }
  std::vector<Row> small;
  for (const auto& file : app::split_comma_list(v["matrices"].as<std::string>())) {
    const auto path = std::filesystem::path(v["shared-data"].as<std::string>()) / "matrices/spd" / file;
    auto a = std::make_shared<const CsrMatrix>(io::read_matrix_market(path));
    small.push_back(time_matrix(file, a, omega, std::max(repetitions, 100)));
  }
  if (!small.empty()) {
    print_rows(std::cout, "Cache-resident matrices (bandwidth figures are cache, not memory):", small, triad);
  }
  return 0;
}

const Registration registration{"relax-kernels",
                                "SOR sweep / SSOR-PCG iteration times, bandwidth vs triad (vs PETSc)",
                                &run_relax_kernels};

}  // namespace

}  // namespace adasolve::bench
