// The plain sequence: one 2D Poisson matrix (pde::poisson_2d, no solid cells: the 5-point Laplacian),
// seeded Gaussian right-hand sides.
#include <random>

#include "adasolve/core/error.hpp"
#include "adasolve/pde/poisson.hpp"
#include "adasolve/sequence/instance_source.hpp"

namespace adasolve::sequence {

std::span<const SettingField<PoissonSequenceSettings>> PoissonSequenceSettings::fields() {
  // m <= 46340: m^2 unknowns fit 32-bit indices.
  static const SettingField<PoissonSequenceSettings> described[] = {
      {"m", &PoissonSequenceSettings::m, "poisson: interior grid points per side",
       SettingRange::closed(1.0, 46340.0)},
      {"instances", &PoissonSequenceSettings::count, "poisson: number of right-hand sides",
       SettingRange::at_least(1.0)},
  };
  return described;
}

void PoissonSequenceSettings::validate() const { check_ranges(*this, fields()); }

namespace {

PoissonSequenceSettings validated(PoissonSequenceSettings settings) {
  settings.validate();
  return settings;
}

class PoissonSequence final : public InstanceSource {
 public:
  explicit PoissonSequence(PoissonSequenceSettings settings)
      : settings_(validated(settings)),
        matrix_(std::make_shared<const CsrMatrix>(pde::poisson_2d({settings.m, settings.m, 1}).matrix)) {}

  std::string description() const override {
    return "poisson m=" + std::to_string(settings_.m) + " n=" + std::to_string(matrix_->rows()) +
           " count=" + std::to_string(settings_.count) + " seed=" + std::to_string(settings_.seed);
  }
  std::vector<std::string> context_names() const override { return {}; }
  std::optional<std::size_t> size() const override { return settings_.count; }
  std::size_t position() const override { return position_; }
  bool done() const override { return position_ >= settings_.count; }

  Instance next() override {
    Instance instance;
    instance.index = position_;
    instance.name = "poisson-" + std::to_string(position_);
    instance.matrix = matrix_;
    // b_t ~ N(0, I), from its own stream seeded by (seed, t): any instance is reproducible on its own.
    std::mt19937_64 rng(settings_.seed * 0x9E3779B97F4A7C15ULL + position_);
    std::normal_distribution<double> normal(0.0, 1.0);
    instance.rhs.resize(static_cast<std::size_t>(matrix_->rows()));
    for (auto& v : instance.rhs) {
      v = normal(rng);
    }
    ++position_;
    return instance;
  }

  nlohmann::json state() const override { return {{"position", position_}}; }
  void restore(const nlohmann::json& state) override { position_ = state.at("position").get<std::size_t>(); }

 private:
  PoissonSequenceSettings settings_;
  std::shared_ptr<const CsrMatrix> matrix_;
  std::size_t position_ = 0;
};

}  // namespace

std::unique_ptr<InstanceSource> make_poisson_sequence(PoissonSequenceSettings settings) {
  return std::make_unique<PoissonSequence>(settings);
}

}  // namespace adasolve::sequence
