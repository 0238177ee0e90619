#include "adasolve/dcdm/neural_direction.hpp"

#include <string>
#include <vector>

#include "adasolve/core/error.hpp"
#include "adasolve/dcdm/two_level_direction.hpp"

namespace adasolve::dcdm {

namespace {

class NetworkDirection final : public DirectionGenerator {
 public:
  NetworkDirection(std::shared_ptr<const Network> network, GridMap map, ConvolutionPath path)
      : network_(std::move(network)), map_(std::move(map)), path_(path) {
    if (!network_) {
      throw UsageError("network direction: null network");
    }
    map_.validate();
  }

  std::string name() const override { return "network"; }

  void setup(const CsrMatrix& a) override {
    map_.check_matches(a);
    const auto& s = map_.shape;
    if (s.nx % 2 != 0 || s.ny % 2 != 0 || s.nz % 2 != 0) {
      throw InputError("the DCDM network needs even grid dimensions, got " + std::to_string(s.nx) + "x" +
                       std::to_string(s.ny) + "x" + std::to_string(s.nz));
    }
    image_in_.assign(static_cast<std::size_t>(s.cells()), 0.0F);
    image_out_.assign(static_cast<std::size_t>(s.cells()), 0.0F);
  }

  void apply(std::span<const double> r, std::span<double> d) override {
    map_.scatter(r, image_in_);  // residual image, zeros in solid cells
    network_->apply(map_.shape, image_in_, image_out_, path_);
    map_.gather(image_out_, d);  // d = CNN(r) at the unknowns
  }

 private:
  std::shared_ptr<const Network> network_;
  GridMap map_;
  ConvolutionPath path_;
  std::vector<float> image_in_, image_out_;
};

}  // namespace

std::unique_ptr<DirectionGenerator> make_network_direction(std::shared_ptr<const Network> network,
                                                           GridMap map, ConvolutionPath path) {
  return std::make_unique<NetworkDirection>(std::move(network), std::move(map), path);
}

}  // namespace adasolve::dcdm

namespace adasolve::dcdm {

std::unique_ptr<DirectionGenerator> make_twogrid_network_direction(
    std::shared_ptr<const Network> network, GridMap map, std::unique_ptr<DirectionGenerator> smoother) {
  if (!network || !smoother) {
    throw UsageError("twogrid direction: null network or smoother");
  }
  std::string name = "twogrid-" + smoother->name() + "-network";
  return make_two_level_direction(
      std::move(name), std::move(map), std::move(smoother),
      [network](const GridMap& coarse) { return make_network_direction(network, coarse); });
}

std::unique_ptr<DirectionGenerator> make_multigrid_network_direction(std::shared_ptr<const Network> network,
                                                                     GridMap map, Index coarsest) {
  if (!network) {
    throw UsageError("multigrid direction: null network");
  }
  return make_multigrid_direction("network", std::move(map), coarsest, [network](const GridMap& coarse) {
    return make_network_direction(network, coarse);
  });
}

}  // namespace adasolve::dcdm
