#include "adasolve/bandit/tsallis_inf.hpp"

#include <algorithm>
#include <cmath>

#include "adasolve/core/error.hpp"
#include "bandit/seeded_rng.hpp"
#include "bandit/state_check.hpp"

namespace adasolve::bandit {

namespace {

// f(x) = sum_i 4 / (eta (L_i - x))^2 - 1 and f'(x) = eta sum_i p_i^{3/2}.
void normaliser_terms(std::span<const double> losses, double eta, double x, double& f, double& df) {
  f = -1.0;
  df = 0.0;
  for (double l : losses) {
    const double q = eta * (l - x);
    const double p = 4.0 / (q * q);
    f += p;
    df += eta * p * std::sqrt(p);
  }
}

}  // namespace

TsallisNormaliser tsallis_normaliser(std::span<const double> losses, double eta, double tolerance,
                                     int max_steps) {
  if (losses.empty() || !(eta > 0.0)) {
    throw UsageError("tsallis_normaliser: needs at least one arm and eta > 0");
  }
  const double min_loss = *std::min_element(losses.begin(), losses.end());
  const double d = static_cast<double>(losses.size());
  TsallisNormaliser result;
  // At x = min L - 2 sqrt(d)/eta every term is <= 1/d, so f <= 0 there; f -> +inf as x -> min L.
  result.lower = min_loss - 2.0 * std::sqrt(d) / eta;
  result.upper = min_loss;
  double x = result.lower;  // f(lower) <= 0; Newton from the convex side converges, the bracket guards it
  double f = 0.0, df = 0.0;
  normaliser_terms(losses, eta, x, f, df);
  for (int step = 0; step < max_steps && std::abs(f) > tolerance; ++step) {
    if (f < 0.0) {
      result.lower = x;
    } else {
      result.upper = x;
    }
    double next = x - f / df;  // Newton step
    if (!(next > result.lower && next < result.upper)) {
      next = 0.5 * (result.lower + result.upper);  // bisection when Newton leaves the bracket
    }
    x = next;
    normaliser_terms(losses, eta, x, f, df);
    result.steps = step + 1;
  }
  result.x = x;
  result.residual = f;
  return result;
}

std::vector<double> tsallis_inf_probabilities(std::span<const double> losses, double eta, double tolerance,
                                              int max_steps) {
  const TsallisNormaliser root = tsallis_normaliser(losses, eta, tolerance, max_steps);
  std::vector<double> p(losses.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < losses.size(); ++i) {
    const double q = eta * (losses[i] - root.x);
    p[i] = 4.0 / (q * q);
    sum += p[i];
  }
  for (double& v : p) {
    v /= sum;  // normalise before sampling and before the IW update (spec 3 (c))
  }
  return p;
}

TsallisInfLearner::TsallisInfLearner(int arms, TsallisInfSettings settings)
    : settings_(settings), khat_(static_cast<std::size_t>(arms), 0.0) {
  settings_.validate();
}

std::vector<double> TsallisInfLearner::probabilities() const {
  const double t = static_cast<double>(rounds_ + 1);
  const double eta = settings_.eta_scale / std::sqrt(t);  // eta_t = 2 / sqrt(t)
  // scale = mean(k_1..k_{t-1}) - 1, guarded: 1 before any round and while every solve took 1 iteration.
  double scale = rounds_ > 0 ? cost_sum_ / static_cast<double>(rounds_) - 1.0 : 1.0;
  if (!(scale > 0.0)) {
    scale = 1.0;
  }
  std::vector<double> losses(khat_.size());
  for (std::size_t i = 0; i < khat_.size(); ++i) {
    losses[i] = khat_[i] / scale;  // L_i = Khat_i / scale
  }
  return tsallis_inf_probabilities(losses, eta, settings_.root_tolerance, settings_.root_max_steps);
}

void TsallisInfLearner::update(int arm, double p, double cost) {
  khat_[static_cast<std::size_t>(arm)] += (cost - 1.0) / p;  // importance-weighted estimate of (k - 1)
  cost_sum_ += cost;
  ++rounds_;
}

nlohmann::json TsallisInfLearner::state() const {
  return {{"khat", khat_}, {"cost_sum", cost_sum_}, {"rounds", rounds_}};
}

void TsallisInfLearner::restore(const nlohmann::json& state) {
  detail::expect_size(state.at("khat"), khat_.size(), "khat");
  khat_ = state.at("khat").get<std::vector<double>>();
  cost_sum_ = state.at("cost_sum").get<double>();
  rounds_ = state.at("rounds").get<long long>();
}

struct TsallisInfPolicy::Rng : detail::SeededRng {
  using SeededRng::SeededRng;
};

TsallisInfPolicy::TsallisInfPolicy(OmegaGrid grid, TsallisInfSettings settings, std::uint64_t seed)
    : grid_((grid.validate(), grid.values())),
      learner_(grid.count, settings),
      rng_(std::make_unique<Rng>(seed)) {}

TsallisInfPolicy::~TsallisInfPolicy() = default;

double TsallisInfPolicy::choose(std::span<const double> /*context*/) {
  last_p_ = learner_.probabilities();
  last_arm_ = static_cast<int>(rng_->sample(last_p_));
  return grid_[static_cast<std::size_t>(last_arm_)];
}

void TsallisInfPolicy::observe(double cost) {
  if (last_arm_ < 0) {
    throw UsageError("tsallis-inf: observe() without a preceding choose()");
  }
  learner_.update(last_arm_, last_p_[static_cast<std::size_t>(last_arm_)], cost);
  last_arm_ = -1;
}

nlohmann::json TsallisInfPolicy::state() const {
  return {{"policy", name()},    {"grid", grid_},         {"learner", learner_.state()},
          {"rng", rng_->save()}, {"last_arm", last_arm_}, {"last_p", last_p_}};
}

void TsallisInfPolicy::restore(const nlohmann::json& state) {
  detail::expect_policy_state(state, name());
  detail::expect_size(state.at("grid"), grid_.size(), "grid");
  learner_.restore(state.at("learner"));
  rng_->load(state.at("rng").get<std::string>());
  last_arm_ = state.at("last_arm").get<int>();
  last_p_ = state.at("last_p").get<std::vector<double>>();
}

}  // namespace adasolve::bandit
