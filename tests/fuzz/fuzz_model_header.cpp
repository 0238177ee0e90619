// libFuzzer target: the checks of a DCDM model file's header (lib/src/dcdm/model_header.cpp), which
// Network::load runs on the archive's records before it allocates or reads a weight. The archive itself is
// libtorch's (not built here, and not ours to fuzz); the input is the header as text (model_header_text.hpp).
// A finding is a crash, a sanitizer report, an exception other than InputError, a message that is not one
// line "fuzz: not a DCDM model file (...)", or an accepted header that breaks the documented checks.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adasolve/core/error.hpp"
#include "model_header_text.hpp"

namespace {

bool is_one_line_refusal(const std::string& message) {
  return message.rfind("fuzz: not a DCDM model file (", 0) == 0 && message.back() == ')' &&
         message.find_first_of("\r\n") == std::string::npos;
}

/// float32 weights of the network (spec section 2.1), in double so that no field overflows it.
double weights(const adasolve::dcdm::NetworkSpec& s) {
  const double c = s.channels;
  const double hidden =
      2.0 + 2.0 * ((static_cast<double>(s.fine_pre_blocks) + s.coarse_blocks + s.fine_post_blocks));
  return 28.0 * c + hidden * (27.0 * c * c + c) + c + 1.0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto header =
      adasolve::fuzz::model_header_from_text(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!header) {
    return 0;
  }
  try {
    const auto spec = adasolve::dcdm::check_model_header(*header, "fuzz");
    const auto& v = *header->spec;
    if (*header->magic != adasolve::dcdm::kModelMagic || v.size() != 5 ||
        v[0] != adasolve::dcdm::kModelFormatVersion || spec.channels != v[1] ||
        spec.fine_pre_blocks != v[2] || spec.coarse_blocks != v[3] || spec.fine_post_blocks != v[4] ||
        spec.channels < 1 || spec.fine_pre_blocks < 0 || spec.coarse_blocks < 0 ||
        spec.fine_post_blocks < 0 || 4.0 * weights(spec) > static_cast<double>(header->file_bytes)) {
      __builtin_trap();
    }
    if (header->metadata && !header->metadata->empty() &&
        !nlohmann::json::parse(*header->metadata, nullptr, false).is_object()) {
      __builtin_trap();
    }
  } catch (const adasolve::InputError& e) {
    if (!is_one_line_refusal(e.what())) {
      __builtin_trap();
    }
  }
  return 0;
}
