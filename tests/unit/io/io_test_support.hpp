#pragma once
// Helpers for the io tests: scratch files and the message of the InputError a read throws.
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <unistd.h>

#include "adasolve/core/error.hpp"

namespace adasolve::test {

/// A fresh scratch folder per test binary run, removed at exit.
inline const std::filesystem::path& scratch_dir() {
  static const struct Scratch {
    std::filesystem::path path;
    Scratch() : path(std::filesystem::temp_directory_path() / ("adasolve_io_test_" + std::to_string(::getpid()))) {
      std::filesystem::create_directories(path);
    }
    ~Scratch() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  } scratch;
  return scratch.path;
}

/// Writes `content` to scratch_dir()/name (byte for byte) and returns its path.
inline std::filesystem::path write_file(const std::string& name, const std::string& content) {
  const auto path = scratch_dir() / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

/// The message of the InputError that `read` throws, or "" when it does not throw.
inline std::string input_error(const std::function<void()>& read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

/// True when `message` is one line "FILE:LINE: ..." with that file and a line >= 1.
inline bool names_file_and_line(const std::string& message, const std::string& file) {
  if (message.rfind(file + ":", 0) != 0 || message.find('\n') != std::string::npos) {
    return false;
  }
  // then LINE (digits, not starting with 0), ": " and a non-empty text
  const std::string rest = message.substr(file.size() + 1);
  const auto digits = rest.find_first_not_of("0123456789");
  return digits != std::string::npos && digits > 0 && rest[0] != '0' && rest.compare(digits, 2, ": ") == 0 &&
         rest.size() > digits + 2;
}

/// The line number of a "FILE:LINE: ..." message (0 when absent).
inline std::size_t line_of(const std::string& message, const std::string& file) {
  if (!names_file_and_line(message, file)) {
    return 0;
  }
  return std::stoul(message.substr(file.size() + 1));
}

}  // namespace adasolve::test
