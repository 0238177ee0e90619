// The DCDM network in libtorch (spec section 2.1), its file format, and the oneDNN rate measurement.
#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "adasolve/dcdm/model_header.hpp"
#include "adasolve/io/file_access.hpp"
#include "dcdm/torch/network_impl.hpp"

namespace adasolve::dcdm {

// ---- NetworkSpec ------------------------------------------------------------------------------------

NetworkSpec NetworkSpec::named(const std::string& variant) {
  if (variant == "from64") {
    return from64();
  }
  if (variant == "from128") {
    return from128();
  }
  throw UsageError("network variant must be from64 or from128, got '" + variant + "'");
}

std::span<const SettingField<NetworkSpec>> NetworkSpec::fields() {
  static const SettingField<NetworkSpec> described[] = {
      {"width", &NetworkSpec::channels, "channels of every convolution", SettingRange::at_least(1.0),
       "the variant's: 16"},
      {"depth", &NetworkSpec::coarse_blocks, "residual blocks on the coarse level",
       SettingRange::at_least(0.0), "the variant's: from64 3, from128 5"},
  };
  return described;
}

void NetworkSpec::validate() const {
  check_ranges(*this, fields());
  auto check = [](const char* name, int value, int min) {
    if (value < min) {
      throw UsageError(std::string("network.") + name + " must be >= " + std::to_string(min) + ", got " +
                       std::to_string(value));
    }
  };
  check("fine_pre_blocks", fine_pre_blocks, 0);
  check("fine_post_blocks", fine_post_blocks, 0);
}

std::int64_t NetworkSpec::parameter_count() const {
  const std::int64_t c = channels;
  return (27 + 1) * c + hidden_convolutions() * (27 * c * c + c) + (c + 1);
}

double NetworkSpec::flops(std::int64_t cells) const {
  const double c = channels;
  const double fine = 2 + 2 * (fine_pre_blocks + fine_post_blocks);
  const double coarse = 2 * coarse_blocks;
  const double per_cell = 2.0 * 27.0 * c * (1.0 + c * (fine + coarse / 8.0)) + 2.0 * c;
  return per_cell * static_cast<double>(cells);
}

std::string NetworkSpec::describe() const {
  if (*this == from64()) {
    return "from64";
  }
  if (*this == from128()) {
    return "from128";
  }
  std::ostringstream name;  // (not string concatenation: GCC 12 warns -Wrestrict on it, a false positive)
  name << 'C' << channels << "-pre" << fine_pre_blocks << "-coarse" << coarse_blocks << "-post"
       << fine_post_blocks;
  return name.str();
}

// ---- the module -------------------------------------------------------------------------------------

torch::Tensor convolve(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                       ConvolutionPath path) {
  const std::int64_t pad = weight.size(2) / 2;
  if (path == ConvolutionPath::onednn) {
    return at::mkldnn_convolution(x, weight, bias, {pad, pad, pad}, {1, 1, 1}, {1, 1, 1}, 1);
  }
  return torch::conv3d(x, weight, bias, 1, pad);
}

namespace {

/// Glorot-uniform kernel (Keras' default): U(-l, l), l = sqrt(6 / (fan_in + fan_out)), fan = channels * 27.
torch::Tensor glorot_kernel(std::int64_t out, std::int64_t in, std::int64_t k) {
  const double limit = std::sqrt(6.0 / static_cast<double>((in + out) * k * k * k));
  return torch::empty({out, in, k, k, k}).uniform_(-limit, limit);
}

}  // namespace

Network::Impl::Impl(NetworkSpec network_spec) : spec(network_spec) {
  spec.validate();
  const std::int64_t c = spec.channels;
  const int convs = 1 + spec.hidden_convolutions();
  for (int i = 0; i < convs; ++i) {
    const std::int64_t in = i == 0 ? 1 : c;
    kernels.push_back(register_parameter("conv" + std::to_string(i) + "_weight", glorot_kernel(c, in, 3)));
    biases.push_back(register_parameter("conv" + std::to_string(i) + "_bias", torch::zeros({c})));
  }
  head_kernel = register_parameter("head_weight", glorot_kernel(1, c, 1));
  head_bias = register_parameter("head_bias", torch::zeros({1}));
}

torch::Tensor Network::Impl::forward(const torch::Tensor& x, ConvolutionPath path) {
  std::size_t next = 0;
  auto conv = [&](const torch::Tensor& t) {
    const std::size_t i = next++;
    return convolve(t, kernels[i], biases[i], path);
  };
  const torch::Tensor c0 = conv(x);  // linear input conv
  torch::Tensor la = torch::relu(conv(c0));
  torch::Tensor lb = torch::relu(conv(la));
  for (int i = 0; i < spec.fine_pre_blocks; ++i) {
    la = torch::relu(conv(lb)) + la;
    lb = torch::relu(conv(la));
  }
  torch::Tensor a = torch::avg_pool3d(lb, {2, 2, 2});
  for (int i = 0; i < spec.coarse_blocks; ++i) {
    const torch::Tensor b = torch::relu(conv(a));
    a = torch::relu(conv(b)) + a;
  }
  torch::Tensor u = torch::upsample_nearest3d(a, {lb.size(2), lb.size(3), lb.size(4)}) + lb;
  for (int i = 0; i < spec.fine_post_blocks; ++i) {
    const torch::Tensor b = torch::relu(conv(u));
    u = torch::relu(conv(b)) + u;
  }
  return convolve(u, head_kernel, head_bias, path);
}

// ---- Network ----------------------------------------------------------------------------------------

Network::Network(NetworkSpec spec, std::uint64_t seed) {
  torch::manual_seed(seed);
  impl_ = std::make_unique<Impl>(spec);
}

Network::Network(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Network::~Network() = default;
Network::Network(Network&&) noexcept = default;
Network& Network::operator=(Network&&) noexcept = default;

const NetworkSpec& Network::spec() const { return impl_->spec; }
const std::string& Network::metadata() const { return impl_->metadata; }
void Network::set_metadata(std::string json) { impl_->metadata = std::move(json); }

std::int64_t Network::parameter_count() const {
  std::int64_t count = 0;
  for (const auto& p : impl_->parameters()) {
    count += p.numel();
  }
  return count;
}

bool Network::same_weights(const Network& other) const {
  const auto mine = impl_->parameters();
  const auto theirs = other.impl_->parameters();
  if (mine.size() != theirs.size()) {
    return false;
  }
  for (std::size_t i = 0; i < mine.size(); ++i) {
    if (!mine[i].sizes().equals(theirs[i].sizes()) || !torch::equal(mine[i], theirs[i])) {
      return false;
    }
  }
  return true;
}

void Network::save(const std::filesystem::path& file) const {
  torch::serialize::OutputArchive archive;
  archive.write("magic", c10::IValue(std::string(kModelMagic)));
  const NetworkSpec& s = impl_->spec;
  archive.write("spec", torch::tensor({kModelFormatVersion, static_cast<std::int64_t>(s.channels),
                                       static_cast<std::int64_t>(s.fine_pre_blocks),
                                       static_cast<std::int64_t>(s.coarse_blocks),
                                       static_cast<std::int64_t>(s.fine_post_blocks)},
                                      torch::kInt64));
  archive.write("metadata", c10::IValue(impl_->metadata));
  for (const auto& item : impl_->named_parameters()) {
    archive.write(item.key(), item.value().detach());
  }
  std::ostringstream bytes;  // a model is a few MB at most: serialised here, then written in one step
  try {
    archive.save_to(bytes);
  } catch (const c10::Error& e) {
    throw BackendError(file.string() + ": cannot write model (" + e.what_without_backtrace() + ")");
  }
  io::write_file_atomically(file, bytes.str());  // refuses devices and FIFOs; all or nothing
}

namespace {

/// libtorch's messages span lines (and carry a backtrace): the first line, at most 200 characters.
std::string first_line(const std::string& text) {
  return text.substr(0, std::min<std::size_t>(200, text.find_first_of("\r\n")));
}

/// The archive's descriptive records, for check_model_header; a record of another type counts as missing.
ModelHeader header_records(torch::serialize::InputArchive& archive, std::uintmax_t file_bytes) {
  ModelHeader header;
  header.file_bytes = file_bytes;
  c10::IValue magic;
  if (archive.try_read("magic", magic) && magic.isString()) {
    header.magic = magic.toStringRef();
  }
  c10::IValue spec;
  if (archive.try_read("spec", spec) && spec.isTensor() && spec.toTensor().scalar_type() == torch::kInt64) {
    const torch::Tensor values = spec.toTensor().contiguous().view({-1});
    header.spec.emplace(values.data_ptr<std::int64_t>(), values.data_ptr<std::int64_t>() + values.numel());
  }
  c10::IValue metadata;
  if (archive.try_read("metadata", metadata) && metadata.isString()) {
    header.metadata = metadata.toStringRef();
  }
  return header;
}

/// The file's size; InputError unless it is a regular file (a device or FIFO is no model).
std::uintmax_t model_file_bytes(const std::filesystem::path& file) {
  std::error_code error;
  const bool regular = std::filesystem::is_regular_file(file, error);
  const std::uintmax_t bytes = regular ? std::filesystem::file_size(file, error) : 0;
  if (!regular || error) {
    throw InputError(file.string() + ": cannot open model file");
  }
  return bytes;
}

InputError not_a_model(const std::filesystem::path& file, const std::string& why) {
  return InputError(file.string() + ": not a DCDM model file (" + why + ")");
}

}  // namespace

ModelHeader Network::read_header(const std::filesystem::path& file) {
  const std::uintmax_t file_bytes = model_file_bytes(file);
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(file.string());
    return header_records(archive, file_bytes);
  } catch (const c10::Error& e) {
    throw not_a_model(file, first_line(e.what_without_backtrace()));
  }
}

Network Network::load(const std::filesystem::path& file) {
  auto fail = [&](const std::string& why) { return not_a_model(file, why); };
  const std::uintmax_t file_bytes = model_file_bytes(file);
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(file.string());
    // Every check of the header runs before a tensor of the declared network is allocated.
    const ModelHeader header = header_records(archive, file_bytes);
    auto impl = std::make_unique<Impl>(check_model_header(header, file.string()));
    impl->metadata = header.metadata.value_or("");
    torch::NoGradGuard no_grad;
    for (auto& item : impl->named_parameters()) {
      torch::Tensor stored;
      if (!archive.try_read(item.key(), stored)) {
        throw fail("missing tensor " + item.key());
      }
      if (!stored.sizes().equals(item.value().sizes()) || stored.scalar_type() != torch::kFloat32) {
        throw fail("tensor " + item.key() + " has the wrong shape or type");
      }
      item.value().copy_(stored);
    }
    return Network(std::move(impl));
  } catch (const c10::Error& e) {
    throw fail(first_line(e.what_without_backtrace()));
  }
}

