#include "adasolve/bandit/chebcb.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "adasolve/core/error.hpp"
#include "bandit/seeded_rng.hpp"
#include "bandit/state_check.hpp"

namespace adasolve::bandit {

std::vector<double> chebyshev_features(double c, const ContextRange& range, int m) {
  const double x = std::clamp(2.0 * (c - range.min) / (range.max - range.min) - 1.0, -1.0, 1.0);
  std::vector<double> f(static_cast<std::size_t>(m));
  // T_0 = 1, T_1 = x, T_{j+1} = 2 x T_j - T_{j-1}.
  for (int j = 0; j < m; ++j) {
    f[j] = j == 0 ? 1.0 : (j == 1 ? x : 2.0 * x * f[j - 1] - f[j - 2]);
  }
  return f;
}

// Per-arm sufficient statistics: G = sum f f^T, h = sum f (k - 1), and the current coefficients.
struct ChebCbPolicy::Arm {
  Eigen::MatrixXd gram;
  Eigen::VectorXd moment;
  Eigen::VectorXd theta;
  long long count = 0;
};

struct ChebCbPolicy::Rng : detail::SeededRng {
  using SeededRng::SeededRng;
};

namespace {

// theta = G^+ h: the minimum-norm least-squares solution, from the eigendecomposition of G (symmetric PSD).
Eigen::VectorXd min_norm_solution(const Eigen::MatrixXd& gram, const Eigen::VectorXd& rhs) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(gram);
  const Eigen::VectorXd& lambda = eig.eigenvalues();
  const double cutoff = lambda.cwiseAbs().maxCoeff() * static_cast<double>(gram.rows()) * 1e-13;
  Eigen::VectorXd coefficients = eig.eigenvectors().transpose() * rhs;
  for (Eigen::Index j = 0; j < lambda.size(); ++j) {
    coefficients[j] = lambda[j] > cutoff ? coefficients[j] / lambda[j] : 0.0;
  }
  return eig.eigenvectors() * coefficients;
}

// min theta^T G theta - 2 theta^T h subject to |theta_j| <= bound_j, by projected coordinate descent
// (warm start theta): theta_j <- clamp((h_j - sum_{l != j} G_jl theta_l) / G_jj, -bound_j, bound_j).
void box_least_squares(const Eigen::MatrixXd& gram, const Eigen::VectorXd& rhs, const Eigen::VectorXd& bound,
                       int max_sweeps, double tolerance, Eigen::VectorXd& theta) {
  const Eigen::Index m = theta.size();
  for (Eigen::Index j = 0; j < m; ++j) {
    theta[j] = std::clamp(theta[j], -bound[j], bound[j]);
  }
  for (int sweep = 0; sweep < max_sweeps; ++sweep) {
    double largest_move = 0.0;
    for (Eigen::Index j = 0; j < m; ++j) {
      if (!(gram(j, j) > 0.0)) {
        continue;
      }
      const double off = gram.row(j).dot(theta) - gram(j, j) * theta[j];
      const double next = std::clamp((rhs[j] - off) / gram(j, j), -bound[j], bound[j]);
      largest_move = std::max(largest_move, std::abs(next - theta[j]));
      theta[j] = next;
    }
    if (largest_move <= tolerance) {
      break;
    }
  }
}

}  // namespace

ChebCbPolicy::ChebCbPolicy(OmegaGrid grid, ContextRange range, ChebCbSettings settings, std::uint64_t seed)
    : grid_((grid.validate(), grid.values())),
      range_(range),
      settings_(settings),
      rng_(std::make_unique<Rng>(seed)) {
  range_.validate();
  settings_.validate();
  const int m = settings_.features;
  arms_.resize(grid_.size());
  for (auto& arm : arms_) {
    arm.gram = Eigen::MatrixXd::Zero(m, m);
    arm.moment = Eigen::VectorXd::Zero(m);
    arm.theta = Eigen::VectorXd::Zero(m);
  }
}

ChebCbPolicy::~ChebCbPolicy() = default;

std::vector<double> ChebCbPolicy::predictions(double c) const {
  const std::vector<double> f = chebyshev_features(c, range_, settings_.features);
  const Eigen::Map<const Eigen::VectorXd> fv(f.data(), static_cast<Eigen::Index>(f.size()));
  std::vector<double> y(arms_.size());
  for (std::size_t i = 0; i < arms_.size(); ++i) {
    y[i] = arms_[i].theta.dot(fv);  // yhat_i = theta_i . f
  }
  return y;
}

