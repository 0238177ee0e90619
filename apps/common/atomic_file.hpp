#pragma once
// Writing a file so that readers never see it half-written: write FILE.tmp.<pid>, flush, rename onto FILE
// (rename is atomic within one file system). A crash leaves either the old file or the new one.
#include <filesystem>
#include <string>

namespace adasolve::app {

/// Replaces `file` by `content` atomically. Throws InputError naming the file when it cannot be written.
void write_file_atomically(const std::filesystem::path& file, const std::string& content);

/// The whole content of a file; InputError "FILE: cannot open" when it cannot be read.
std::string read_file(const std::filesystem::path& file);

}  // namespace adasolve::app
