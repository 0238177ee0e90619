#include "adasolve/dcdm/model_header.hpp"

#include <array>
#include <iomanip>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "adasolve/core/error.hpp"

namespace adasolve::dcdm {

namespace {

struct SpecField {
  const char* name;
  int minimum;
};

// The spec record after its format version, in file order.
constexpr std::array<SpecField, 4> kSpecFields{
    {{"channels", 1}, {"fine_pre_blocks", 0}, {"coarse_blocks", 0}, {"fine_post_blocks", 0}}};

/// float32 weights the declared network has: (27 + 1) C + hidden (27 C^2 + C) + (C + 1), hidden = 2 + 2
/// blocks. In double: the fields may be anywhere in int's range, where the count overflows int64.
double declared_parameters(const std::array<std::int64_t, 4>& v) {
  const double c = static_cast<double>(v[0]);
  const double hidden =
      2.0 + 2.0 * (static_cast<double>(v[1]) + static_cast<double>(v[2]) + static_cast<double>(v[3]));
  return 28.0 * c + hidden * (27.0 * c * c + c) + (c + 1.0);
}

}  // namespace

NetworkSpec check_model_header(const ModelHeader& header, const std::string& file) {
  auto refuse = [&](const std::string& why) {
    std::ostringstream message;  // (not string concatenation: GCC 12 warns -Wrestrict on it)
    message << file << ": not a DCDM model file (" << why << ")";
    return InputError(message.str());
  };
  if (!header.magic || *header.magic != kModelMagic) {
    throw refuse(std::string("no ") + kModelMagic + " marker");
  }
  if (!header.spec) {
    throw refuse("no int64 network spec");
  }
  const std::vector<std::int64_t>& spec = *header.spec;
  if (spec.size() != 1 + kSpecFields.size()) {
    throw refuse("the network spec has " + std::to_string(spec.size()) + " entries, not 5");
  }
  if (spec[0] != kModelFormatVersion) {
    throw refuse("unsupported format version " + std::to_string(spec[0]) + ", this build reads " +
                 std::to_string(kModelFormatVersion));
  }
  std::array<std::int64_t, 4> fields{};
  for (std::size_t i = 0; i < kSpecFields.size(); ++i) {
    const std::int64_t value = spec[i + 1];
    const auto& [name, minimum] = kSpecFields[i];
    if (value < minimum || value > std::numeric_limits<int>::max()) {
      throw refuse(std::string("network.") + name + " must be in [" + std::to_string(minimum) + ", " +
                   std::to_string(std::numeric_limits<int>::max()) + "], got " + std::to_string(value));
    }
    fields[i] = value;
  }
  // Weights are stored uncompressed as float32: a file too small for them is cut short or lies about its
  // network, and believing it would allocate the declared tensors (terabytes for a wide enough spec).
  const double parameters = declared_parameters(fields);
  if (4.0 * parameters > static_cast<double>(header.file_bytes)) {
    std::ostringstream why;
    why << std::fixed << std::setprecision(0) << "the spec declares " << parameters
        << " float32 weights, more than the file's " << header.file_bytes << " bytes hold";
    throw refuse(why.str());
  }
  if (header.metadata && !header.metadata->empty()) {
    const auto metadata = nlohmann::json::parse(*header.metadata, nullptr, /*allow_exceptions=*/false);
    if (!metadata.is_object()) {
      throw refuse("the metadata is not a JSON object");
    }
  }
  NetworkSpec network;
  network.channels = static_cast<int>(fields[0]);
  network.fine_pre_blocks = static_cast<int>(fields[1]);
  network.coarse_blocks = static_cast<int>(fields[2]);
  network.fine_post_blocks = static_cast<int>(fields[3]);
  return network;
}

}  // namespace adasolve::dcdm
