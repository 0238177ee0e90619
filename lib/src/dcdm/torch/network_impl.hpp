#pragma once
// Private: the torch module behind adasolve::dcdm::Network, shared by the network and training TUs.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "adasolve/dcdm/network.hpp"

namespace adasolve::dcdm {

/// 3x3x3 (or 1x1x1) convolution, stride 1, dilation 1, "same" zero padding, through oneDNN or ATen's
/// dispatch.
torch::Tensor convolve(const torch::Tensor& x, const torch::Tensor& weight, const torch::Tensor& bias,
                       ConvolutionPath path);

struct Network::Impl : torch::nn::Module {
  explicit Impl(NetworkSpec network_spec);

  /// x: (batch, 1, nz, ny, nx) float32 -> same shape.
  torch::Tensor forward(const torch::Tensor& x, ConvolutionPath path = ConvolutionPath::onednn);

  NetworkSpec spec;
  std::string metadata;
  std::vector<torch::Tensor> kernels;  ///< [0] is the 1 -> C input conv, then the C -> C convs in order
  std::vector<torch::Tensor> biases;
  torch::Tensor head_kernel, head_bias;
};

}  // namespace adasolve::dcdm
