#pragma once
// Line-by-line access to a text file or an in-memory text, with 1-based line numbers for error messages.
//
// A file is read in large chunks (4 MiB) into one reusable buffer, so memory stays bounded by the longest
// line plus one chunk, whatever the file size, and no allocation happens per line. Lines are handed out as
// string_views into that buffer (valid until the next call) without the '\n' and without a trailing '\r'
// (CRLF files read like LF files).
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adasolve::io::detail {

class LineReader {
 public:
  /// Opens a file; throws InputError "FILE: cannot open: reason" (no line) when it cannot be read.
  explicit LineReader(const std::filesystem::path& file);
  /// Reads from a text held by the caller (it must outlive the reader); `name` is used in messages.
  LineReader(std::string_view text, std::string name);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// Next line, or false at the end of the input.
  bool next(std::string_view& line);
  /// 1-based number of the line last returned by next() (0 before the first).
  std::size_t line_number() const { return line_number_; }
  /// The name used in messages (the path as given, or the name passed with a text).
  const std::string& name() const { return name_; }
  /// Bytes not yet handed out, when the input size is known (regular files and texts).
  std::optional<std::uint64_t> bytes_remaining() const;

 private:
  bool refill();

  std::string name_;
  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  const char* begin_ = nullptr;  // unread part of the current chunk: [begin_, end_)
  const char* end_ = nullptr;
  bool at_eof_ = false;
  std::size_t line_number_ = 0;
  std::optional<std::uint64_t> total_size_;
  std::uint64_t consumed_ = 0;  // bytes handed out so far (lines and their terminators)
};

}  // namespace adasolve::io::detail
