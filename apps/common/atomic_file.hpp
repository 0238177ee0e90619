#pragma once
// Writing a file so that readers never see it half-written: write FILE.tmp.<pid>, flush, rename onto FILE
// (rename is atomic within one file system). A crash leaves either the old file or the new one.
#include <cstdint>
#include <filesystem>
#include <string>

namespace adasolve::app {

/// Replaces `file` by `content` atomically (io::write_file_atomically). Throws InputError naming the file
/// when it cannot be written or is not a regular file.
void write_file_atomically(const std::filesystem::path& file, const std::string& content);

/// Checks before a long run that `file` can be created where it is named (its folder exists and is
/// writable, and the path is not a device, FIFO or directory), so that a typo fails at once instead of
/// after the work: InputError "FILE: cannot write (...)" or "FILE: refusing to replace ...".
void require_writable_location(const std::filesystem::path& file);

/// The whole content of a regular file of at most max_bytes; InputError naming the file when it cannot be
/// read, is not a regular file (a device or FIFO could be endless) or is larger.
std::string read_file(const std::filesystem::path& file, std::uint64_t max_bytes = std::uint64_t{1} << 30);

}  // namespace adasolve::app