void Network::apply(const pde::GridShape& shape, std::span<const float> in, std::span<float> out,
                    ConvolutionPath path) const {
  if (shape.nx % 2 != 0 || shape.ny % 2 != 0 || shape.nz % 2 != 0) {
    throw InputError("the DCDM network needs even grid dimensions (one 2x pooling level), got " +
                     std::to_string(shape.nx) + "x" + std::to_string(shape.ny) + "x" +
                     std::to_string(shape.nz));
  }
  const auto cells = static_cast<std::size_t>(shape.cells());
  if (in.size() != cells || out.size() != cells) {
    throw UsageError("Network::apply: input and output must have " + std::to_string(cells) + " entries");
  }
  torch::NoGradGuard no_grad;
  const torch::Tensor x =
      torch::from_blob(const_cast<float*>(in.data()), {1, 1, shape.nz, shape.ny, shape.nx}, torch::kFloat32);
  const torch::Tensor y = impl_->forward(x, path).contiguous();
  std::copy_n(y.data_ptr<float>(), cells, out.begin());
}

void set_torch_threads(int threads) {
  // More threads than a few per core only contend (platform.md), and 10^5 threads exhaust the process.
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  if (threads < 1 || threads > 4 * cores) {
    throw UsageError("threads must be in [1, " + std::to_string(4 * cores) + "] (4 x the " +
                     std::to_string(cores) + " cores), got " + std::to_string(threads));
  }
  torch::set_num_threads(threads);
}

int torch_threads() { return torch::get_num_threads(); }

double measure_convolution_gflops(int n, int channels, int repeats) {
  torch::NoGradGuard no_grad;
  torch::manual_seed(0);
  const torch::Tensor x = torch::randn({1, channels, n, n, n});
  const torch::Tensor w = torch::randn({channels, channels, 3, 3, 3});
  const torch::Tensor b = torch::zeros({channels});
  std::vector<double> seconds;
  convolve(x, w, b, ConvolutionPath::onednn);  // warm-up: oneDNN primitive creation
  for (int i = 0; i < std::max(1, repeats); ++i) {
    const auto start = SteadyClock::now();
    const torch::Tensor y = convolve(x, w, b, ConvolutionPath::onednn);
    seconds.push_back(seconds_since(start));
  }
  std::sort(seconds.begin(), seconds.end());
  const double flops = 2.0 * 27.0 * channels * channels * std::pow(static_cast<double>(n), 3);
  return flops / seconds[seconds.size() / 2] / 1e9;
}

}  // namespace adasolve::dcdm
