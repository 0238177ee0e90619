#pragma once
// adasolve-bench nlp-set --large: the problems that scale (issue 17), each solver run as a child process of
// its own so that seconds and peak memory (the child's ru_maxrss) are measured alike for adasolve-nlp and
// for Ipopt (adasolve-ipopt-peer, Ipopt's default linear solver MUMPS):
//   * PDE source control for N = 64, 128, ... up to --large-max-n (n = 2 N^2, m = N^2);
//   * catenary and hanging-chain problems at several sizes, written as .nl files by the in-repository
//     generator (nl_writer.hpp), read by both solvers;
//   * constrained logistic regression on every LIBSVM file with all its samples.
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/setting_fields.hpp"
#include "adasolve/nlp/adasketch_newton.hpp"

namespace adasolve::bench::nlp_bench {

/// The sizes and the time cap of the large set.
struct LargeSetSettings {
  int max_grid = 1024;         ///< largest PDE-control N (N = 64, 128, ... while <= it)
  int min_grid = 64;           ///< smallest PDE-control N
  double cpu_limit_s = 600.0;  ///< CPU seconds each solver process may use before it is stopped
  static std::span<const SettingField<LargeSetSettings>> fields();
};

struct LargeSetInputs {
  nlp::AdaSketchSettings settings;  ///< passed to adasolve-nlp as options (setting_arguments)
  std::string settings_name;  ///< how the heading names them ("the paper's (--paper)"; "": the defaults)
  LargeSetSettings sizes;
  std::vector<int> catenary_points;  ///< interior points of the generated catenary problems
  std::vector<int> chain_links;      ///< links of the generated hanging-chain problems
  std::string libsvm_dir;            ///< every LIBSVM file there ("" or a missing folder: none)
  bool peer = true;                  ///< run Ipopt too
};

/// "330,660" -> {330, 660}; UsageError naming `option` for anything but positive integers.
std::vector<int> parse_sizes(const std::string& list, const std::string& option);

/// Prints the large set's table and its summary (distinct problems, solved, worst ratios to Ipopt) to out.
void run_large_set(const LargeSetInputs& in, std::ostream& out);

}  // namespace adasolve::bench::nlp_bench
