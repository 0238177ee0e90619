// adasolve-dcdm train: options -> TrainingSettings, progress display, the loss plot.

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "adasolve/core/error.hpp"
#include "adasolve/dcdm/training.hpp"
#include "common/options.hpp"
#include "common/progress_bar.hpp"
#include "common/settings_options.hpp"
#include "dcdm/commands.hpp"
#include "dcdm/plot.hpp"
#include "dcdm/torch_threads.hpp"

namespace adasolve::dcdm_app {

namespace {

using app::po::value;

/// Progress on stderr: a redrawn bar when stderr is a terminal; one line per epoch on stdout always.
class TrainingDisplay {
 public:
  explicit TrainingDisplay(int epochs) : epochs_(epochs) {}

  dcdm::TrainingObserver observer(const std::filesystem::path& plot, const std::filesystem::path& log) {
    dcdm::TrainingObserver o;
    o.on_phase = [](const std::string& text) { std::cout << text << std::endl; };
    o.on_batch = [this](int epoch, int batch, int batches, double loss) {
      if (!bar_ || bar_epoch_ != epoch) {
        bar_.emplace(fmt::format("epoch {}/{}", epoch, epochs_), static_cast<std::size_t>(batches));
        bar_epoch_ = epoch;
      }
      bar_->update(static_cast<std::size_t>(batch), fmt::format("loss {:.4e}", loss));
    };
    o.on_epoch = [this, plot, log](const dcdm::EpochRecord& r, bool best) {
      bar_.reset();  // erases the bar before the epoch's line
      std::cout << fmt::format(
                       "epoch {:4d}  loss {:>11}  val loss {:.6e}  {:7.1f} s  total {:8.1f} s{}", r.epoch,
                       std::isnan(r.train_loss) ? std::string("-") : fmt::format("{:.6e}", r.train_loss),
                       r.validation_loss, r.epoch_seconds, r.elapsed_seconds, best ? "  (best)" : "")
                << std::endl;
      if (!plot.empty()) {
        plot_training_log(log, plot);
      }
    };
    return o;
  }

 private:
  int epochs_;
  std::optional<app::ProgressBar> bar_;  ///< this epoch's batches (drawn only when stderr is a terminal)
  int bar_epoch_ = -1;
};

}  // namespace

int run_train(int argc, char** argv) {
  dcdm::TrainingSettings s;
  std::string out_dir, variant = "from64", plot, init;
  TorchThreads torch;
  app::po::options_description options("adasolve-dcdm train");
  options.add_options()("out", value(&out_dir)->required(),
                        "output folder: checkpoints, best.pt, training_log.csv, state.json")(
      "resume",
      "continue the run in --out from its last checkpoint (its saved settings; --epochs and --lr may "
      "change)");
  app::add_setting_options(options, s);
  app::add_setting_options(options, s.synthesis);
  options.add_options()("seed", app::seed_value(&s.seed),
                        "seed of the data, the initial weights and the shuffling")(
      "variant", value(&variant)->default_value(variant),
      "network: from64 (14 convolutions) or from128 (22)");
  app::add_setting_options(options, s.network);
  options.add_options()("init", value(&init),
                        "start from this model's weights instead of random ones (e.g. a model trained on a "
                        "smaller grid: the network is convolutional); the network shape comes from the file");
  app::add_setting_options(options, torch);
  options.add_options()("plot", value(&plot),
                        "write the loss curves of training_log.csv to this PNG (gnuplot) after every epoch");
  const auto parsed = app::parse_options(argc, argv, options);
  app::read_setting_options(parsed.values, s);
  app::read_setting_options(parsed.values, s.synthesis);
  app::read_setting_options(parsed.values, torch);
  if (parsed.help) {
    app::print_help(
        "adasolve-dcdm train --out DIR [options]",
        "Trains the DCDM network on right-hand sides synthesised from Lanczos Ritz vectors of the\n"
        "full-cube Poisson matrix, with the scale-invariant loss ||b - (b.f / f.Af) A f||^2 and Adam.",
        options);
    return 0;
  }
  dcdm::set_torch_threads(torch.threads);
  const bool resume = parsed.values.count("resume") != 0U;
  const std::filesystem::path out(out_dir);
  auto trainer = [&]() {
    if (resume) {
      return dcdm::Trainer::resume(out, parsed.values["epochs"].defaulted() ? 0 : s.epochs,
                                   parsed.values["lr"].defaulted() ? 0.0 : s.learning_rate);
    }
    s.out_dir = out;
    if (init.empty()) {
      s.network = dcdm::NetworkSpec::named(variant);
      app::read_setting_options(parsed.values, s.network);  // --width, --depth over the variant's
    } else {
      const auto& v = parsed.values;
      if (!v["variant"].defaulted() || v.count("width") != 0U || v.count("depth") != 0U) {
        throw UsageError(
            "--init takes the network's shape from the model file: drop --variant, --width and --depth");
      }
      s.initial_weights = init;
      s.network = dcdm::Network::load(init).spec();
    }
    s.validate();
    std::cout << fmt::format("memory estimate {:.2f} GiB (limit --max-memory {:.2f} GiB)",
                             s.memory_estimate_bytes() / (1024.0 * 1024.0 * 1024.0), s.max_memory_gib)
              << std::endl;
    return dcdm::Trainer::start(s);
  }();
  const auto& t = trainer.settings();
  std::cout << fmt::format(
                   "training {} ({} parameters) on the {}^3 cube: {} training / {} validation rhs, "
                   "batch {}, lr {}, epochs {}, seed {}, {} thread(s){}{}",
                   t.network.describe(), t.network.parameter_count(), t.grid, t.train_count,
                   t.validation_count, t.batch, t.learning_rate, t.epochs, t.seed, dcdm::torch_threads(),
                   t.initial_weights.empty() ? "" : ", starting from " + t.initial_weights.string(),
                   resume ? fmt::format(", resuming after epoch {}", trainer.records().back().epoch) : "")
            << std::endl;
  TrainingDisplay display(t.epochs);
  const auto log = out / "training_log.csv";
  const auto& records = trainer.run(display.observer(plot, log));
  if (!plot.empty()) {
    plot_training_log(log, plot);
  }
  const auto best = std::min_element(records.begin(), records.end(), [](const auto& a, const auto& b) {
    return a.validation_loss < b.validation_loss;
  });
  std::cout << fmt::format("best validation loss {:.6e} at epoch {}: {}", best->validation_loss, best->epoch,
                           (out / "best.pt").string())
            << std::endl;
  return 0;
}

}  // namespace adasolve::dcdm_app
