// DCDM training (spec sections 2.2, 2.3, 3.1): data synthesis, scale-invariant loss, Adam, checkpoints.
#include "adasolve/dcdm/training.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>

#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/core/version.hpp"
#include "adasolve/io/file_access.hpp"
#include "adasolve/pde/poisson.hpp"
#include "dcdm/torch/network_impl.hpp"

namespace adasolve::dcdm {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// ---- the loss -----------------------------------------------------------------------------------------

namespace {

/// The 7-point Poisson stencil as a 1 -> 1 channel 3x3x3 kernel: 6 at the centre, -1 on the six faces.
/// With zero padding the ghost cells outside the box are 0: exactly the Dirichlet matrix of the cube.
torch::Tensor poisson_kernel() {
  torch::Tensor k = torch::zeros({1, 1, 3, 3, 3});
  auto a = k.accessor<float, 5>();
  a[0][0][1][1][1] = 6.0F;
  a[0][0][0][1][1] = a[0][0][2][1][1] = -1.0F;
  a[0][0][1][0][1] = a[0][0][1][2][1] = -1.0F;
  a[0][0][1][1][0] = a[0][0][1][1][2] = -1.0F;
  return k;
}

struct Stencil {
  torch::Tensor kernel = poisson_kernel();
  torch::Tensor bias = torch::zeros({1});
  torch::Tensor apply(const torch::Tensor& f) const {
    return convolve(f, kernel, bias, ConvolutionPath::onednn);
  }
};

/// mean over the batch of || b - (b.f / f.Af) A f ||^2; b, f: (batch, 1, nz, ny, nx).
torch::Tensor batch_loss(const Stencil& stencil, const torch::Tensor& b, const torch::Tensor& f) {
  const std::vector<std::int64_t> cells{1, 2, 3, 4};
  const torch::Tensor af = stencil.apply(f);                            // A f
  const torch::Tensor step = (b * f).sum(cells) / (f * af).sum(cells);  // b.f / f.Af (optimal line search)
  const torch::Tensor residual = b - step.view({-1, 1, 1, 1, 1}) * af;  // b - step A f
  return residual.square().sum(cells).mean();
}

torch::Tensor image_tensor(const pde::GridShape& shape, std::span<const float> data) {
  if (data.size() != static_cast<std::size_t>(shape.cells())) {
    throw UsageError("image has " + std::to_string(data.size()) + " entries, grid has " +
                     std::to_string(shape.cells()));
  }
  return torch::from_blob(const_cast<float*>(data.data()), {1, 1, shape.nz, shape.ny, shape.nx},
                          torch::kFloat32);
}

}  // namespace

double scale_invariant_loss(const pde::GridShape& shape, std::span<const float> b, std::span<const float> f) {
  torch::NoGradGuard no_grad;
  return batch_loss(Stencil{}, image_tensor(shape, b), image_tensor(shape, f)).item<double>();
}

void stencil_apply(const pde::GridShape& shape, std::span<const float> f, std::span<float> out) {
  torch::NoGradGuard no_grad;
  const torch::Tensor af = Stencil{}.apply(image_tensor(shape, f)).contiguous();
  std::copy_n(af.data_ptr<float>(), out.size(), out.begin());
}

// ---- settings -----------------------------------------------------------------------------------------

std::span<const SettingField<TrainingSettings>> TrainingSettings::fields() {
  static const SettingField<TrainingSettings> described[] = {
      {"grid", &TrainingSettings::grid, "training cube edge N (even); the matrix is the full-cube Poisson",
       SettingRange::at_least(2.0)},
      {"ritz", &TrainingSettings::ritz, "Lanczos steps m (Ritz vectors), at most grid^3",
       SettingRange::at_least(1.0)},
      {"train_count", &TrainingSettings::train_count, "training right-hand sides",
       SettingRange::at_least(1.0)},
      {"validation_count", &TrainingSettings::validation_count, "held-out validation right-hand sides",
       SettingRange::at_least(1.0)},
      {"batch", &TrainingSettings::batch, "mini-batch size", SettingRange::at_least(1.0)},
      {"lr", &TrainingSettings::learning_rate, "Adam learning rate", SettingRange::above(0.0)},
      {"epochs", &TrainingSettings::epochs, "epochs (passes over the training set)",
       SettingRange::at_least(0.0)},
      {"max_memory", &TrainingSettings::max_memory_gib, "refuse to start above this memory estimate (GiB)",
       SettingRange::above(0.0)},
  };
  return described;
}

void TrainingSettings::validate() const {
  check_ranges(*this, fields());
  if (grid % 2 != 0) {
    throw UsageError("grid must be even (one 2x pooling level), got " + std::to_string(grid));
  }
  if (static_cast<double>(ritz) > std::pow(grid, 3)) {
    const long long unknowns = static_cast<long long>(grid) * grid * grid;
    throw UsageError("ritz must not exceed the number of unknowns grid^3 = " + std::to_string(unknowns) +
                     ", got " + std::to_string(ritz));
  }
  synthesis.validate();
  network.validate();
  if (out_dir.empty()) {
    throw UsageError("out_dir must name an output folder");
  }
}

double TrainingSettings::memory_estimate_bytes() const {
  const double cells = std::pow(static_cast<double>(grid), 3);
  const double lanczos = 2.0 * cells * ritz * 4.0;  // Q and Y, float32
  const double dataset = (train_count + validation_count) * cells * 4.0;
  // Tensors autograd keeps per C-channel fine-level convolution: conv output, ReLU output, sum (~3),
  // coarse ones 1/8 of that; the backward pass needs about as much again.
  const double fine = 2 + 2 * (network.fine_pre_blocks + network.fine_post_blocks) + 2;
  const double coarse = 2.0 * network.coarse_blocks / 8.0;
  const double activations = 2.0 * batch * network.channels * cells * 4.0 * 3.0 * (fine + coarse);
  return dataset + std::max(lanczos, activations) + 300e6;  // + libtorch itself
}

namespace {

Json settings_to_json(const TrainingSettings& s) {
  return Json{{"grid", s.grid},
              {"ritz", s.ritz},
              {"theta", s.synthesis.theta},
              {"low_weight", s.synthesis.low_weight},
              {"train_count", s.train_count},
              {"validation_count", s.validation_count},
              {"batch", s.batch},
              {"learning_rate", s.learning_rate},
              {"epochs", s.epochs},
              {"seed", s.seed},
              {"max_memory_gib", s.max_memory_gib},
              {"initial_weights", s.initial_weights.string()},
              {"network",
               {{"channels", s.network.channels},
                {"fine_pre_blocks", s.network.fine_pre_blocks},
                {"coarse_blocks", s.network.coarse_blocks},
                {"fine_post_blocks", s.network.fine_post_blocks}}}};
}

TrainingSettings settings_from_json(const Json& j) {
  TrainingSettings s;
  s.grid = j.at("grid");
  s.ritz = j.at("ritz");
  s.synthesis.theta = j.at("theta");
  s.synthesis.low_weight = j.at("low_weight");
  s.train_count = j.at("train_count");
  s.validation_count = j.at("validation_count");
  s.batch = j.at("batch");
  s.learning_rate = j.at("learning_rate");
  s.epochs = j.at("epochs");
  s.seed = j.at("seed");
  s.max_memory_gib = j.at("max_memory_gib");
  s.initial_weights = j.value("initial_weights", std::string());  // absent in runs started before the option
  const Json& n = j.at("network");
  s.network = {n.at("channels"), n.at("fine_pre_blocks"), n.at("coarse_blocks"), n.at("fine_post_blocks")};
  return s;
}

void write_text_atomically(const fs::path& file, const std::string& text) {
  io::write_file_atomically(file, text);  // refuses non-regular targets, reports every write failure
}

// dataset.bin: "ADDCDMRH" magic, then int64 cells, train count, validation count, then float32 samples.
constexpr char kDatasetMagic[8] = {'A', 'D', 'D', 'C', 'D', 'M', 'R', 'H'};

void write_dataset(const fs::path& file, std::int64_t cells, const std::vector<float>& train,
                   const std::vector<float>& validation) {
  const fs::path partial = file.string() + ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    const std::int64_t header[3] = {cells, static_cast<std::int64_t>(train.size()) / cells,
                                    static_cast<std::int64_t>(validation.size()) / cells};
    out.write(kDatasetMagic, sizeof kDatasetMagic);
    out.write(reinterpret_cast<const char*>(header), sizeof header);
    out.write(reinterpret_cast<const char*>(train.data()), static_cast<std::streamsize>(train.size() * 4));
    out.write(reinterpret_cast<const char*>(validation.data()),
              static_cast<std::streamsize>(validation.size() * 4));
    out.close();
    if (!out) {
      throw InputError(partial.string() + ": cannot write the data set");
    }
  }
  io::require_replaceable(file);
  fs::rename(partial, file);
}

bool read_dataset(const fs::path& file, std::int64_t cells, std::int64_t train_count,
                  std::int64_t validation_count, std::vector<float>& train, std::vector<float>& validation) {
  std::ifstream in(file, std::ios::binary);
  char magic[8];
  std::int64_t header[3];
  if (!in.read(magic, sizeof magic) || !std::equal(magic, magic + 8, kDatasetMagic) ||
      !in.read(reinterpret_cast<char*>(header), sizeof header) || header[0] != cells ||
      header[1] != train_count || header[2] != validation_count) {
    return false;
  }
  train.resize(static_cast<std::size_t>(cells * train_count));
  validation.resize(static_cast<std::size_t>(cells * validation_count));
  in.read(reinterpret_cast<char*>(train.data()), static_cast<std::streamsize>(train.size() * 4));
  in.read(reinterpret_cast<char*>(validation.data()), static_cast<std::streamsize>(validation.size() * 4));
  return static_cast<bool>(in);
}

std::string fmt_loss(double loss) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", loss);
  return text;
}

}  // namespace

