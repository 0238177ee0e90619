#include "adasolve/dcdm/neural_direction.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"

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
    map_.scatter(r, image_in_);                          // residual image, zeros in solid cells
    network_->apply(map_.shape, image_in_, image_out_, path_);
    map_.gather(image_out_, d);                          // d = CNN(r) at the unknowns
  }

 private:
  std::shared_ptr<const Network> network_;
  GridMap map_;
  ConvolutionPath path_;
  std::vector<float> image_in_, image_out_;
};

}  // namespace

std::unique_ptr<DirectionGenerator> make_network_direction(std::shared_ptr<const Network> network, GridMap map,
                                                           ConvolutionPath path) {
  return std::make_unique<NetworkDirection>(std::move(network), std::move(map), path);
}

}  // namespace adasolve::dcdm

namespace adasolve::dcdm {

namespace {

class TwoGridNetworkDirection final : public DirectionGenerator {
 public:
  TwoGridNetworkDirection(std::shared_ptr<const Network> network, GridMap map,
                          std::unique_ptr<DirectionGenerator> smoother)
      : network_(std::move(network)), map_(std::move(map)), smoother_(std::move(smoother)) {
    if (!network_ || !smoother_) {
      throw UsageError("twogrid direction: null network or smoother");
    }
    map_.validate();
  }

  std::string name() const override { return "twogrid-" + smoother_->name() + "-network"; }

  void setup(const CsrMatrix& a) override {
    map_.check_matches(a);
    const auto& s = map_.shape;
    if (s.nx % 4 != 0 || s.ny % 4 != 0 || s.nz % 4 != 0) {
      throw InputError("the twogrid direction needs grid dimensions that are multiples of 4, got " +
                       std::to_string(s.nx) + "x" + std::to_string(s.ny) + "x" + std::to_string(s.nz));
    }
    smoother_->setup(a);
    a_ = &a;
    coarse_ = {s.nx / 2, s.ny / 2, s.nz / 2};
    fine_.assign(static_cast<std::size_t>(s.cells()), 0.0F);
    coarse_in_.assign(static_cast<std::size_t>(coarse_.cells()), 0.0F);
    coarse_out_.assign(coarse_in_.size(), 0.0F);
    const auto n = static_cast<std::size_t>(a.rows());
    s_.assign(n, 0.0);
    c_.assign(n, 0.0);
    ac_.assign(n, 0.0);
    t_.assign(n, 0.0);
  }

  void begin_solve() override { smoother_->begin_solve(); }

  void apply(std::span<const double> r, std::span<double> d) override {
    smoother_->apply(r, d);                           // z = M^-1 r (held in d)
    a_->residual(r, d, s_);                           // s = r - A z
    coarse_correction();                              // c = P N(R s / ||R s||)
    a_->multiply(c_, ac_);                            // A c
    const double c_ac = vec::dot(c_, ac_);
    if (c_ac > 0.0) {
      const double gamma = vec::dot(c_, s_) / c_ac;   // exact line search along c
      vec::axpy(gamma, c_, d);                        // d = z + gamma c
      vec::axpy(-gamma, ac_, s_);                     // s = r - A d
    }
    smoother_->apply(s_, t_);                         // post-smoothing
    vec::axpy(1.0, t_, d);                            // d += M^-1 (r - A d)
  }

 private:
  void coarse_correction() {
    map_.scatter(s_, fine_);
    const auto& f = map_.shape;
    std::fill(coarse_in_.begin(), coarse_in_.end(), 0.0F);
    for (Index k = 0; k < f.nz; ++k) {
      for (Index j = 0; j < f.ny; ++j) {
        for (Index i = 0; i < f.nx; ++i) {
          coarse_in_[static_cast<std::size_t>(coarse_.cell(i / 2, j / 2, k / 2))] +=
              0.125F * fine_[static_cast<std::size_t>(f.cell(i, j, k))];  // R: 2x2x2 average
        }
      }
    }
    double norm = 0.0;
    for (float v : coarse_in_) {
      norm += static_cast<double>(v) * v;
    }
    norm = std::sqrt(norm);
    if (norm > 0.0) {
      for (float& v : coarse_in_) {
        v = static_cast<float>(v / norm);
      }
    }
    network_->apply(coarse_, coarse_in_, coarse_out_);
    for (Index k = 0; k < f.nz; ++k) {
      for (Index j = 0; j < f.ny; ++j) {
        for (Index i = 0; i < f.nx; ++i) {
          fine_[static_cast<std::size_t>(f.cell(i, j, k))] =
              coarse_out_[static_cast<std::size_t>(coarse_.cell(i / 2, j / 2, k / 2))];  // P: injection
        }
      }
    }
    map_.gather(fine_, c_);
  }

  std::shared_ptr<const Network> network_;
  GridMap map_;
  std::unique_ptr<DirectionGenerator> smoother_;
  const CsrMatrix* a_ = nullptr;
  pde::GridShape coarse_;
  std::vector<float> fine_, coarse_in_, coarse_out_;
  std::vector<double> s_, c_, ac_, t_;
};

}  // namespace

std::unique_ptr<DirectionGenerator> make_twogrid_network_direction(std::shared_ptr<const Network> network,
                                                                   GridMap map,
                                                                   std::unique_ptr<DirectionGenerator> smoother) {
  return std::make_unique<TwoGridNetworkDirection>(std::move(network), std::move(map), std::move(smoother));
}

}  // namespace adasolve::dcdm
