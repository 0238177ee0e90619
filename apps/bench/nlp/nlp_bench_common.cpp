#include "bench/nlp/nlp_bench_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>

#include "common/data_dir.hpp"
#include "common/shell_command.hpp"

namespace adasolve::bench::nlp_bench {

std::string shared_data_dir() { return app::shared_test_data_dir().string(); }

std::optional<nlohmann::json> run_ipopt_peer(const std::string& args) {
  const auto peer = std::filesystem::read_symlink("/proc/self/exe").parent_path() / "adasolve-ipopt-peer";
  if (!std::filesystem::exists(peer)) {
    return std::nullopt;
  }
  const std::string command = fmt::format("'{}' {} 2>/dev/null", peer.string(), args);
  const std::string last = app::last_line(app::run_command(command).output);
  try {
    return nlohmann::json::parse(last);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

double median(std::vector<double> v) {
  if (v.empty()) {
    return 0.0;
  }
  std::sort(v.begin(), v.end());
  const std::size_t h = v.size() / 2;
  return v.size() % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
}

}  // namespace adasolve::bench::nlp_bench
