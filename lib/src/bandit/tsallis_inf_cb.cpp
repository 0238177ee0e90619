#include "adasolve/bandit/tsallis_inf_cb.hpp"

#include <algorithm>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "bandit/seeded_rng.hpp"
#include "bandit/state_check.hpp"

namespace adasolve::bandit {

struct TsallisInfCbPolicy::Rng : detail::SeededRng {
  using SeededRng::SeededRng;
};

TsallisInfCbPolicy::TsallisInfCbPolicy(OmegaGrid grid, ContextRange range, TsallisInfCbSettings bins,
                                       TsallisInfSettings settings, std::uint64_t seed)
    : grid_((grid.validate(), grid.values())), range_(range), rng_(std::make_unique<Rng>(seed)) {
  range_.validate();
  bins.validate();
  learners_.assign(static_cast<std::size_t>(bins.bins), TsallisInfLearner(grid.count, settings));
}

TsallisInfCbPolicy::~TsallisInfCbPolicy() = default;

int TsallisInfCbPolicy::bin_of(double c) const {
  // Bin j covers [a + j w, a + (j+1) w) with centre a + (j + 1/2) w: the nearest centre is the covering bin.
  const int m = static_cast<int>(learners_.size());
  const double width = (range_.max - range_.min) / m;
  const int j = static_cast<int>(std::floor((c - range_.min) / width));
  return std::clamp(j, 0, m - 1);
}

double TsallisInfCbPolicy::choose(std::span<const double> context) {
  if (context.empty()) {
    throw UsageError("tsallis-inf-cb needs a context for every instance");
  }
  last_bin_ = bin_of(context[0]);
  const std::vector<double> p = learners_[static_cast<std::size_t>(last_bin_)].probabilities();
  last_arm_ = static_cast<int>(rng_->sample(p));
  last_p_ = p[static_cast<std::size_t>(last_arm_)];
  return grid_[static_cast<std::size_t>(last_arm_)];
}

void TsallisInfCbPolicy::observe(double cost) {
  if (last_arm_ < 0) {
    throw UsageError("tsallis-inf-cb: observe() without a preceding choose()");
  }
  learners_[static_cast<std::size_t>(last_bin_)].update(last_arm_, last_p_, cost);
  last_arm_ = -1;
}

nlohmann::json TsallisInfCbPolicy::state() const {
  nlohmann::json bins = nlohmann::json::array();
  for (const auto& learner : learners_) {
    bins.push_back(learner.state());
  }
  return {{"policy", name()},      {"grid", grid_},         {"bins", bins},     {"rng", rng_->save()},
          {"last_bin", last_bin_}, {"last_arm", last_arm_}, {"last_p", last_p_}};
}

void TsallisInfCbPolicy::restore(const nlohmann::json& state) {
  detail::expect_policy_state(state, name());
  detail::expect_size(state.at("grid"), grid_.size(), "grid");
  detail::expect_size(state.at("bins"), learners_.size(), "bins");
  for (std::size_t j = 0; j < learners_.size(); ++j) {
    learners_[j].restore(state["bins"][j]);
  }
  rng_->load(state.at("rng").get<std::string>());
  last_bin_ = state.at("last_bin").get<int>();
  last_arm_ = state.at("last_arm").get<int>();
  last_p_ = state.at("last_p").get<double>();
}

}  // namespace adasolve::bandit
