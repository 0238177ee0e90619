// libFuzzer target: the .nl header reader that runs before the AMPL Solver Library sees a file
// (lib/src/nlp/asl/nl_header.cpp; the ASL's own segment reader runs in a child process and is not ours to
// fuzz). A finding is a crash, a sanitizer report, an exception other than InputError, a message that is
// not one line "fuzz:...", or an accepted header whose counts break its promises.
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include "adasolve/core/error.hpp"
#include "nlp/asl/nl_header.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    const auto h = adasolve::nlp::detail::parse_nl_header(in, "fuzz");
    const long most = std::numeric_limits<int>::max();
    if (h.variables < 1 || h.variables > most || h.constraints < 0 || h.constraints > most ||
        h.objectives < 0 || h.objectives > most || h.integer_variables < 0) {
      __builtin_trap();
    }
  } catch (const adasolve::InputError& e) {
    const std::string message = e.what();
    if (message.rfind("fuzz:", 0) != 0 || message.find('\n') != std::string::npos) {
      __builtin_trap();
    }
  }
  return 0;
}
