#pragma once
// Test doubles for the sequence runner: a scripted source, a seeded random policy and a solver whose
// iteration count is a known function of omega.
#include <cmath>
#include <random>
#include <sstream>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/core/linear_solver.hpp"
#include "adasolve/sequence/instance_source.hpp"

namespace adasolve::test {

/// Instances d_t * I (n = 4) with b = ones; context "d" = d_t, and a second value "twice" = 2 d_t.
class DiagonalSequence final : public sequence::InstanceSource {
 public:
  explicit DiagonalSequence(std::vector<double> diagonals) : diagonals_(std::move(diagonals)) {}
  std::string description() const override { return "diagonal test sequence"; }
  std::vector<std::string> context_names() const override { return {"d", "twice"}; }
  std::optional<std::size_t> size() const override { return diagonals_.size(); }
  std::size_t position() const override { return position_; }
  bool done() const override { return position_ >= diagonals_.size(); }
  sequence::Instance next() override {
    const double d = diagonals_[position_];
    sequence::Instance i;
    i.index = position_;
    i.name = "diag-" + std::to_string(position_);
    i.origin = "test:" + std::to_string(position_ + 1);
    auto a = CsrMatrix::identity(4);
    for (auto& v : a.values_mutable()) {
      v = d;
    }
    i.matrix = std::make_shared<const CsrMatrix>(std::move(a));
    i.rhs.assign(4, 1.0);
    i.context = {{"d", d}, {"twice", 2 * d}};
    ++position_;
    return i;
  }
  void advance(std::span<const double> x) override { advanced.assign(x.begin(), x.end()); }
  nlohmann::json state() const override { return {{"position", position_}}; }
  void restore(const nlohmann::json& s) override { position_ = s.at("position").get<std::size_t>(); }

  std::vector<double> advanced;

 private:
  std::vector<double> diagonals_;
  std::size_t position_ = 0;
};

/// Solves d I x = b exactly, but reports k = 1 + round(100 |omega - d|) iterations (converged), so the
/// instance-optimal omega is d. With stop.max_iters below k it stops at the cap (max_iterations).
class OmegaCostSolver final : public LinearSolver {
 public:
  OmegaCostSolver(double omega, StoppingCriteria c) : LinearSolver(c), omega_(omega) {}
  std::string name() const override { return "omega-cost"; }

 protected:
  void solve_impl(std::span<const double> b, std::span<double> x, IterationLog& log) override {
    const double d = matrix().values()[0];
    const int k = 1 + static_cast<int>(std::lround(100.0 * std::abs(omega_ - d)));
    for (int it = 1; it <= k; ++it) {
      if (it > log.criteria().max_iters) {
        log.finish(StopReason::max_iterations);
        return;
      }
      log.record(std::pow(0.1, it));
    }
    for (std::size_t i = 0; i < x.size(); ++i) {
      x[i] = b[i] / d;
    }
    log.finish(StopReason::converged_rtol);
  }

 private:
  double omega_;
};

/// Picks omega uniformly from {1.0, 1.1, ..., 1.9} with a seeded RNG; state() holds the RNG.
class RandomGridPolicy final : public bandit::OmegaPolicy {
 public:
  explicit RandomGridPolicy(std::uint64_t seed) : rng_(seed) {}
  std::string name() const override { return "random-grid"; }
  double choose(std::span<const double> context) override {
    contexts.assign(context.begin(), context.end());
    return 1.0 + 0.1 * static_cast<double>(std::uniform_int_distribution<int>(0, 9)(rng_));
  }
  void observe(double cost) override { costs.push_back(cost); }
  nlohmann::json state() const override {
    std::ostringstream s;
    s << rng_;
    return {{"rng", s.str()}, {"observed", costs.size()}};
  }
  void restore(const nlohmann::json& j) override {
    std::istringstream s(j.at("rng").get<std::string>());
    s >> rng_;
    costs.assign(j.at("observed").get<std::size_t>(), 0.0);
  }

  std::vector<double> contexts;
  std::vector<double> costs;

 private:
  std::mt19937_64 rng_;
};

}  // namespace adasolve::test
