#include "common/data_dir.hpp"

#include <cstdlib>
#include <system_error>

namespace adasolve::app {

std::filesystem::path data_dir() {
  if (const char* dir = std::getenv("ADASOLVE_DATA_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  std::error_code error;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) {
    return std::filesystem::path("share") / "adasolve";  // no /proc: relative to the working folder
  }
  return exe.parent_path().parent_path() / "share" / "adasolve";
}

std::filesystem::path shared_test_data_dir() {
  if (const char* dir = std::getenv("ADASOLVE_SHARED_DATA"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return data_dir() / "shared";
}

}  // namespace adasolve::app
