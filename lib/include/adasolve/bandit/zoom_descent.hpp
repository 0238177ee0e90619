#pragma once
// "zoom-descent": a contextual learner of our own (not in Khodak et al.), built on two facts about the
// relaxation problem that ChebCB does not use:
//
//  1. For a fixed instance the cost k(omega) is unimodal in omega: it falls to omega* and rises after it
//     (for SOR on consistently ordered matrices this is Young's theory: rho(C_omega) decreases to omega* - 1,
//     then equals omega - 1). So a local search over neighbouring grid arms finds the per-instance optimum
//     and never needs to try far-away arms, which is where a bandit's exploration is most expensive.
//  2. The optimum omega*(c) varies smoothly with the context but fastest where instances are dense and
//     expensive (E1: omega* falls from 1.85 to 1.70 between c = -0.15 and -0.10, where Beta(0.5, 1.5) piles
//     its mass). A fixed degree-5 polynomial in c cannot follow this; a data-adaptive partition can.
//
// The learner keeps a partition of the context line into bins ("contextual zooming", Slivkins 2011): every
// bin stores its raw observations (c, arm, log k) and splits at the median context of its observations once
// it holds max(split_min, split_growth sqrt(t)) of them (t observations so far), so bins are narrow where
// contexts are frequent. In the bin of context c:
//   yhat_a(c) = alpha_a + gamma (c - cbar)   (least squares with one slope gamma shared by the arms in the
//   bin;
//                                              per-arm intercepts; log k as the response),
//   a* = argmin over arms observed in the bin of yhat_a(c);
//   play a* - 1 if it has no observation in the bin, else a* + 1 if it has none, else a*   (local search);
//   a bin without observations plays the best arm of the bin it was split from (the middle grid arm at
//   first).
// Splitting re-triggers the local search in each child, so the optimum is re-checked at finer and finer
// context resolution. Deterministic given the sequence; the seed only breaks exact ties.
#include <cstdint>
#include <vector>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/bandit/policy_settings.hpp"

namespace adasolve::bandit {

class ZoomDescentPolicy final : public OmegaPolicy {
 public:
  ZoomDescentPolicy(OmegaGrid grid, ContextRange range, ZoomDescentSettings settings, std::uint64_t seed);
  std::string name() const override { return "zoom-descent"; }
  double choose(std::span<const double> context) override;
  void observe(double cost) override;
  nlohmann::json state() const override;
  void restore(const nlohmann::json& state) override;
  /// Number of context bins so far.
  std::size_t bins() const { return bins_.size(); }

 private:
  struct Observation {
    double c;
    int arm;
    double y;  // log k
  };
  struct Bin {
    double lower, upper;  // [lower, upper)
    int hint;             // arm to play before the bin has data
    std::vector<Observation> data;
  };
  std::size_t bin_of(double c) const;
  /// Predicted log cost per arm at c in bin b (NaN for arms without data in the bin).
  std::vector<double> predict(const Bin& bin, double c) const;
  int best_arm(const Bin& bin, double c) const;
  void split(std::size_t index);

  std::vector<double> grid_;
  ContextRange range_;
  ZoomDescentSettings settings_;
  std::uint64_t seed_;
  std::vector<Bin> bins_;  // sorted by lower, covering (-inf, inf)
  long long observations_ = 0;
  double last_c_ = 0.0;
  int last_arm_ = -1;
};

}  // namespace adasolve::bandit
