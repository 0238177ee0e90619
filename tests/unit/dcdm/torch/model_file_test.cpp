// The DCDM model loader against hostile files: archives written here with libtorch directly, each holding
// a from64 network's weights under a malformed header. Network::load must refuse each with exactly the
// refusal that check_model_header gives for the records it reads, so that a loader that stopped running the
// check (or ran it after allocating the declared network) fails here. The shipped models' headers pass the
// check and, with the malformed ones, seed the fuzz target (tests/fuzz/fuzz_model_header.cpp).
#include <torch/serialize/archive.h>
#include <torch/types.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "adasolve/core/error.hpp"
#include "adasolve/dcdm/model_header.hpp"
#include "adasolve/dcdm/network.hpp"
#include "model_header_text.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::dcdm;

namespace {

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("adasolve-model-test-" + std::to_string(::getpid()) + "-" + name);
}

/// The records a model file's header is made of, as an archive may hold them (of any type).
struct Records {
  std::optional<c10::IValue> magic;
  std::optional<torch::Tensor> spec;
  std::optional<std::string> metadata;
};

torch::Tensor int64_spec(std::vector<std::int64_t> values) { return torch::tensor(values, torch::kInt64); }

Records from64_records() {
  return {c10::IValue(std::string(kModelMagic)), int64_spec({kModelFormatVersion, 16, 1, 3, 2}),
          std::string(R"({"trained_grid": 16})")};
}

/// Writes `records`, then every weight tensor of `weights_of` (a file written by Network::save).
void write_model(const std::filesystem::path& file, const Records& records,
                 const std::filesystem::path& weights_of) {
  torch::serialize::InputArchive weights;
  weights.load_from(weights_of.string());
  torch::serialize::OutputArchive out;
  if (records.magic) {
    out.write("magic", *records.magic);
  }
  if (records.spec) {
    out.write("spec", *records.spec);
  }
  if (records.metadata) {
    out.write("metadata", c10::IValue(*records.metadata));
  }
  for (const auto& key : weights.keys()) {
    c10::IValue value;
    if (key != "magic" && key != "spec" && key != "metadata" && weights.try_read(key, value) &&
        value.isTensor()) {
      out.write(key, value.toTensor());
    }
  }
  out.save_to(file.string());
}

/// Headers a hostile or careless writer could produce. Before the header check, the loader accepted the
/// float spec, the 2^32 + 16 channels (read as 16) and both metadata cases, and tried to allocate 2^20
/// channels (4.2e14 weights, 1.7 PB).
std::vector<std::pair<std::string, Records>> malformed_records() {
  std::vector<std::pair<std::string, Records>> cases;
  auto with = [&](const std::string& name, auto change) {
    Records r = from64_records();
    change(r);
    cases.emplace_back(name, r);
  };
  with("wrong-marker", [](Records& r) { r.magic = c10::IValue(std::string("adasolve-dcdm-netwerk")); });
  with("no-marker", [](Records& r) { r.magic.reset(); });
  with("marker-not-a-string", [](Records& r) { r.magic = c10::IValue(std::int64_t{1}); });
  with("no-spec", [](Records& r) { r.spec.reset(); });
  with("float-spec", [](Records& r) { r.spec = torch::tensor({1.0, 16.0, 1.0, 3.0, 2.0}, torch::kFloat64); });
  with("six-entries", [](Records& r) { r.spec = int64_spec({1, 16, 1, 3, 2, 0}); });
  with("version-2", [](Records& r) { r.spec = int64_spec({2, 16, 1, 3, 2}); });
  with("no-channels", [](Records& r) { r.spec = int64_spec({1, 0, 1, 3, 2}); });
  with("negative-blocks", [](Records& r) { r.spec = int64_spec({1, 16, -1, 3, 2}); });
  with("channels-2p32-16", [](Records& r) {
    r.spec = int64_spec({1, (std::int64_t{1} << 32) + 16, 1, 3, 2});
  });
  with("channels-2p20", [](Records& r) { r.spec = int64_spec({1, std::int64_t{1} << 20, 1, 3, 2}); });
  with("metadata-text", [](Records& r) { r.metadata = "trained on 16^3\nby hand"; });
  with("metadata-array", [](Records& r) { r.metadata = "[16]"; });
  return cases;
}