double ChebCbPolicy::choose(std::span<const double> context) {
  if (context.empty()) {
    throw UsageError("chebcb needs a context for every instance");
  }
  last_f_ = chebyshev_features(context[0], range_, settings_.features);
  const std::vector<double> y = predictions(context[0]);
  const std::size_t best = static_cast<std::size_t>(std::min_element(y.begin(), y.end()) - y.begin());
  const double d = static_cast<double>(arms_.size());
  // Inverse-gap weighting: p_i = 1 / (d + eta (yhat_i - yhat_best)), the best arm takes the rest.
  last_p_.assign(arms_.size(), 0.0);
  double others = 0.0;
  for (std::size_t i = 0; i < arms_.size(); ++i) {
    if (i != best) {
      const double gap = y[i] - y[best];
      last_p_[i] = gap > 0.0 ? 1.0 / (d + eta_ * gap) : 1.0 / d;
      others += last_p_[i];
    }
  }
  last_p_[best] = std::max(0.0, 1.0 - others);
  last_arm_ = static_cast<int>(rng_->sample(last_p_));
  last_prediction_ = y[static_cast<std::size_t>(last_arm_)];
  return grid_[static_cast<std::size_t>(last_arm_)];
}

void ChebCbPolicy::fit(Arm& arm) {
  const int m = settings_.features;
  const Eigen::VectorXd rhs = arm.moment / scale_;  // fit (k - 1) / scale
  Eigen::VectorXd theta = min_norm_solution(arm.gram, rhs);
  // Box on the Chebyshev coefficients: |theta_0| <= 1/N, |theta_j| <= 2 (b - a) L / (scale j).
  const double span = range_.max - range_.min;
  const double lipschitz = (k_max_ - k_min_) / span;
  const double n_factor = scale_ / std::max(k_max_, 1.0);  // see observe(): k_max is at least 1 there
  Eigen::VectorXd bound(m);
  bound[0] = 1.0 / n_factor;
  for (int j = 1; j < m; ++j) {
    bound[j] = 2.0 * span * lipschitz / (scale_ * j);
  }
  if ((theta.cwiseAbs().array() > bound.array()).any()) {
    box_least_squares(arm.gram, rhs, bound, settings_.box_sweeps, settings_.box_tolerance, arm.theta);
  } else {
    arm.theta = theta;
  }
}

void ChebCbPolicy::observe(double cost) {
  if (last_arm_ < 0) {
    throw UsageError("chebcb: observe() without a preceding choose()");
  }
  const int m = settings_.features;
  const double k = cost;
  Arm& played = arms_[static_cast<std::size_t>(last_arm_)];
  const Eigen::Map<const Eigen::VectorXd> f(last_f_.data(), m);
  played.gram += f * f.transpose();
  played.moment += f * (k - 1.0);
  ++played.count;

  ++t_;
  k_max_ = t_ == 1 ? k : std::max(k_max_, k);
  k_min_ = t_ == 1 ? k : std::min(k_min_, k);
  const double span = range_.max - range_.min;
  const double lipschitz = (k_max_ - k_min_) / span;  // L
  // Costs are iteration counts: a first cost of 0 (b = 0, or a warm start that already passes) would make
  // k_max = 0 and every coefficient NaN from here on. The scale is taken as at least one iteration.
  const double k_top = std::max(k_max_, 1.0);
  const double n_factor =
      2.0 + 4.0 * span * lipschitz / k_top * (1.0 + std::log(static_cast<double>(m)));  // N
  const double new_scale = k_top * n_factor;
  const bool refit_all = new_scale != scale_;
  scale_ = new_scale;
  if (refit_all) {
    for (auto& arm : arms_) {
      if (arm.count > 0) {
        fit(arm);
      }
    }
  } else {
    fit(played);
  }

  // R = sum_s (predicted_s - k_s / scale)^2 at the current scale, from running sums.
  sum_pred2_ += last_prediction_ * last_prediction_;
  sum_pred_k_ += last_prediction_ * k;
  sum_k2_ += k * k;
  const double r = std::max(0.0, sum_pred2_ - 2.0 * sum_pred_k_ / scale_ + sum_k2_ / (scale_ * scale_));
  const double alpha = (std::numbers::pi + 2.0 / std::numbers::pi * std::log(2.0 * m + 1.0)) /
                       (2.0 * scale_ * (m + 1.0)) * span * lipschitz;
  const double t = static_cast<double>(t_);
  const double d = static_cast<double>(arms_.size());
  const double denominator = std::max(r + 2.0 * alpha * alpha * t, std::numeric_limits<double>::min());
  eta_ = 2.0 * t * std::sqrt(d * t / denominator);  // eta = 2 t sqrt(d t / (R + 2 alpha^2 t))
  last_arm_ = -1;
}

