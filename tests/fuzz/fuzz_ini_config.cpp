// libFuzzer target: an INI file given to --config, read as adasolve-seq reads it (Boost.Program_options'
// parser on seq_options(), then read_seq_config's validation). A finding is a crash, a sanitizer report,
// an exception other than the documented input errors (Boost.PO's, InputError, UsageError), or a message
// that is not one line.
#include <cstdint>
#include <sstream>
#include <string>

#include "adasolve/core/error.hpp"
#include "common/options.hpp"
#include "seq/seq_config.hpp"

namespace {

void check_one_line(const std::string& message) {
  if (message.empty() || message.find('\n') != std::string::npos) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace po = adasolve::app::po;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    po::variables_map values;
    po::store(po::parse_config_file(in, adasolve::app::seq_options(), false), values);
    po::notify(values);
    (void)adasolve::app::read_seq_config(values);
  } catch (const po::error& e) {
    check_one_line(adasolve::app::option_error_message(e));  // as the apps print it
  } catch (const adasolve::InputError& e) {
    check_one_line(e.what());
  } catch (const adasolve::UsageError& e) {
    check_one_line(e.what());
  }
  return 0;
}
