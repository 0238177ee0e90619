#pragma once
// Training the DCDM network (spec sections 2.2, 2.3, 3.1), unsupervised, on the full-cube Poisson matrix:
//
//   loss(b) = || b - (b . f / f . A f) A f ||^2,   f = CNN(b),  ||b|| = 1,
//
// the residual one DCDM step along f would leave (invariant to the scale of f), averaged over a mini-batch;
// A f is the 7-point stencil as a fixed 3x3x3 convolution with zero padding (the Dirichlet ghosts), so it is
// differentiable and cheap. Adam; the right-hand sides are synthesised from Lanczos Ritz vectors
// (training_data.hpp). The validation set is synthesised with its own seed and never trained on.
//
// Output folder (settings.out_dir):
//   state.json             settings, per-epoch records, best epoch: the commit point of a checkpoint
//   checkpoint-<epoch>/    model.pt + optimizer.pt of the last completed epoch (older ones removed)
//   best.pt                the weights with the lowest validation loss so far
//   training_log.csv       epoch,train_loss,validation_loss,epoch_seconds,elapsed_seconds,learning_rate
//   dataset.bin            the synthesised training + validation right-hand sides (float32)
// A killed run continues with resume(): it reloads the last checkpoint and the data set and repeats nothing
// but the interrupted epoch, with the same shuffling, so it ends with the same weights as a run that was
// never interrupted (same machine, same thread count).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/setting_fields.hpp"
#include "adasolve/dcdm/network.hpp"
#include "adasolve/dcdm/training_data.hpp"

namespace adasolve::dcdm {

struct TrainingSettings {
  int grid = 32;           ///< training cube edge N (even)
  int ritz = 1000;         ///< Lanczos steps m
  RhsSynthesis synthesis;  ///< theta, low_weight
  int train_count = 2000;
  int validation_count = 200;
  int batch = 10;
  double learning_rate = 1e-4;
  int epochs = 100;
  std::uint64_t seed = 1;
  NetworkSpec network = NetworkSpec::from64();
  /// Start from these weights instead of random ones (a model file whose spec equals `network`). The network
  /// is convolutional, so weights trained on a small grid are a start on a larger one: a curriculum that
  /// spends the expensive large-grid epochs on refinement only. Empty: random weights from `seed`.
  std::filesystem::path initial_weights;
  double max_memory_gib = 6.0;  ///< refuse to start above this estimate
  std::filesystem::path out_dir;

  /// grid, ritz, train_count, validation_count, batch, lr, epochs, max_memory (the keys are the options of
  /// adasolve-dcdm train; synthesis and network describe their own fields).
  static std::span<const SettingField<TrainingSettings>> fields();
  /// Throws UsageError naming the setting.
  void validate() const;
  /// Peak memory of the run: Lanczos basis + Ritz vectors + data set + activations of one batch (bytes).
  double memory_estimate_bytes() const;
};

struct EpochRecord {
  int epoch = 0;                 ///< 0 = the untrained network (validation loss only)
  double train_loss = 0.0;       ///< mean over the epoch's batches (NaN for epoch 0)
  double validation_loss = 0.0;  ///< mean over the validation set after the epoch
  double epoch_seconds = 0.0;
  double elapsed_seconds = 0.0;  ///< training time summed over all runs (resumes included)
  double learning_rate = 0.0;    ///< Adam's rate during the epoch
};

/// Hooks for progress display (the library never prints).
struct TrainingObserver {
  std::function<void(const std::string& phase)> on_phase;
  std::function<void(int epoch, int batch, int batches, double running_loss)> on_batch;
  std::function<void(const EpochRecord& record, bool best)> on_epoch;
};

class Trainer {
 public:
  /// Fresh run: the output folder must not hold a state.json already (InputError otherwise).
  static Trainer start(const TrainingSettings& settings);
  /// Continues the run in `out_dir` with its saved settings and Adam state; `epochs` > 0 changes the target
  /// epoch count, `learning_rate` > 0 changes Adam's rate from the next epoch on (a schedule by hand; the
  /// log records the rate of every epoch).
  static Trainer resume(const std::filesystem::path& out_dir, int epochs = 0, double learning_rate = 0.0);
  ~Trainer();
  Trainer(Trainer&&) noexcept;

  const TrainingSettings& settings() const;
  const std::vector<EpochRecord>& records() const;
  /// Builds (or, on resume, reads) the data set, then trains until settings().epochs, checkpointing each
  /// epoch. Returns the records of all epochs.
  const std::vector<EpochRecord>& run(const TrainingObserver& observer = {});

 private:
  struct Impl;
  explicit Trainer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The loss above for one image b and candidate direction f on an n-cube (Dirichlet 7-point A).
double scale_invariant_loss(const pde::GridShape& shape, std::span<const float> b, std::span<const float> f);
/// out = A f with A the 7-point Dirichlet Poisson stencil on the grid, via the training convolution.
void stencil_apply(const pde::GridShape& shape, std::span<const float> f, std::span<float> out);

}  // namespace adasolve::dcdm
