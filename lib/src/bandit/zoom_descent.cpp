#include "adasolve/bandit/zoom_descent.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "adasolve/core/error.hpp"
#include "bandit/state_check.hpp"

namespace adasolve::bandit {

ZoomDescentPolicy::ZoomDescentPolicy(OmegaGrid grid, ContextRange range, ZoomDescentSettings settings,
                                     std::uint64_t seed)
    : grid_((grid.validate(), grid.values())), range_(range), settings_(settings), seed_(seed) {
  range_.validate();
  settings_.validate();
  const double inf = std::numeric_limits<double>::infinity();
  bins_.push_back(Bin{-inf, inf, static_cast<int>(grid_.size()) / 2, {}});  // start in the middle of the grid
}

std::size_t ZoomDescentPolicy::bin_of(double c) const {
  // The last bin whose lower bound is <= c.
  const auto it =
      std::upper_bound(bins_.begin(), bins_.end(), c, [](double v, const Bin& b) { return v < b.lower; });
  return static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, (it - bins_.begin()) - 1));
}

std::vector<double> ZoomDescentPolicy::predict(const Bin& bin, double c) const {
  const std::size_t d = grid_.size();
  std::vector<double> n(d, 0.0), c_mean(d, 0.0), y_mean(d, 0.0);
  for (const auto& o : bin.data) {
    n[o.arm] += 1.0;
    c_mean[o.arm] += o.c;
    y_mean[o.arm] += o.y;
  }
  for (std::size_t a = 0; a < d; ++a) {
    if (n[a] > 0.0) {
      c_mean[a] /= n[a];
      y_mean[a] /= n[a];
    }
  }
  // One slope shared by the arms: gamma = sum (c - cbar_a)(y - ybar_a) / sum (c - cbar_a)^2.
  double sxy = 0.0, sxx = 0.0;
  for (const auto& o : bin.data) {
    const double dc = o.c - c_mean[o.arm];
    sxy += dc * (o.y - y_mean[o.arm]);
    sxx += dc * dc;
  }
  const double gamma = sxx > 1e-300 ? sxy / sxx : 0.0;
  std::vector<double> y(d, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t a = 0; a < d; ++a) {
    if (n[a] > 0.0) {
      y[a] = y_mean[a] + gamma * (c - c_mean[a]);  // yhat_a(c)
    }
  }
  return y;
}

int ZoomDescentPolicy::best_arm(const Bin& bin, double c) const {
  if (bin.data.empty()) {
    return bin.hint;
  }
  const std::vector<double> y = predict(bin, c);
  int best = -1;
  for (std::size_t a = 0; a < y.size(); ++a) {
    if (!std::isnan(y[a]) && (best < 0 || y[a] < y[static_cast<std::size_t>(best)])) {
      best = static_cast<int>(a);  // ties keep the smaller omega
    }
  }
  return best;
}

double ZoomDescentPolicy::choose(std::span<const double> context) {
  if (context.empty()) {
    throw UsageError("zoom-descent needs a context for every instance");
  }
  const double c = context[0];
  const Bin& bin = bins_[bin_of(c)];
  const int best = best_arm(bin, c);
  std::vector<bool> seen(grid_.size(), false);
  for (const auto& o : bin.data) {
    seen[static_cast<std::size_t>(o.arm)] = true;
  }
  int play = best;
  if (!bin.data.empty()) {
    // Local search: an unseen neighbour of the best arm is tried first (the smaller omega before the larger,
    // since overshooting omega* costs more than undershooting it).
    if (best > 0 && !seen[static_cast<std::size_t>(best - 1)]) {
      play = best - 1;
    } else if (best + 1 < static_cast<int>(grid_.size()) && !seen[static_cast<std::size_t>(best + 1)]) {
      play = best + 1;
    }
  }
  last_c_ = c;
  last_arm_ = play;
  return grid_[static_cast<std::size_t>(play)];
}

void ZoomDescentPolicy::split(std::size_t index) {
  Bin& bin = bins_[index];
  std::vector<double> cs;
  cs.reserve(bin.data.size());
  for (const auto& o : bin.data) {
    cs.push_back(o.c);
  }
  std::sort(cs.begin(), cs.end());
  const std::size_t half = cs.size() / 2;
  const double median = 0.5 * (cs[half - 1] + cs[half]);
  if (!(median > cs.front() && median <= cs.back() && median > bin.lower && median < bin.upper)) {
    return;  // all contexts (nearly) equal: nothing to separate
  }
  Bin left{bin.lower, median, best_arm(bin, 0.5 * (cs.front() + median)), {}};
  Bin right{median, bin.upper, best_arm(bin, 0.5 * (median + cs.back())), {}};
  for (const auto& o : bin.data) {
    (o.c < median ? left : right).data.push_back(o);
  }
  bins_[index] = std::move(left);
  bins_.insert(bins_.begin() + static_cast<std::ptrdiff_t>(index) + 1, std::move(right));
}

void ZoomDescentPolicy::observe(double cost) {
  if (last_arm_ < 0) {
    throw UsageError("zoom-descent: observe() without a preceding choose()");
  }
  const std::size_t index = bin_of(last_c_);
  bins_[index].data.push_back({last_c_, last_arm_, std::log(std::max(cost, 1.0))});
  ++observations_;
  const double threshold = std::max<double>(
      settings_.split_min, settings_.split_growth * std::sqrt(static_cast<double>(observations_)));
  if (static_cast<double>(bins_[index].data.size()) >= threshold) {
    split(index);
  }
  last_arm_ = -1;
}

nlohmann::json ZoomDescentPolicy::state() const {
  nlohmann::json bins = nlohmann::json::array();
  for (const auto& b : bins_) {
    nlohmann::json data = nlohmann::json::array();
    for (const auto& o : b.data) {
      data.push_back({o.c, o.arm, o.y});
    }
    // JSON has no infinity: the outer bounds are implied (first lower, last upper).
    bins.push_back({{"lower", std::isfinite(b.lower) ? nlohmann::json(b.lower) : nlohmann::json()},
                    {"hint", b.hint},
                    {"data", data}});
  }
  return {{"policy", name()},
          {"grid", grid_},
          {"seed", seed_},
          {"bins", bins},
          {"observations", observations_},
          {"last_c", last_c_},
          {"last_arm", last_arm_}};
}

void ZoomDescentPolicy::restore(const nlohmann::json& state) {
  detail::expect_policy_state(state, name());
  detail::expect_size(state.at("grid"), grid_.size(), "grid");
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<Bin> bins;
  for (const auto& b : state.at("bins")) {
    Bin bin{b.at("lower").is_null() ? -inf : b["lower"].get<double>(), inf, b.at("hint").get<int>(), {}};
    for (const auto& o : b.at("data")) {
      const int arm = o.at(1).get<int>();
      if (arm < 0 || arm >= static_cast<int>(grid_.size())) {
        throw UsageError("zoom-descent state: arm " + std::to_string(arm) + " out of range");
      }
      bin.data.push_back({o.at(0).get<double>(), arm, o.at(2).get<double>()});
    }
    if (!bins.empty()) {
      bins.back().upper = bin.lower;
    }
    bins.push_back(std::move(bin));
  }
  if (bins.empty()) {
    throw UsageError("zoom-descent state has no bins");
  }
  bins_ = std::move(bins);
  seed_ = state.at("seed").get<std::uint64_t>();
  observations_ = state.at("observations").get<long long>();
  last_c_ = state.at("last_c").get<double>();
  last_arm_ = state.at("last_arm").get<int>();
}

}  // namespace adasolve::bandit
