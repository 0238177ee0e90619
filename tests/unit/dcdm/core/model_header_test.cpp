// The checks of a DCDM model file's header (model_header.hpp), without libtorch: every refusal is one
// line naming the file, and no header makes the loader believe in more weights than the file holds.
#include "adasolve/dcdm/model_header.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>

#include "adasolve/core/error.hpp"

using namespace adasolve;
using namespace adasolve::dcdm;

namespace {

/// The header of a from64 model as Network::save writes it (97,457 float32 weights in a ~400 kB file).
ModelHeader from64_header() {
  ModelHeader h;
  h.magic = kModelMagic;
  h.spec = {kModelFormatVersion, 16, 1, 3, 2};
  h.metadata = R"({"trained_grid": 16})";
  h.file_bytes = 399709;
  return h;
}

std::string refusal(const ModelHeader& h) {
  try {
    check_model_header(h, "m.pt");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("model header: a saved from64 header gives the from64 network", "[dcdm][model_header]") {
  CHECK(check_model_header(from64_header(), "m.pt") == NetworkSpec::from64());
  ModelHeader no_metadata = from64_header();
  no_metadata.metadata.reset();
  CHECK(check_model_header(no_metadata, "m.pt") == NetworkSpec::from64());
  no_metadata.metadata = "";  // what a network that was never given metadata saves
  CHECK(check_model_header(no_metadata, "m.pt") == NetworkSpec::from64());
}

TEST_CASE("model header: each malformed header is refused with its reason on one line",
          "[dcdm][model_header]") {
  const std::string prefix = "m.pt: not a DCDM model file (";
  ModelHeader h = from64_header();
  h.magic = "adasolve-dcdm-netwerk";
  CHECK(refusal(h) == prefix + "no adasolve-dcdm-network marker)");
  h.magic.reset();
  CHECK(refusal(h) == prefix + "no adasolve-dcdm-network marker)");

  h = from64_header();
  h.spec.reset();
  CHECK(refusal(h) == prefix + "no int64 network spec)");
  h.spec = {1, 16, 1, 3};
  CHECK(refusal(h) == prefix + "the network spec has 4 entries, not 5)");
  h.spec = {2, 16, 1, 3, 2};
  CHECK(refusal(h) == prefix + "unsupported format version 2, this build reads 1)");
  h.spec = {1, 0, 1, 3, 2};
  CHECK(refusal(h) == prefix + "network.channels must be in [1, 2147483647], got 0)");
  h.spec = {1, 16, 1, -1, 2};
  CHECK(refusal(h) == prefix + "network.coarse_blocks must be in [0, 2147483647], got -1)");
  // 2^32 + 16 channels would be 16 after a cast to int: refused, not read as a from64 network.
  h.spec = {1, (std::int64_t{1} << 32) + 16, 1, 3, 2};
  CHECK(refusal(h) == prefix + "network.channels must be in [1, 2147483647], got 4294967312)");
  h.spec = {1, 16, 1, 3, std::numeric_limits<std::int64_t>::min()};
  CHECK(refusal(h).find("network.fine_post_blocks must be in [0, 2147483647], got -9223372036854775808") !=
        std::string::npos);

  h = from64_header();
  h.metadata = "trained on 16^3\n";
  CHECK(refusal(h) == prefix + "the metadata is not a JSON object)");
  h.metadata = "[16]";
  CHECK(refusal(h) == prefix + "the metadata is not a JSON object)");
}

TEST_CASE("model header: a spec that declares more weights than the file holds is refused",
          "[dcdm][model_header]") {
  ModelHeader h = from64_header();
  h.file_bytes = 4 * 97457;  // exactly the weights: accepted (a real file also holds the archive around them)
  CHECK(check_model_header(h, "m.pt") == NetworkSpec::from64());
  h.file_bytes = 4 * 97457 - 1;
  CHECK(refusal(h) ==
        "m.pt: not a DCDM model file (the spec declares 97457 float32 weights, more than the file's 389827 "
        "bytes hold)");
  // The widest int spec: its weight count overflows int64, and must neither wrap nor be allocated.
  const std::int64_t most = std::numeric_limits<int>::max();
  h.spec = {1, most, most, most, most};
  h.file_bytes = std::numeric_limits<std::uintmax_t>::max();
  CHECK(refusal(h).find("float32 weights, more than the file's") != std::string::npos);
  h.spec = {1, 100000, 1, 3, 2};  // 3.8e12 weights: the loader would allocate 15 TB
  h.file_bytes = 399709;
  CHECK(refusal(h).find("the spec declares 3780004300001 float32 weights") != std::string::npos);
}
