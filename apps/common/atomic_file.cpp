#include "common/atomic_file.hpp"

#include <unistd.h>

#include "adasolve/core/error.hpp"
#include "adasolve/io/file_access.hpp"

namespace adasolve::app {

void write_file_atomically(const std::filesystem::path& file, const std::string& content) {
  io::write_file_atomically(file, content);
}

void require_writable_location(const std::filesystem::path& file) {
  const std::filesystem::path folder =
      file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(folder)) {
    throw InputError(file.string() + ": cannot write (folder " + folder.string() + " does not exist)");
  }
  if (::access(folder.c_str(), W_OK) != 0) {
    throw InputError(file.string() + ": cannot write (folder " + folder.string() + " is not writable)");
  }
  io::require_replaceable(file);
}

std::string read_file(const std::filesystem::path& file, std::uint64_t max_bytes) {
  return io::read_regular_file(file, max_bytes);
}

}  // namespace adasolve::app