// ---- the trainer --------------------------------------------------------------------------------------

struct Trainer::Impl {
  TrainingSettings settings;
  std::vector<EpochRecord> records;
  int best_epoch = 0;
  Network network{NetworkSpec::from64(), 0};
  std::unique_ptr<torch::optim::Adam> optimizer;
  std::vector<float> train, validation;
  Stencil stencil;
  bool resumed = false;

  pde::GridShape shape() const { return {settings.grid, settings.grid, settings.grid}; }
  std::int64_t cells() const { return shape().cells(); }
  int completed_epochs() const { return records.empty() ? -1 : records.back().epoch; }

  void make_optimizer() {
    optimizer = std::make_unique<torch::optim::Adam>(network.impl().parameters(),
                                                     torch::optim::AdamOptions(settings.learning_rate));
  }

  void build_dataset(const TrainingObserver& observer) {
    const fs::path file = settings.out_dir / "dataset.bin";
    if (resumed &&
        read_dataset(file, cells(), settings.train_count, settings.validation_count, train, validation)) {
      return;
    }
    auto phase = [&](const std::string& text) {
      if (observer.on_phase) {
        observer.on_phase(text);
      }
    };
    phase("lanczos: " + std::to_string(settings.ritz) + " steps with full re-orthogonalisation on the " +
          std::to_string(settings.grid) + "^3 cube (" + std::to_string(cells()) + " unknowns)");
    const auto start = std::chrono::steady_clock::now();
    RitzBasis basis = lanczos_ritz(pde::poisson_3d({settings.grid, settings.grid, settings.grid}).matrix,
                                   settings.ritz, settings.seed);
    phase("ritz values " + std::to_string(basis.values.front()) + " .. " +
          std::to_string(basis.values.back()) + ", " + std::to_string(basis.count) +
          " kept, basis orthogonality loss " + std::to_string(basis.max_orthogonality_loss) + ", " +
          std::to_string(seconds_since(start)) + " s");
    // Training and validation vectors come from disjoint coefficient streams: the validation set is
    // never trained on (the authors' split overlapped, spec section 2.3).
    train = synthesize_rhs(basis, settings.train_count, settings.synthesis, settings.seed * 2 + 1);
    validation = synthesize_rhs(basis, settings.validation_count, settings.synthesis, settings.seed * 2 + 2);
    phase("synthesised " + std::to_string(settings.train_count) + " training and " +
          std::to_string(settings.validation_count) + " validation right-hand sides");
    write_dataset(file, cells(), train, validation);
  }

