// libFuzzer target: the LIBSVM reader on arbitrary bytes. A finding is a crash, a sanitizer report, an
// exception other than InputError, an InputError whose message is not one line "fuzz:...", or a result
// that breaks the reader's promises (one label per row, indices inside the column count).
#include <cstdint>
#include <string>
#include <string_view>

#include "adasolve/core/error.hpp"
#include "adasolve/io/libsvm.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto d = adasolve::io::read_libsvm_text(text, "fuzz");
    if (d.labels.empty() || static_cast<std::size_t>(d.features.rows()) != d.labels.size() ||
        d.features.cols() < 0) {
      __builtin_trap();
    }
    for (const auto j : d.features.column_indices()) {
      if (j < 0 || j >= d.features.cols()) {
        __builtin_trap();
      }
    }
    try {
      adasolve::io::binary_labels(d);
      for (double y : d.labels) {
        if (y != -1.0 && y != 1.0) {
          __builtin_trap();
        }
      }
    } catch (const adasolve::InputError&) {
      // not two classes: documented
    }
  } catch (const adasolve::InputError& e) {
    const std::string message = e.what();
    if (message.rfind("fuzz:", 0) != 0 || message.find('\n') != std::string::npos) {
      __builtin_trap();
    }
  }
  return 0;
}
