#pragma once
// Builds PETSc binary files byte by byte (big-endian), independently of adasolve's writer, so that the
// reader is tested against the format itself.
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

namespace adasolve::test {

class PetscBytes {
 public:
  PetscBytes& int32(std::int32_t v) {
    const auto u = static_cast<std::uint32_t>(v);
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes_.push_back(static_cast<char>((u >> shift) & 0xFF));
    }
    return *this;
  }
  PetscBytes& real(double v) {
    const auto u = std::bit_cast<std::uint64_t>(v);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes_.push_back(static_cast<char>((u >> shift) & 0xFF));
    }
    return *this;
  }
  /// A whole AIJ matrix object: header, row lengths, columns, values.
  PetscBytes& matrix(std::int32_t rows, std::int32_t cols, const std::vector<std::int32_t>& row_lengths,
                     const std::vector<std::int32_t>& columns, const std::vector<double>& values) {
    int32(1211216).int32(rows).int32(cols).int32(static_cast<std::int32_t>(columns.size()));
    for (auto n : row_lengths)
      int32(n);
    for (auto j : columns)
      int32(j);
    for (auto v : values)
      real(v);
    return *this;
  }
  /// A whole vector object.
  PetscBytes& vector(const std::vector<double>& values) {
    int32(1211214).int32(static_cast<std::int32_t>(values.size()));
    for (auto v : values)
      real(v);
    return *this;
  }
  /// Drops the last n bytes (a truncated file).
  PetscBytes& cut(std::size_t n) {
    bytes_.resize(bytes_.size() - n);
    return *this;
  }
  const std::string& str() const { return bytes_; }

 private:
  std::string bytes_;
};

}  // namespace adasolve::test
