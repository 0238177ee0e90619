// PETSc binary writer: MatView / VecView's layout, big-endian, values copied bit for bit.
#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <vector>

#include "adasolve/core/error.hpp"
#include "adasolve/io/petsc_binary.hpp"
#include "io/big_endian.hpp"

namespace adasolve::io {

namespace {

using detail::store_big_endian_int32;
using detail::swap_if_little;

constexpr std::size_t kChunk = std::size_t{1} << 18;

/// Hands `x` to `put` as big-endian doubles, a chunk at a time.
template <class Put>
void put_doubles(std::span<const double> x, Put&& put) {
  std::vector<std::uint64_t> words(std::min(kChunk, x.size()));
  for (std::size_t done = 0; done < x.size();) {
    const std::size_t n = std::min(kChunk, x.size() - done);
    for (std::size_t i = 0; i < n; ++i) {
      words[i] = swap_if_little(std::bit_cast<std::uint64_t>(x[done + i]));
    }
    put(words.data(), 8 * n);
    done += n;
  }
}

}  // namespace

PetscBinaryWriter::PetscBinaryWriter(const std::filesystem::path& file) : name_(file.string()) {
  file_ = std::fopen(name_.c_str(), "wb");
  if (file_ == nullptr) {
    throw InputError::at(name_, 0, std::string("cannot open for writing: ") + std::strerror(errno));
  }
}

PetscBinaryWriter::~PetscBinaryWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

void PetscBinaryWriter::put(const void* data, std::size_t bytes) {
  if (file_ == nullptr) {
    throw UsageError(name_ + ": written after close()");
  }
  if (std::fwrite(data, 1, bytes, file_) != bytes) {
    throw InputError::at(name_, 0, std::string("write failed: ") + std::strerror(errno));
  }
}

void PetscBinaryWriter::write(const CsrMatrix& a) {
  std::array<unsigned char, 16> header{};
  store_big_endian_int32(kPetscMatrixClassId, header.data());
  store_big_endian_int32(a.rows(), header.data() + 4);
  store_big_endian_int32(a.cols(), header.data() + 8);
  store_big_endian_int32(a.nnz(), header.data() + 12);
  put(header.data(), header.size());

  // Row lengths, then column indices, then values, each converted in chunks.
  const auto offsets = a.row_offsets();
  std::vector<std::uint32_t> ints(kChunk);
  auto put_ints = [&](std::size_t count, auto&& value_at) {
    for (std::size_t done = 0; done < count;) {
      const std::size_t n = std::min(kChunk, count - done);
      for (std::size_t i = 0; i < n; ++i) {
        ints[i] = swap_if_little(static_cast<std::uint32_t>(value_at(done + i)));
      }
      put(ints.data(), 4 * n);
      done += n;
    }
  };
  put_ints(static_cast<std::size_t>(a.rows()), [&](std::size_t i) { return offsets[i + 1] - offsets[i]; });
  const auto columns = a.column_indices();
  put_ints(columns.size(), [&](std::size_t k) { return columns[k]; });
  put_doubles(a.values(), [this](const void* data, std::size_t bytes) { put(data, bytes); });
}

void PetscBinaryWriter::write(std::span<const double> x) {
  if (x.size() > static_cast<std::size_t>(kMaxIndex)) {
    throw UsageError(name_ + ": a PETSc binary vector holds at most 2^31 - 1 entries (32-bit PetscInt)");
  }
  std::array<unsigned char, 8> header{};
  store_big_endian_int32(kPetscVectorClassId, header.data());
  store_big_endian_int32(static_cast<std::int32_t>(x.size()), header.data() + 4);
  put(header.data(), header.size());
  put_doubles(x, [this](const void* data, std::size_t bytes) { put(data, bytes); });
}

void PetscBinaryWriter::close() {
  if (file_ == nullptr) {
    return;
  }
  const bool flushed = std::fflush(file_) == 0;
  const int flush_errno = errno;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!flushed || !closed) {
    throw InputError::at(name_, 0,
                         std::string("write failed: ") + std::strerror(flushed ? errno : flush_errno));
  }
}

void write_petsc_binary(const std::filesystem::path& file, const CsrMatrix& a) {
  PetscBinaryWriter out(file);
  out.write(a);
  out.close();
}

void write_petsc_binary_vector(const std::filesystem::path& file, std::span<const double> x) {
  PetscBinaryWriter out(file);
  out.write(x);
  out.close();
}

}  // namespace adasolve::io
