// libFuzzer target: the sequence-manifest reader on arbitrary bytes (files are not looked up, so paths
// are only parsed). A finding is a crash, a sanitizer report, an exception other than InputError, an
// InputError whose message is not one line "fuzz:...", or a result that breaks the reader's promises.
#include <cstdint>
#include <string>
#include <string_view>

#include "adasolve/core/error.hpp"
#include "adasolve/io/sequence_manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto sequence = adasolve::io::read_sequence_manifest_text(text, "fuzz", "/fuzz-base", false);
    if (sequence.instances.empty()) {
      __builtin_trap();
    }
    for (const auto& instance : sequence.instances) {
      if (instance.context.size() != sequence.context_names.size() || instance.line == 0 ||
          instance.rhs.empty() != sequence.instances.front().rhs.empty()) {
        __builtin_trap();
      }
    }
  } catch (const adasolve::InputError& e) {
    const std::string message = e.what();
    if (message.rfind("fuzz:", 0) != 0 || message.find('\n') != std::string::npos) {
      __builtin_trap();
    }
  }
  return 0;
}
