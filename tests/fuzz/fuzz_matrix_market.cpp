// libFuzzer target: the Matrix Market reader on arbitrary bytes. A finding is a crash, a sanitizer report,
// an exception other than InputError, or an InputError whose message is not one line "fuzz:LINE: ...".
#include <cstdint>
#include <string>
#include <string_view>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_market.hpp"

namespace {

void check_message(const adasolve::InputError& e) {
  const std::string message = e.what();
  if (message.rfind("fuzz:", 0) != 0 || message.find('\n') != std::string::npos) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  adasolve::io::MatrixMarketHeader header;
  try {
    header = adasolve::io::read_matrix_market_header_text(text, "fuzz");
  } catch (const adasolve::InputError& e) {
    check_message(e);
    return 0;
  }
  // A valid header may announce up to 2^31 - 1 rows; the CSR row offsets for them are a legitimate
  // allocation, not a bug, so only inputs of moderate dimensions go on to the full parse.
  if (header.rows + header.cols > (1 << 20)) {
    return 0;
  }
  try {
    const auto a = adasolve::io::read_matrix_market_text(text, "fuzz");
    if (a.rows() != header.rows || a.cols() != header.cols) {
      __builtin_trap();
    }
  } catch (const adasolve::InputError& e) {
    check_message(e);
  }
  try {
    const auto x = adasolve::io::read_matrix_market_vector_text(text, "fuzz");
    if (static_cast<std::int64_t>(x.size()) != header.rows) {
      __builtin_trap();
    }
  } catch (const adasolve::InputError& e) {
    check_message(e);
  }
  return 0;
}