  torch::Tensor batch_tensor(const std::vector<float>& data, std::span<const std::size_t> samples) const {
    const auto s = shape();
    torch::Tensor x = torch::empty({static_cast<std::int64_t>(samples.size()), 1, s.nz, s.ny, s.nx});
    float* out = x.data_ptr<float>();
    const auto n = static_cast<std::size_t>(cells());
    for (std::size_t i = 0; i < samples.size(); ++i) {
      std::copy_n(data.data() + samples[i] * n, n, out + i * n);
    }
    return x;
  }

  double validation_loss() {
    torch::NoGradGuard no_grad;
    const std::size_t count = static_cast<std::size_t>(settings.validation_count);
    double sum = 0.0;
    std::vector<std::size_t> samples;
    for (std::size_t first = 0; first < count; first += static_cast<std::size_t>(settings.batch)) {
      samples.clear();
      for (std::size_t i = first; i < std::min(count, first + static_cast<std::size_t>(settings.batch));
           ++i) {
        samples.push_back(i);
      }
      const torch::Tensor b = batch_tensor(validation, samples);
      sum += batch_loss(stencil, b, network.impl().forward(b)).item<double>() *
             static_cast<double>(samples.size());
    }
    return sum / static_cast<double>(count);
  }

  /// One pass over the training set in an order that depends only on (seed, epoch).
  double train_epoch(int epoch, const TrainingObserver& observer) {
    std::vector<std::size_t> order(static_cast<std::size_t>(settings.train_count));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(settings.seed * 1000003ULL + static_cast<std::uint64_t>(epoch));
    std::shuffle(order.begin(), order.end(), rng);
    const int batches = (settings.train_count + settings.batch - 1) / settings.batch;
    double sum = 0.0;
    for (int k = 0; k < batches; ++k) {
      const std::size_t first = static_cast<std::size_t>(k) * static_cast<std::size_t>(settings.batch);
      const std::size_t last = std::min(order.size(), first + static_cast<std::size_t>(settings.batch));
      const std::span<const std::size_t> samples(order.data() + first, last - first);
      const torch::Tensor b = batch_tensor(train, samples);
      optimizer->zero_grad();
      const torch::Tensor loss = batch_loss(stencil, b, network.impl().forward(b));
      loss.backward();
      optimizer->step();
      sum += loss.item<double>() * static_cast<double>(samples.size());
      if (observer.on_batch) {
        observer.on_batch(epoch, k + 1, batches, sum / static_cast<double>(last));
      }
    }
    return sum / static_cast<double>(settings.train_count);
  }

