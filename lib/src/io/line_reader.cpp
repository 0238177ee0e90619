#include "io/line_reader.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>

#include "adasolve/core/error.hpp"
#include "adasolve/io/file_access.hpp"

namespace adasolve::io::detail {

namespace {

constexpr std::size_t kChunk = std::size_t{4} << 20;
// No text format read here has lines anywhere near this long (a manifest line with 10^5 fields is ~2 MiB);
// without a bound, a stream without newlines (/dev/zero through a FIFO) would be buffered until memory ran
// out.
constexpr std::size_t kMaxLine = std::size_t{64} << 20;

}  // namespace

LineReader::LineReader(const std::filesystem::path& file) : name_(file.string()) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    throw InputError::at(name_, 0, "cannot open: is a directory");
  }
  // Devices (/dev/zero, /dev/urandom, a tape) are endless or not files at all; FIFOs stay allowed so that
  // a decompressed stream can be read, with every line bounded by kMaxLine.
  const auto type = std::filesystem::status(file, ec).type();
  if (type == std::filesystem::file_type::character || type == std::filesystem::file_type::block ||
      type == std::filesystem::file_type::socket) {
    throw InputError::at(name_, 0, "not a regular file (it is " + describe_file_type(file) + ")");
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
    : name_(std::move(name)),
      begin_(text.data()),
      end_(text.data() + text.size()),
      at_eof_(true),
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
  if (tail > kMaxLine) {
    throw InputError::at(name_, line_number_ + 1,
                         "line longer than " + std::to_string(kMaxLine >> 20) + " MiB (not a text file?)");
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
    const auto* newline =
        static_cast<const char*>(std::memchr(begin_, '\n', static_cast<std::size_t>(end_ - begin_)));
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
