#include "common/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "adasolve/core/error.hpp"

namespace adasolve::app {

void write_file_atomically(const std::filesystem::path& file, const std::string& content) {
  const std::filesystem::path temp = file.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw InputError(file.string() + ": cannot write (" + std::strerror(errno) + ")");
    }
    out << content;
    out.flush();
    if (!out) {
      throw InputError(file.string() + ": write failed");
    }
  }
  std::error_code error;
  std::filesystem::rename(temp, file, error);
  if (error) {
    std::filesystem::remove(temp, error);
    throw InputError(file.string() + ": cannot replace (" + error.message() + ")");
  }
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
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw InputError(file.string() + ": cannot open");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace adasolve::app
