// adasolve-bench mtx-read: Matrix Market read throughput (MB/s) against `wc -l` on the same file, same run.
//
// Generates a coordinate real general file of about --size-mb MB (5 random columns per row, values
// N(0, 1) in shortest round-trip form, rows in order as most writers emit them) unless --file is given,
// then times io::read_matrix_market (file to CsrMatrix, best of --repeat) and `wc -l` (best of --repeat).
// Both read the file from the page cache after the first pass, so the ratio compares parsing work.
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <unistd.h>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "bench/benchmark_registry.hpp"
#include "common/options.hpp"

namespace {

using namespace adasolve;
using Clock = std::chrono::steady_clock;

/// Writes a random coordinate real general matrix of about `megabytes` MB; returns its stored entries.
std::int64_t generate(const std::filesystem::path& file, double megabytes, unsigned seed) {
  constexpr int kPerRow = 5;
  const auto target = static_cast<std::size_t>(megabytes * 1e6);
  // Bytes per entry: two indices of d digits, a value of about 19 characters, three separators; d depends
  // on n itself, so the estimate is refined twice.
  Index n = static_cast<Index>(target / (36 * kPerRow));
  for (int pass = 0; pass < 2; ++pass) {
    const auto digits_of_n = static_cast<std::size_t>(std::to_string(std::max<Index>(n, 1)).size());
    n = static_cast<Index>(target / ((2 * digits_of_n + 22) * kPerRow));
  }
  n = std::max<Index>(n, 1);
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

template <class F>
double best_seconds(int repeat, F&& run) {
  double best = 1e300;
  for (int r = 0; r < repeat; ++r) {
    const auto start = Clock::now();
    run();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

int run_mtx_read(int argc, char** argv) {
  app::po::options_description options("Options");
  options.add_options()("file", app::po::value<std::string>(), "read this file instead of generating one")(
      "size-mb", app::po::value<double>()->default_value(100.0), "size of the generated file in MB (1e6 bytes)")(
      "repeat", app::po::value<int>()->default_value(3), "timed repetitions; the best is reported")(
      "seed", app::po::value<unsigned>()->default_value(1), "seed of the generated matrix")(
      "keep", "keep the generated file (its path is printed)");
  const auto parsed = app::parse_options(argc, argv, options);
  if (parsed.help) {
    app::print_help("adasolve-bench mtx-read [--file FILE | --size-mb MB] [--repeat N]",
                    "Matrix Market read throughput, single thread: io::read_matrix_market (file to CSR) on a\n"
                    "generated coordinate real file, best of N, against `wc -l` on the same file in the same run.",
                    options);
    return 0;
  }
  const auto& v = parsed.values;
  const int repeat = v["repeat"].as<int>();
  const double size_mb = v["size-mb"].as<double>();
  if (repeat < 1 || !(size_mb > 0.0 && size_mb <= 10000.0)) {
    throw UsageError("--repeat must be >= 1 and --size-mb in (0, 10000]");
  }
  std::filesystem::path file;
  std::filesystem::path scratch;
  if (v.count("file") != 0U) {
    file = v["file"].as<std::string>();
  } else {
    scratch = std::filesystem::temp_directory_path() / ("adasolve-bench-mtx-" + std::to_string(::getpid()));
    std::filesystem::create_directories(scratch);
    file = scratch / "random.mtx";
    const auto start = Clock::now();
    const auto entries = generate(file, size_mb, v["seed"].as<unsigned>());
    std::cout << "generated " << file.string() << ": " << entries << " entries in "
              << std::chrono::duration<double>(Clock::now() - start).count() << " s\n";
  }
  const double megabytes = static_cast<double>(std::filesystem::file_size(file)) / 1e6;

  CsrMatrix a;
  const double read_s = best_seconds(repeat, [&] { a = io::read_matrix_market(file); });
  const std::string wc = "wc -l " + shell_quote(file.string()) + " > /dev/null";
  const double wc_s = best_seconds(repeat, [&] {
    if (std::system(wc.c_str()) != 0) {
      throw BackendError("`" + wc + "` failed");
    }
  });

  std::cout << "file                  " << file.string() << "\n"
            << "size                  " << megabytes << " MB, " << a.rows() << " x " << a.cols() << ", " << a.nnz()
            << " entries\n"
            << "read_matrix_market    " << read_s << " s  " << megabytes / read_s << " MB/s  (best of " << repeat
            << ")\n"
            << "wc -l                 " << wc_s << " s  " << megabytes / wc_s << " MB/s\n"
            << "ratio read / wc -l    " << read_s / wc_s << "\n";
  if (!scratch.empty()) {
    if (v.count("keep") == 0U) {
      std::filesystem::remove_all(scratch);
    } else {
      std::cout << "kept " << file.string() << "\n";
    }
  }
  return 0;
}

const bench::Registration registration{"mtx-read", "Matrix Market read MB/s vs wc -l on a generated ~100 MB file",
                                       &run_mtx_read};

}  // namespace
