// Matrix Market writers. Values are printed with std::to_chars' shortest representation, which reads
// back to the very same double (round trip bit-exact, -0.0, subnormals, inf and nan included).
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_market.hpp"

namespace adasolve::io {

namespace {

/// Buffered output file; every failure becomes an InputError naming the file.
class OutputFile {
 public:
  explicit OutputFile(const std::filesystem::path& path) : name_(path.string()) {
    file_ = std::fopen(name_.c_str(), "wb");
    if (file_ == nullptr) {
      throw InputError::at(name_, 0, std::string("cannot open for writing: ") + std::strerror(errno));
    }
    buffer_.reserve(kFlushAt + 256);
  }
  ~OutputFile() {
    if (file_ != nullptr) {
      std::fclose(file_);
    }
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void text(std::string_view s) {
    buffer_.append(s);
    maybe_flush();
  }
  void comment(const std::string& comment) {
    std::size_t start = 0;
    while (start <= comment.size() && !comment.empty()) {
      const std::size_t stop = std::min(comment.find('\n', start), comment.size());
      text("% ");
      text(std::string_view(comment).substr(start, stop - start));
      text("\n");
      start = stop + 1;
    }
  }
  template <class T>
  void number(T value) {
    char digits[64];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    buffer_.append(digits, result.ptr);
  }
  void separator(char c) {
    buffer_.push_back(c);
    if (c == '\n') {
      maybe_flush();
    }
  }
  void close() {
    flush();
    const bool failed = std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed) {
      throw InputError::at(name_, 0, std::string("write failed: ") + std::strerror(errno));
    }
  }

 private:
  static constexpr std::size_t kFlushAt = std::size_t{1} << 20;
  void maybe_flush() {
    if (buffer_.size() >= kFlushAt) {
      flush();
    }
  }
  void flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      throw InputError::at(name_, 0, std::string("write failed: ") + std::strerror(errno));
    }
    buffer_.clear();
  }

  std::string name_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
};

}  // namespace

void write_matrix_market(const std::filesystem::path& file, const CsrMatrix& a, bool symmetric,
                         const std::string& comment) {
  if (symmetric && !a.is_numerically_symmetric(0.0)) {
    throw UsageError("write_matrix_market: symmetric storage asked for " + file.string() +
                     ", but the matrix is not exactly symmetric");
  }
  const auto offsets = a.row_offsets();
  const auto cols = a.column_indices();
  const auto values = a.values();
  std::int64_t stored = 0;
  for (Index i = 0; i < a.rows(); ++i) {
    for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
      stored += (!symmetric || cols[k] <= i) ? 1 : 0;
    }
  }
  OutputFile out(file);
  out.text(symmetric ? "%%MatrixMarket matrix coordinate real symmetric\n"
                     : "%%MatrixMarket matrix coordinate real general\n");
  out.comment(comment);
  out.number(a.rows());
  out.separator(' ');
  out.number(a.cols());
  out.separator(' ');
  out.number(stored);
  out.separator('\n');
  for (Index i = 0; i < a.rows(); ++i) {
    for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (symmetric && cols[k] > i) {
        continue;  // symmetric storage: lower triangle only
      }
      out.number(i + 1);
      out.separator(' ');
      out.number(cols[k] + 1);
      out.separator(' ');
      out.number(values[k]);
      out.separator('\n');
    }
  }
  out.close();
}

void write_matrix_market_vector(const std::filesystem::path& file, std::span<const double> x,
                                const std::string& comment) {
  OutputFile out(file);
  out.text("%%MatrixMarket matrix array real general\n");
  out.comment(comment);
  out.number(x.size());
  out.text(" 1\n");
  for (double v : x) {
    out.number(v);
    out.separator('\n');
  }
  out.close();
}

}  // namespace adasolve::io