  std::string checkpoint_name(int epoch) const { return "checkpoint-" + std::to_string(epoch); }

  void checkpoint(int epoch, bool best) {
    const fs::path dir = settings.out_dir / checkpoint_name(epoch);
    const fs::path partial = settings.out_dir / (".partial-" + checkpoint_name(epoch));
    fs::remove_all(partial);
    fs::create_directories(partial);
    network.save(partial / "model.pt");
    torch::save(*optimizer, (partial / "optimizer.pt").string());
    fs::remove_all(dir);
    fs::rename(partial, dir);
    if (best) {
      network.save(settings.out_dir / "best.pt");
    }
    Json state{{"format", "adasolve-dcdm-training-state"},
               {"settings", settings_to_json(settings)},
               {"checkpoint", checkpoint_name(epoch)},
               {"best_epoch", best_epoch},
               {"records", Json::array()}};
    for (const auto& r : records) {
      state["records"].push_back({{"epoch", r.epoch},
                                  {"train_loss", std::isnan(r.train_loss) ? Json() : Json(r.train_loss)},
                                  {"validation_loss", r.validation_loss},
                                  {"epoch_seconds", r.epoch_seconds},
                                  {"elapsed_seconds", r.elapsed_seconds},
                                  {"learning_rate", r.learning_rate}});
    }
    add_version_keys(state);
    write_text_atomically(settings.out_dir / "state.json", state.dump(1));  // the commit point
    write_log();
    for (const auto& entry : fs::directory_iterator(settings.out_dir)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("checkpoint-", 0) == 0 && name != checkpoint_name(epoch)) {
        fs::remove_all(entry.path());
      }
    }
  }

  void write_log() const {
    std::string csv = "epoch,train_loss,validation_loss,epoch_seconds,elapsed_seconds,learning_rate\n";
    char line[256];
    for (const auto& r : records) {
      std::snprintf(line, sizeof line, "%d,%s,%.9g,%.3f,%.3f,%.3g\n", r.epoch,
                    std::isnan(r.train_loss) ? "" : fmt_loss(r.train_loss).c_str(), r.validation_loss,
                    r.epoch_seconds, r.elapsed_seconds, r.learning_rate);
      csv += line;
    }
    write_text_atomically(settings.out_dir / "training_log.csv", csv);
  }

  void finish_epoch(const EpochRecord& record, const TrainingObserver& observer) {
    records.push_back(record);
    bool best = false;
    if (record.validation_loss < records[static_cast<std::size_t>(best_epoch)].validation_loss ||
        record.epoch == 0) {
      best_epoch = record.epoch;
      best = true;
    }
    network.set_metadata(with_version_keys(Json{{"trained_grid", settings.grid},
                                                {"epoch", record.epoch},
                                                {"validation_loss", record.validation_loss},
                                                {"training_seconds", record.elapsed_seconds},
                                                {"seed", settings.seed},
                                                {"settings", settings_to_json(settings)}})
                             .dump());
    checkpoint(record.epoch, best);
    if (observer.on_epoch) {
      observer.on_epoch(record, best);
    }
  }
};

