#pragma once
// The DCDM convolutional network (spec section 2.1; Kaneda et al., ICML 2023, src/train.py), in libtorch
// behind a pimpl: this header does not include torch.
//
//   c0 = Conv(1 -> C) (linear); la = ReLU(Conv c0); lb = ReLU(Conv la)
//   fine_pre_blocks   x [ la = ReLU(Conv lb) + la; lb = ReLU(Conv la) ]
//   a = AvgPool(2)(lb)
//   coarse_blocks     x [ b = ReLU(Conv a); a = ReLU(Conv b) + a ]
//   u = UpsampleNearest(2)(a) + lb
//   fine_post_blocks  x [ b = ReLU(Conv u); u = ReLU(Conv b) + u ]
//   out = Conv1x1x1(C -> 1)(u) (linear; the authors' Dense(1) on the channel axis)
// Every Conv is 3x3x3, zero padding 1, with bias. "from64": (1, 3, 2) blocks = 14 C->C convolutions,
// 97,457 parameters at C = 16; "from128": (2, 5, 3) = 22 convolutions, 152,881 parameters.
// Grids must have even dimensions (one 2x pooling level). Arithmetic is float32.
//
// libtorch 1.13 sends 3D convolutions with N*C*D*H <= 20480 (the 1 -> C input conv, every C-channel conv
// at 32^3 and below) to its im2col + reference-BLAS path, 5-30x slower than oneDNN; this network therefore
// calls oneDNN (at::mkldnn_convolution) directly unless ConvolutionPath::aten_default is asked for.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "adasolve/dcdm/model_header.hpp"
#include "adasolve/dcdm/network_spec.hpp"
#include "adasolve/pde/grid.hpp"

namespace adasolve::dcdm {

enum class ConvolutionPath { onednn, aten_default };

class Network {
 public:
  /// Fresh network with Glorot-uniform kernels and zero biases (Keras' defaults), seeded.
  Network(NetworkSpec spec, std::uint64_t seed);
  ~Network();
  Network(Network&&) noexcept;
  Network& operator=(Network&&) noexcept;

  /// Reads a file written by save(). InputError("FILE: not a DCDM model file (...)") for anything else;
  /// the header is checked (check_model_header) before any tensor of the declared network is allocated.
  static Network load(const std::filesystem::path& file);
  /// The header records of a model file as load() finds them, unchecked (InputError if it is no archive).
  static ModelHeader read_header(const std::filesystem::path& file);
  /// Writes spec, weights and metadata (one libtorch archive). Atomic: written beside, then renamed.
  void save(const std::filesystem::path& file) const;

  const NetworkSpec& spec() const;
  /// Counted from the parameter tensors (equals spec().parameter_count()).
  std::int64_t parameter_count() const;
  /// Free-form JSON text carried in the file (training grid, epochs, validation loss, command).
  const std::string& metadata() const;
  void set_metadata(std::string json);

  /// out <- net(in) for one image of `shape` (C order over nz, ny, nx), no gradients.
  /// Throws InputError if a dimension is odd or the spans do not have shape.cells() entries.
  void apply(const pde::GridShape& shape, std::span<const float> in, std::span<float> out,
             ConvolutionPath path = ConvolutionPath::onednn) const;

  /// Identical weights (bitwise).
  bool same_weights(const Network& other) const;

  struct Impl;
  Impl& impl() const { return *impl_; }

 private:
  explicit Network(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Sets libtorch's intra-op thread count (the --threads option). Rule: ranks x threads <= cores.
void set_torch_threads(int threads);
int torch_threads();

/// One C -> C 3x3x3 convolution on an n^3 grid through oneDNN, timed: the machine's own convolution rate
/// (GFLOP/s, median of `repeats`), the yardstick for the network's efficiency.
double measure_convolution_gflops(int n, int channels, int repeats);

}  // namespace adasolve::dcdm
