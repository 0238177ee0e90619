// Experiment E1 as an instance source: pde::ShiftedLaplacianGenerator, context "shift".
#include "adasolve/core/error.hpp"
#include "adasolve/pde/shifted_laplacian.hpp"
#include "adasolve/sequence/instance_source.hpp"

namespace adasolve::sequence {

namespace {

pde::ShiftedLaplacianSettings generator_settings(const ShiftedLaplacianSequenceSettings& s) {
  pde::ShiftedLaplacianSettings g;
  g.m = s.m;
  g.distribution = s.distribution;
  g.seed = s.seed;
  return g;
}

class ShiftedLaplacianSequence final : public InstanceSource {
 public:
  explicit ShiftedLaplacianSequence(ShiftedLaplacianSequenceSettings settings)
      : settings_(settings), generator_(generator_settings(settings)) {
    settings_.validate();
  }

  std::string description() const override {
    return "shifted-laplacian (E1) m=" + std::to_string(settings_.m) +
           " n=" + std::to_string(settings_.m * settings_.m) +
           " distribution=" + pde::to_string(settings_.distribution) +
           " instances=" + std::to_string(settings_.count) + " seed=" + std::to_string(settings_.seed);
  }
  std::vector<std::string> context_names() const override { return {"shift"}; }
  std::optional<std::pair<double, double>> context_range(const std::string& name) const override {
    if (name != "shift") {
      return std::nullopt;
    }
    return std::make_pair(-0.15, 0.65);  // methods/relax.md section 4: the SOR experiments' [a, b]
  }
  std::optional<std::size_t> size() const override { return settings_.count; }
  std::size_t position() const override { return position_; }
  bool done() const override { return position_ >= settings_.count; }

  Instance next() override {
    pde::ShiftedInstance drawn = generator_.next();
    Instance instance;
    instance.index = position_;
    instance.name = "e1-" + std::to_string(position_);
    instance.matrix = std::make_shared<const CsrMatrix>(std::move(drawn.matrix));
    instance.rhs = std::move(drawn.rhs);
    instance.context = {{"shift", drawn.shift}};
    ++position_;
    return instance;
  }

  // The generator is deterministic given its seed and the number of draws: resuming redraws that many.
  nlohmann::json state() const override { return {{"position", position_}}; }
  void restore(const nlohmann::json& state) override {
    const auto target = state.at("position").get<std::size_t>();
    if (target > settings_.count) {
      throw InputError("shifted-laplacian sequence: cannot resume at instance " + std::to_string(target) +
                       " of " + std::to_string(settings_.count));
    }
    generator_ = pde::ShiftedLaplacianGenerator(generator_settings(settings_));
    for (position_ = 0; position_ < target; ++position_) {
      generator_.next();
    }
  }

 private:
  ShiftedLaplacianSequenceSettings settings_;
  pde::ShiftedLaplacianGenerator generator_;
  std::size_t position_ = 0;
};

}  // namespace

std::span<const SettingField<ShiftedLaplacianSequenceSettings>> ShiftedLaplacianSequenceSettings::fields() {
  static const SettingField<ShiftedLaplacianSequenceSettings> described[] = {
      {"m", &ShiftedLaplacianSequenceSettings::m, "shifted-laplacian: interior grid points per side",
       SettingRange::at_least(1.0)},
      {"instances", &ShiftedLaplacianSequenceSettings::count, "shifted-laplacian: number of instances",
       SettingRange::at_least(1.0)},
  };
  return described;
}

std::span<const SettingChoice<ShiftedLaplacianSequenceSettings>> ShiftedLaplacianSequenceSettings::choices() {
  static const SettingChoice<ShiftedLaplacianSequenceSettings> described[] = {
      pde::shift_distribution_choice(&ShiftedLaplacianSequenceSettings::distribution),
  };
  return described;
}

void ShiftedLaplacianSequenceSettings::validate() const {
  check_ranges(*this, fields());
  generator_settings(*this).validate();  // m^2 unknowns must fit 32-bit indices
}

std::unique_ptr<InstanceSource> make_shifted_laplacian_sequence(ShiftedLaplacianSequenceSettings settings) {
  return std::make_unique<ShiftedLaplacianSequence>(settings);
}

}  // namespace adasolve::sequence
