#include "io/line_reader.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>

#include "adasolve/core/error.hpp"

namespace adasolve::io::detail {

namespace {

constexpr std::size_t kChunk = std::size_t{4} << 20;

}  // namespace

LineReader::LineReader(const std::filesystem::path& file) : name_(file.string()) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    throw InputError::at(name_, 0, "cannot open: is a directory");
  }
  file_ = std::fopen(name_.c_str(), "rb");
  if (file_ == nullptr) {
    throw InputError::at(name_, 0, std::string("cannot open: ") + std::strerror(errno));
  }
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && std::filesystem::is_regular_file(file, ec)) {
    total_size_ = size;
  }
  buffer_.resize(kChunk);
  begin_ = end_ = buffer_.data();
}

LineReader::LineReader(std::string_view text, std::string name)
    : name_(std::move(name)), begin_(text.data()), end_(text.data() + text.size()), at_eof_(true),
      total_size_(text.size()) {}

LineReader::~LineReader() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

std::optional<std::uint64_t> LineReader::bytes_remaining() const {
  if (!total_size_) {
    return std::nullopt;
  }
  return *total_size_ > consumed_ ? *total_size_ - consumed_ : 0;
}

// Moves the unread tail to the front of the buffer (growing it when one line fills it) and appends the
// next chunk. Returns false when nothing more could be read.
bool LineReader::refill() {
  if (at_eof_) {
    return false;
  }
  const std::size_t tail = static_cast<std::size_t>(end_ - begin_);
  if (tail > 0 && begin_ != buffer_.data()) {
    std::memmove(buffer_.data(), begin_, tail);
  }
  if (buffer_.size() - tail < kChunk / 2) {
    buffer_.resize(buffer_.size() * 2);  // a line longer than the buffer: grow (never per line)
  }
  const std::size_t got = std::fread(buffer_.data() + tail, 1, buffer_.size() - tail, file_);
  if (got == 0) {
    if (std::ferror(file_) != 0) {
      throw InputError::at(name_, line_number_ + 1, std::string("read error: ") + std::strerror(errno));
    }
    at_eof_ = true;
  }
  begin_ = buffer_.data();
  end_ = buffer_.data() + tail + got;
  return got > 0;
}

bool LineReader::next(std::string_view& line) {
  for (;;) {
    const auto* newline = static_cast<const char*>(std::memchr(begin_, '\n', static_cast<std::size_t>(end_ - begin_)));
    if (newline == nullptr && refill()) {
      continue;  // the line goes on in the next chunk
    }
    if (newline == nullptr && begin_ == end_) {
      return false;  // end of input, no unterminated last line
    }
    const char* stop = newline != nullptr ? newline : end_;  // a last line without '\n' still counts
    std::size_t length = static_cast<std::size_t>(stop - begin_);
    consumed_ += length + (newline != nullptr ? 1 : 0);
    if (length > 0 && begin_[length - 1] == '\r') {
      --length;
    }
    line = std::string_view(begin_, length);
    begin_ = newline != nullptr ? newline + 1 : end_;
    ++line_number_;
    return true;
  }
}

}  // namespace adasolve::io::detail
