// The DCDM network: architecture (parameter counts of spec section 2.1), the oneDNN path agreeing with
// ATen's default dispatch, save/load round trip and rejection of bad files.
#include "adasolve/dcdm/network.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "adasolve/core/error.hpp"
#include "random_image.hpp"

using namespace adasolve;
using namespace adasolve::dcdm;
using adasolve::test::random_image;

namespace {

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("adasolve-dcdm-test-" + std::to_string(::getpid()) + "-" + name);
}

}  // namespace

TEST_CASE("network parameter counts match the authors' models", "[dcdm][network]") {
  CHECK(NetworkSpec::from64().parameter_count() == 97457);
  CHECK(NetworkSpec::from128().parameter_count() == 152881);
  CHECK(NetworkSpec::from64().hidden_convolutions() == 14);
  CHECK(NetworkSpec::from128().hidden_convolutions() == 22);
  CHECK(Network(NetworkSpec::from64(), 1).parameter_count() == 97457);
  CHECK(Network(NetworkSpec::from128(), 1).parameter_count() == 152881);
  NetworkSpec narrow{8, 1, 2, 1};
  CHECK(Network(narrow, 1).parameter_count() == narrow.parameter_count());
}

TEST_CASE("network maps a grid image to an image of the same shape and oneDNN agrees with ATen",
          "[dcdm][network]") {
  const Network net(NetworkSpec::from64(), 3);
  const pde::GridShape shape{8, 6, 4};
  const auto in = random_image(shape.cells(), 1);
  std::vector<float> fast(in.size()), reference(in.size());
  net.apply(shape, in, fast, ConvolutionPath::onednn);
  net.apply(shape, in, reference, ConvolutionPath::aten_default);
  double diff = 0, norm = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    diff = std::max(diff, static_cast<double>(std::abs(fast[i] - reference[i])));
    norm = std::max(norm, static_cast<double>(std::abs(reference[i])));
  }
  CHECK(norm > 0);
  CHECK(diff <= 1e-4 * norm);
  std::vector<float> odd(7 * 4 * 4);
  CHECK_THROWS_AS(net.apply({7, 4, 4}, odd, odd), InputError);
}

TEST_CASE("save and load give a network with identical outputs", "[dcdm][network]") {
  const Network net(NetworkSpec::from128(), 5);
  const auto file = temp_file("roundtrip.pt");
  Network copy_source(NetworkSpec::from128(), 5);
  copy_source.set_metadata(R"({"trained_grid": 8})");
  copy_source.save(file);
  const Network loaded = Network::load(file);
  std::filesystem::remove(file);
  CHECK(loaded.spec() == NetworkSpec::from128());
  CHECK(loaded.metadata() == R"({"trained_grid": 8})");
  CHECK(loaded.same_weights(copy_source));
  const pde::GridShape shape{8, 8, 8};
  const auto in = random_image(shape.cells(), 2);
  std::vector<float> a(in.size()), b(in.size());
  copy_source.apply(shape, in, a);
  loaded.apply(shape, in, b);
  CHECK(a == b);
}

TEST_CASE("loading a file that is not a model is an InputError naming the file", "[dcdm][network]") {
  const auto garbage = temp_file("garbage.pt");
  {
    std::ofstream out(garbage);
    out << "this is not a model\n";
  }
  CHECK_THROWS_WITH(Network::load(garbage),
                    Catch::Contains(garbage.string()) && Catch::Contains("not a DCDM model"));
  std::filesystem::remove(garbage);
  CHECK_THROWS_AS(Network::load(temp_file("missing.pt")), InputError);
}
