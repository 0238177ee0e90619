#pragma once
// Shared by the adasolve-bench nlp-* subcommands: the "solved" criterion of issue 6, the Ipopt peer run as a
// subprocess, and small formatting helpers.
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "adasolve/nlp/adasketch_newton.hpp"

namespace adasolve::bench::nlp_bench {

/// Solved: KKT residual <= 1e-6 and, when the problem has a unique known optimum, |f - f*| <= 1e-6 (1 +
/// |f*|).
inline bool judged_solved(double kkt, double f, std::optional<nlp::KnownOptimum> opt) {
  if (!(kkt <= 1e-6))
    return false;
  if (opt && opt->unique)
    return std::abs(f - opt->value) <= 1e-6 * (1.0 + std::abs(opt->value));
  return true;
}

/// The shared data folder given at configure time (ADASOLVE_SHARED_DATA).
std::string shared_data_dir();

/// Runs adasolve-ipopt-peer (next to adasolve-bench) with `args`; its JSON line, or nullopt when the peer is
/// missing or failed.
std::optional<nlohmann::json> run_ipopt_peer(const std::string& args);

/// Median of a list (0 for an empty one).
double median(std::vector<double> v);

}  // namespace adasolve::bench::nlp_bench
