#pragma once
// Tsallis-INF-CB (methods/relax.md section 5.1): the context range [a, b] is cut into `bins` equal bins and
// an independent Tsallis-INF learner runs in the bin whose centre is nearest the context.
#include "adasolve/bandit/tsallis_inf.hpp"

namespace adasolve::bandit {

class TsallisInfCbPolicy final : public OmegaPolicy {
 public:
  TsallisInfCbPolicy(OmegaGrid grid, ContextRange range, TsallisInfCbSettings bins,
                     TsallisInfSettings settings, std::uint64_t seed);
  ~TsallisInfCbPolicy() override;
  std::string name() const override { return "tsallis-inf-cb"; }
  double choose(std::span<const double> context) override;
  void observe(double cost) override;
  nlohmann::json state() const override;
  void restore(const nlohmann::json& state) override;
  /// The bin of context c (nearest centre; contexts outside [a, b] go to the end bins).
  int bin_of(double c) const;

 private:
  struct Rng;
  std::vector<double> grid_;
  ContextRange range_;
  std::vector<TsallisInfLearner> learners_;
  std::unique_ptr<Rng> rng_;
  int last_bin_ = -1;
  int last_arm_ = -1;
  double last_p_ = 0.0;
};

}  // namespace adasolve::bandit