std::string refusal(const ModelHeader& header, const std::string& file) {
  try {
    check_model_header(header, file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("model file: the loader refuses every header the header check refuses, with its message",
          "[dcdm][network][model_header]") {
  const auto weights = temp_file("weights.pt");
  Network(NetworkSpec::from64(), 1).save(weights);
  const auto good = temp_file("good.pt");
  write_model(good, from64_records(), weights);  // the writer here makes loadable files
  const Network loaded = Network::load(good);
  CHECK(loaded.spec() == NetworkSpec::from64());
  CHECK(loaded.metadata() == R"({"trained_grid": 16})");
  std::filesystem::remove(good);
  for (const auto& [name, records] : malformed_records()) {
    INFO(name);
    const auto file = temp_file(name + ".pt");
    write_model(file, records, weights);
    const std::string expected = refusal(Network::read_header(file), file.string());
    CHECK(expected.rfind(file.string() + ": not a DCDM model file (", 0) == 0);
    CHECK_THROWS_WITH(Network::load(file), expected);
    std::filesystem::remove(file);
  }
  std::filesystem::remove(weights);
}

TEST_CASE("model file: a libtorch error is reported on one line naming the file",
          "[dcdm][network][model_header]") {
  const auto weights = temp_file("weights-cut.pt");
  Network(NetworkSpec::from64(), 1).save(weights);
  const auto cut = temp_file("cut.pt");
  std::filesystem::copy_file(weights, cut);
  std::filesystem::resize_file(cut, std::filesystem::file_size(weights) / 2);
  for (const auto& file : {cut, weights.parent_path()}) {
    try {
      Network::load(file);
      FAIL("loaded " << file);
    } catch (const InputError& e) {
      const std::string message = e.what();
      CHECK(message.rfind(file.string() + ": ", 0) == 0);
      CHECK(message.find_first_of("\r\n") == std::string::npos);
    }
  }
  std::filesystem::remove(cut);
  std::filesystem::remove(weights);
}

TEST_CASE("model header: a fuzz seed corpus from the shipped models and the malformed headers",
          "[dcdm][network][model_header]") {
  // Written where the libFuzzer target's run reads its seeds (.ci/fuzz_smoke, docs/results/fuzzing.md).
  const auto corpus = test::binary_dir() / "fuzz-corpus" / "model_header";
  std::filesystem::create_directories(corpus);
  int shipped = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "data" / "models")) {
    if (entry.path().extension() != ".pt") {
      continue;
    }
    INFO(entry.path());
    const ModelHeader header = Network::read_header(entry.path());
    CHECK(check_model_header(header, entry.path().string()) == Network::load(entry.path()).spec());
    const std::string text = fuzz::model_header_to_text(header);
    CHECK(fuzz::model_header_from_text(text) == header);
    std::ofstream(corpus / ("shipped-" + entry.path().stem().string()), std::ios::binary) << text;
    ++shipped;
  }
  CHECK(shipped >= 2);
  const auto weights = temp_file("weights-seed.pt");
  Network(NetworkSpec::from64(), 1).save(weights);
  for (const auto& [name, records] : malformed_records()) {
    const auto file = temp_file(name + "-seed.pt");
    write_model(file, records, weights);
    const ModelHeader header = Network::read_header(file);
    CHECK_FALSE(refusal(header, "fuzz").empty());
    std::ofstream(corpus / ("malformed-" + name), std::ios::binary) << fuzz::model_header_to_text(header);
    std::filesystem::remove(file);
  }
  std::filesystem::remove(weights);
}