nlohmann::json ChebCbPolicy::state() const {
  nlohmann::json arms = nlohmann::json::array();
  for (const auto& arm : arms_) {
    arms.push_back({{"gram", std::vector<double>(arm.gram.data(), arm.gram.data() + arm.gram.size())},
                    {"moment", std::vector<double>(arm.moment.data(), arm.moment.data() + arm.moment.size())},
                    {"theta", std::vector<double>(arm.theta.data(), arm.theta.data() + arm.theta.size())},
                    {"count", arm.count}});
  }
  return {{"policy", name()},
          {"grid", grid_},
          {"features", settings_.features},
          {"context_min", range_.min},
          {"context_max", range_.max},
          {"arms", arms},
          {"rng", rng_->save()},
          {"t", t_},
          {"k_max", k_max_},
          {"k_min", k_min_},
          {"scale", scale_},
          {"eta", eta_},
          {"sum_pred2", sum_pred2_},
          {"sum_pred_k", sum_pred_k_},
          {"sum_k2", sum_k2_},
          {"last_f", last_f_},
          {"last_p", last_p_},
          {"last_arm", last_arm_},
          {"last_prediction", last_prediction_}};
}

void ChebCbPolicy::restore(const nlohmann::json& state) {
  detail::expect_policy_state(state, name());
  detail::expect_size(state.at("grid"), grid_.size(), "grid");
  detail::expect_size(state.at("arms"), arms_.size(), "arms");
  if (state.at("features").get<int>() != settings_.features) {
    throw UsageError("chebcb state has " + state["features"].dump() + " features, the policy " +
                     std::to_string(settings_.features));
  }
  // The features are Chebyshev polynomials on the context range: a state learned on another range means
  // other things by the same coefficients.
  if (state.at("context_min").get<double>() != range_.min ||
      state.at("context_max").get<double>() != range_.max) {
    throw UsageError("chebcb state was learned on the context range [" + state.at("context_min").dump() +
                     ", " + state.at("context_max").dump() + "], this run's is [" +
                     nlohmann::json(range_.min).dump() + ", " + nlohmann::json(range_.max).dump() + "]");
  }
  const int m = settings_.features;
  for (std::size_t i = 0; i < arms_.size(); ++i) {
    const auto& a = state["arms"][i];
    const auto gram = a.at("gram").get<std::vector<double>>();
    const auto moment = a.at("moment").get<std::vector<double>>();
    const auto theta = a.at("theta").get<std::vector<double>>();
    if (gram.size() != static_cast<std::size_t>(m * m) || moment.size() != static_cast<std::size_t>(m) ||
        theta.size() != static_cast<std::size_t>(m)) {
      throw UsageError("chebcb state: arm " + std::to_string(i) + " has the wrong size");
    }
    arms_[i].gram = Eigen::Map<const Eigen::MatrixXd>(gram.data(), m, m);
    arms_[i].moment = Eigen::Map<const Eigen::VectorXd>(moment.data(), m);
    arms_[i].theta = Eigen::Map<const Eigen::VectorXd>(theta.data(), m);
    arms_[i].count = a.at("count").get<long long>();
  }
  rng_->load(state.at("rng").get<std::string>());
  t_ = state.at("t").get<long long>();
  k_max_ = state.at("k_max").get<double>();
  k_min_ = state.at("k_min").get<double>();
  scale_ = state.at("scale").get<double>();
  eta_ = state.at("eta").get<double>();
  sum_pred2_ = state.at("sum_pred2").get<double>();
  sum_pred_k_ = state.at("sum_pred_k").get<double>();
  sum_k2_ = state.at("sum_k2").get<double>();
  last_f_ = state.at("last_f").get<std::vector<double>>();
  last_p_ = state.at("last_p").get<std::vector<double>>();
  last_arm_ = state.at("last_arm").get<int>();
  last_prediction_ = state.at("last_prediction").get<double>();
}

}  // namespace adasolve::bandit