Trainer::Trainer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Trainer::~Trainer() = default;
Trainer::Trainer(Trainer&&) noexcept = default;

Trainer Trainer::start(const TrainingSettings& settings) {
  settings.validate();
  if (fs::exists(settings.out_dir / "state.json")) {
    throw InputError((settings.out_dir / "state.json").string() +
                     ": a training run is already there (resume it, or choose another output folder)");
  }
  const double gib = settings.memory_estimate_bytes() / (1024.0 * 1024.0 * 1024.0);
  if (gib > settings.max_memory_gib) {
    // %.4g, not a cut-off decimal string: 7.7e9 GiB must not read as "77337 GiB".
    char text[96];
    std::snprintf(text, sizeof text, "%.4g GiB, above max_memory %.4g GiB", gib, settings.max_memory_gib);
    throw UsageError(std::string("training would need about ") + text +
                     ": lower ritz, train_count, batch or grid");
  }
  // The output folder is the user's path: a file, a device or an unwritable place is their error (exit 2).
  std::error_code ec;
  if (fs::exists(settings.out_dir, ec) && !fs::is_directory(settings.out_dir, ec)) {
    throw InputError(settings.out_dir.string() +
                     ": exists and is not a folder (choose another output folder)");
  }
  fs::create_directories(settings.out_dir, ec);
  if (ec) {
    throw InputError(settings.out_dir.string() + ": cannot create the output folder (" + ec.message() + ")");
  }
  if (::access(settings.out_dir.c_str(), W_OK) != 0) {
    throw InputError(settings.out_dir.string() + ": the output folder is not writable");
  }
  auto impl = std::make_unique<Impl>();
  impl->settings = settings;
  if (settings.initial_weights.empty()) {
    impl->network = Network(settings.network, settings.seed);
  } else {
    impl->network = Network::load(settings.initial_weights);
    if (!(impl->network.spec() == settings.network)) {
      throw UsageError(settings.initial_weights.string() + ": the model is " +
                       impl->network.spec().describe() + ", the run asks for " + settings.network.describe());
    }
  }
  impl->make_optimizer();
  return Trainer(std::move(impl));
}

