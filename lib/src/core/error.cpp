#include "adasolve/core/error.hpp"

namespace adasolve {

InputError InputError::at(const std::string& file, std::size_t line, const std::string& message) {
  if (line == 0) {
    return InputError(file + ": " + message);
  }
  return InputError(file + ":" + std::to_string(line) + ": " + message);
}

}  // namespace adasolve
