#pragma once
// The checks a DCDM model file must pass before any weight is read (Network::load calls them first). They
// need no libtorch: the loader hands over the archive's descriptive records, and the checks decide whether
// the file is a model this build can load and how large its network is. Torch-free, so that the checks
// themselves are fuzzed (tests/fuzz/fuzz_model_header.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adasolve/dcdm/network_spec.hpp"

namespace adasolve::dcdm {

/// The "magic" record of every model file Network::save writes.
inline constexpr const char* kModelMagic = "adasolve-dcdm-network";
/// The first entry of the "spec" record: the version of the file layout this build reads and writes.
inline constexpr std::int64_t kModelFormatVersion = 1;

/// A model file's descriptive records, as the loader finds them in the archive.
struct ModelHeader {
  std::optional<std::string> magic;               ///< "magic", when present and a string
  std::optional<std::vector<std::int64_t>> spec;  ///< "spec", when present and an int64 tensor (flattened):
                                                  ///< format version, channels, pre, coarse, post blocks
  std::optional<std::string> metadata;            ///< "metadata", when present and a string
  std::uintmax_t file_bytes = 0;                  ///< size of the file: it must hold the declared weights
  bool operator==(const ModelHeader&) const = default;
};

/// The network the header declares. Refuses, with InputError "FILE: not a DCDM model file (WHY)" (one line):
/// a missing or wrong marker; a spec that is missing, not 5 entries, or of another format version; a field
/// below its minimum or beyond int; more float32 weights than the file has bytes for (so that a hostile
/// header cannot make the loader allocate gigabytes); metadata that is neither empty nor a JSON object.
NetworkSpec check_model_header(const ModelHeader& header, const std::string& file);

}  // namespace adasolve::dcdm
