#include "adasolve/core/omega.hpp"

#include "adasolve/core/error.hpp"

namespace adasolve {

void check_omega(const std::string& setting, double omega) {
  if (!(omega > 0.0 && omega < 2.0)) {
    throw UsageError(setting + " must be in (0, 2), got " + std::to_string(omega));
  }
}

}  // namespace adasolve
