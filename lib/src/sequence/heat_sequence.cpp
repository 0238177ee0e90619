// Experiment E2 as an instance source: the steps of pde::HeatSimulation, context "kappa"; a trajectory.
#include <sstream>

#include "adasolve/core/error.hpp"
#include "adasolve/pde/heat.hpp"
#include "adasolve/sequence/instance_source.hpp"

namespace adasolve::sequence {

namespace {

pde::HeatSettings simulation_settings(const HeatSequenceSettings& s) {
  pde::HeatSettings h;
  h.nx = s.nx;
  h.steps = s.steps;
  h.dt = s.dt;
  h.t0 = s.t0;
  return h;
}

class HeatSequence final : public InstanceSource {
 public:
  explicit HeatSequence(HeatSequenceSettings settings)
      : settings_(settings), simulation_(simulation_settings(settings)) {}

  std::string description() const override {
    const Index m = settings_.nx - 1;
    std::ostringstream text;
    text << "heat (E2) nx=" << settings_.nx << " n=" << m * m << " steps=" << settings_.steps
         << " dt=" << settings_.dt;
    if (settings_.t0 != 0.0) {
      text << " t0=" << settings_.t0;
    }
    return text.str();
  }
  std::vector<std::string> context_names() const override { return {"kappa"}; }
  std::optional<std::pair<double, double>> context_range(const std::string& name) const override {
    if (name != "kappa") {
      return std::nullopt;
    }
    return std::make_pair(0.0, 10.0);  // kappa(t) = max(0.1 sin 2 pi t, -10 sin 2 pi t) lies in [0, 10]
  }
  std::optional<std::size_t> size() const override { return static_cast<std::size_t>(settings_.steps); }
  std::size_t position() const override { return static_cast<std::size_t>(step_); }
  bool done() const override { return simulation_.done(); }

  Instance next() override {
    pde::HeatStep step = simulation_.current();
    Instance instance;
    instance.index = static_cast<std::size_t>(step.step);
    instance.name = "heat-" + std::to_string(step.step);
    instance.matrix = std::make_shared<const CsrMatrix>(std::move(step.matrix));
    instance.rhs = std::move(step.rhs);
    instance.context = {{"kappa", step.context}};
    return instance;
  }

  // The next step's right-hand side is built from this step's solution u.
  void advance(std::span<const double> solution) override {
    simulation_.advance(std::vector<double>(solution.begin(), solution.end()));
    ++step_;
  }

  nlohmann::json state() const override { return {{"step", step_}, {"u", simulation_.state()}}; }
  void restore(const nlohmann::json& state) override {
    const int target = state.at("step").get<int>();
    auto u = state.at("u").get<std::vector<double>>();
    if (target < 0 || target > settings_.steps ||
        u.size() != static_cast<std::size_t>(simulation_.unknowns())) {
      throw InputError("heat sequence: the saved state does not fit nx=" + std::to_string(settings_.nx) +
                       " steps=" + std::to_string(settings_.steps));
    }
    // HeatSimulation keeps time as t0 + step * dt: replaying `target` advances reaches exactly the saved
    // step, and the last one installs the saved u.
    simulation_ = pde::HeatSimulation(simulation_settings(settings_));
    for (int k = 0; k < target; ++k) {
      simulation_.advance(u);
    }
    step_ = target;
  }

 private:
  HeatSequenceSettings settings_;
  pde::HeatSimulation simulation_;
  int step_ = 0;
};

}  // namespace

std::span<const SettingField<HeatSequenceSettings>> HeatSequenceSettings::fields() {
  static const SettingField<HeatSequenceSettings> described[] = {
      {"nx", &HeatSequenceSettings::nx, "heat: intervals per side, n = (nx-1)^2 unknowns",
       SettingRange::at_least(2.0)},
      {"steps", &HeatSequenceSettings::steps, "heat: time steps, 1000 per period of kappa",
       SettingRange::at_least(1.0)},
      {"dt", &HeatSequenceSettings::dt, "heat: step size", SettingRange::above(0.0)},
      {"t0", &HeatSequenceSettings::t0,
       "heat: start time, from u = 0 (a window of kappa's period: t0 = 0.3 with 400 steps spans its "
       "weak-to-strong switch)",
       SettingRange::any()},
  };
  return described;
}

void HeatSequenceSettings::validate() const {
  check_ranges(*this, fields());
  simulation_settings(*this).validate();  // (nx-1)^2 unknowns must fit 32-bit indices
}

std::unique_ptr<InstanceSource> make_heat_sequence(HeatSequenceSettings settings) {
  settings.validate();
  return std::make_unique<HeatSequence>(settings);
}

}  // namespace adasolve::sequence
