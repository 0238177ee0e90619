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