Trainer Trainer::resume(const fs::path& out_dir, int epochs, double learning_rate) {
  const fs::path state_file = out_dir / "state.json";
  std::ifstream in(state_file);
  if (!in) {
    throw InputError(state_file.string() + ": no training state to resume (start a new run)");
  }
  Json state;
  try {
    state = Json::parse(in);
  } catch (const Json::exception& e) {
    throw InputError(state_file.string() + ": unreadable training state (" + e.what() + ")");
  }
  auto impl = std::make_unique<Impl>();
  impl->resumed = true;
  try {
    impl->settings = settings_from_json(state.at("settings"));
    impl->best_epoch = state.at("best_epoch");
    for (const auto& r : state.at("records")) {
      impl->records.push_back({r.at("epoch"),
                               r.at("train_loss").is_null() ? std::nan("") : r.at("train_loss").get<double>(),
                               r.at("validation_loss"), r.at("epoch_seconds"), r.at("elapsed_seconds"),
                               r.value("learning_rate", impl->settings.learning_rate)});
    }
    impl->settings.out_dir = out_dir;
    if (epochs > 0) {
      impl->settings.epochs = epochs;
    }
    impl->settings.validate();
    const fs::path checkpoint = out_dir / state.at("checkpoint").get<std::string>();
    impl->network = Network::load(checkpoint / "model.pt");
    impl->make_optimizer();
    torch::load(*impl->optimizer, (checkpoint / "optimizer.pt").string());
    if (learning_rate > 0.0) {
      impl->settings.learning_rate = learning_rate;
      impl->settings.validate();
      for (auto& group : impl->optimizer->param_groups()) {
        static_cast<torch::optim::AdamOptions&>(group.options()).lr(learning_rate);
      }
    }
  } catch (const Json::exception& e) {
    throw InputError(state_file.string() + ": incomplete training state (" + e.what() + ")");
  } catch (const c10::Error& e) {
    throw InputError(state_file.string() + ": cannot restore the optimizer (" + e.what_without_backtrace() +
                     ")");
  }
  return Trainer(std::move(impl));
}

const TrainingSettings& Trainer::settings() const { return impl_->settings; }
const std::vector<EpochRecord>& Trainer::records() const { return impl_->records; }

const std::vector<EpochRecord>& Trainer::run(const TrainingObserver& observer) {
  Impl& t = *impl_;
  t.build_dataset(observer);
  if (t.records.empty()) {
    const auto start = std::chrono::steady_clock::now();
    EpochRecord initial{0, std::nan(""), t.validation_loss(), 0.0, 0.0, t.settings.learning_rate};
    initial.epoch_seconds = seconds_since(start);
    t.finish_epoch(initial, observer);
  }
  for (int epoch = t.completed_epochs() + 1; epoch <= t.settings.epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    EpochRecord record;
    record.epoch = epoch;
    record.learning_rate = t.settings.learning_rate;
    record.train_loss = t.train_epoch(epoch, observer);
    record.validation_loss = t.validation_loss();
    record.epoch_seconds = seconds_since(start);
    record.elapsed_seconds = t.records.back().elapsed_seconds + record.epoch_seconds;
    t.finish_epoch(record, observer);
  }
  return t.records;
}

}  // namespace adasolve::dcdm
