#include "adasolve/core/version.hpp"

#include "adasolve/config.hpp"

namespace adasolve {

std::string_view version() { return ADASOLVE_VERSION; }

}  // namespace adasolve
