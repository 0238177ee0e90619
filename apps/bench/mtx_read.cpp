// adasolve-bench mtx-read: Matrix Market read throughput (MB/s) against `wc -l` on the same file, same run.
//
// Generates a coordinate real general file of about --size-mb MB (5 random columns per row, values
// N(0, 1) in shortest round-trip form, rows in order as most writers emit them) unless --file is given,
// then times io::read_matrix_market (file to CsrMatrix, best of --repeat) and `wc -l` (best of --repeat).
// Both read the file from the page cache after the first pass, so the ratio compares parsing work.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_file.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "adasolve/io/petsc_binary.hpp"
#include "bench/benchmark_registry.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"
#include "common/shell_command.hpp"

namespace {

using namespace adasolve;
using Clock = std::chrono::steady_clock;

constexpr int kPerRow = 5;

/// Rows of a generated Matrix Market file of about `megabytes` MB.
Index rows_for_matrix_market(double megabytes) {
  const auto target = static_cast<std::size_t>(megabytes * 1e6);
  // Bytes per entry: two indices of d digits, a value of about 19 characters, three separators; d depends
  // on n itself, so the estimate is refined twice.
  Index n = static_cast<Index>(target / (36 * kPerRow));
  for (int pass = 0; pass < 2; ++pass) {
    const auto digits_of_n = static_cast<std::size_t>(std::to_string(std::max<Index>(n, 1)).size());
    n = static_cast<Index>(target / ((2 * digits_of_n + 22) * kPerRow));
  }
  return std::max<Index>(n, 1);
}

/// Rows of a matrix whose PETSc binary file has about `megabytes` MB: a 4-byte row length per row, a 4-byte
/// column index and an 8-byte value per entry.
Index rows_for_petsc_binary(double megabytes) {
  return std::max<Index>(static_cast<Index>(megabytes * 1e6 / (4 + 12 * kPerRow)), 1);
}

/// Writes a random n x n coordinate real general matrix (5 entries per row); returns its stored entries.
std::int64_t generate(const std::filesystem::path& file, Index n, std::uint64_t seed) {
  const auto target = static_cast<std::size_t>(n) * 36 * kPerRow;
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<Index> column(1, n);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::string body;
  body.reserve(target + target / 8);
  std::int64_t entries = 0;
  char digits[64];
  auto append = [&](auto value, char after) {
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    body.append(digits, end);
    body.push_back(after);
  };
  for (Index i = 1; i <= n; ++i) {
    for (int k = 0; k < kPerRow; ++k) {
      append(i, ' ');
      append(column(rng), ' ');
      append(normal(rng), '\n');
      ++entries;
    }
  }
  std::ofstream out(file, std::ios::binary);
  out << "%%MatrixMarket matrix coordinate real general\n% adasolve-bench mtx-read, seed " << seed << "\n"
      << n << " " << n << " " << entries << "\n";
  out.write(body.data(), static_cast<std::streamsize>(body.size()));
  if (!out) {
    throw InputError::at(file.string(), 0, "cannot write the benchmark file");
  }
  return entries;
}

/// CPU seconds used so far by this process (self) or by its finished children (`wc -l`).
double cpu_seconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

struct Timing {
  double wall = 1e300;  ///< best wall-clock seconds
  double cpu = 1e300;   ///< best CPU seconds (user + system): robust when other jobs share the cores
};

template <class F>
Timing best_of(int repeat, int who, F&& run) {
  Timing best;
  for (int r = 0; r < repeat; ++r) {
    const double cpu_start = cpu_seconds(who);
    const auto start = Clock::now();
    run();
    best.wall = std::min(best.wall, std::chrono::duration<double>(Clock::now() - start).count());
    best.cpu = std::min(best.cpu, cpu_seconds(who) - cpu_start);
  }
  return best;
}

/// The numeric knobs of adasolve-bench mtx-read.
struct MtxReadSettings {
  double size_mb = 100.0;
  int repeat = 3;
  static std::span<const SettingField<MtxReadSettings>> fields() {
    static const SettingField<MtxReadSettings> described[] = {
        {"size_mb", &MtxReadSettings::size_mb, "size of the generated file in MB (1e6 bytes)",
         SettingRange::open_closed(0.0, 10000.0)},
        {"repeat", &MtxReadSettings::repeat, "timed repetitions; the best is reported",
         SettingRange::at_least(1.0)},
    };
    return described;
  }
};

int run_mtx_read(int argc, char** argv) {
  MtxReadSettings settings;
  std::uint64_t seed = 1;
  app::po::options_description options("Options");
  options.add_options()("file", app::po::value<std::string>(), "read this file instead of generating one")(
      "petsc-binary",
      "also write the matrix as a PETSc binary file and time reading it (file to CSR) against the Matrix "
      "Market "
      "read of the same matrix; the generated matrix is then sized so that the binary file has --size-mb MB")(
      "seed", app::seed_value(&seed), "seed of the generated matrix")(
      "keep", "keep the generated file (its path is printed)");
  app::add_setting_options(options, settings);
  const auto parsed = app::parse_options(argc, argv, options);
  app::read_setting_options(parsed.values, settings);
  if (parsed.help) {
    app::print_help(
        "adasolve-bench mtx-read [--file FILE | --size-mb MB] [--repeat N] [--petsc-binary]",
        "Matrix Market read throughput, single thread: io::read_matrix_market (file to CSR) on a\n"
        "generated coordinate real file, best of N, against `wc -l` on the same file in the same run.\n"
        "--petsc-binary: also the read of the same matrix from a PETSc binary file, and the speed-up.",
        options);
    return 0;
  }
  const auto& v = parsed.values;
  const int repeat = settings.repeat;
  const double size_mb = settings.size_mb;
  std::filesystem::path file;
  std::filesystem::path scratch;
  if (v.count("file") != 0U) {
    file = v["file"].as<std::string>();
  } else {
    scratch = std::filesystem::temp_directory_path() / ("adasolve-bench-mtx-" + std::to_string(::getpid()));
    std::filesystem::create_directories(scratch);
    file = scratch / "random.mtx";
    const auto start = Clock::now();
    const bool size_binary = v.count("petsc-binary") != 0U;
    const Index rows = size_binary ? rows_for_petsc_binary(size_mb) : rows_for_matrix_market(size_mb);
    const auto entries = generate(file, rows, seed);
    std::cout << "generated " << file.string() << ": " << entries << " entries in "
              << std::chrono::duration<double>(Clock::now() - start).count() << " s\n";
  }
  const double megabytes = static_cast<double>(std::filesystem::file_size(file)) / 1e6;

  CsrMatrix a;
  const Timing read = best_of(repeat, RUSAGE_SELF, [&] { a = io::read_matrix_market(file); });
  const std::string wc = "wc -l " + app::shell_quote(file.string()) + " > /dev/null";
  const Timing count = best_of(repeat, RUSAGE_CHILDREN, [&] {
    if (std::system(wc.c_str()) != 0) {
      throw BackendError("`" + wc + "` failed");
    }
  });

  auto row = [&](const char* name, const Timing& t) {
    std::cout << name << "wall " << t.wall << " s = " << megabytes / t.wall << " MB/s   cpu " << t.cpu
              << " s = " << megabytes / t.cpu << " MB/s\n";
  };
  std::cout << "file                  " << file.string() << "\n"
            << "size                  " << megabytes << " MB, " << a.rows() << " x " << a.cols() << ", "
            << a.nnz() << " entries\n";
  std::cout.precision(4);
  row("read_matrix_market    ", read);
  row("wc -l                 ", count);
  std::cout << "ratio read / wc -l    wall " << read.wall / count.wall << "   cpu " << read.cpu / count.cpu
            << "   (best of " << repeat << ")\n";
  if (v.count("petsc-binary") != 0U) {
    // The same matrix from a PETSc binary file (written untimed from what was read), then checked equal.
    const std::filesystem::path binary_file =
        scratch.empty() ? std::filesystem::path(file.string() + ".adasolve-bench.bin")
                        : scratch / "random.bin";
    io::write_petsc_binary(binary_file, a);
    const double binary_mb = static_cast<double>(std::filesystem::file_size(binary_file)) / 1e6;
    CsrMatrix b;
    const Timing binary = best_of(repeat, RUSAGE_SELF, [&] { b = io::read_matrix_file(binary_file); });
    const bool same =
        std::equal(a.values().begin(), a.values().end(), b.values().begin(), b.values().end()) &&
        std::equal(a.column_indices().begin(), a.column_indices().end(), b.column_indices().begin(),
                   b.column_indices().end());
    std::filesystem::remove(binary_file);
    if (!same) {
      throw BackendError("the PETSc binary file read back differs from the matrix written");
    }
    std::cout << "petsc binary          " << binary_mb << " MB (same matrix, read back equal)\n";
    row("read petsc binary     ", binary);
    std::cout << "speed-up binary / mtx wall " << read.wall / binary.wall << "   cpu "
              << read.cpu / binary.cpu << "   (time to read the same matrix; target >= 3)\n";
  }
  if (!scratch.empty()) {
    if (v.count("keep") == 0U) {
      std::filesystem::remove_all(scratch);
    } else {
      std::cout << "kept " << file.string() << "\n";
    }
  }
  return 0;
}

const bench::Registration registration{
    "mtx-read", "Matrix Market read MB/s vs wc -l on a generated ~100 MB file", &run_mtx_read};

}  // namespace
