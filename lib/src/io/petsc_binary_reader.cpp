// PETSc binary reader: index the object headers, then read one matrix or vector at a time, converting
// big-endian integers and doubles in chunks (bounded scratch memory, cache-sized).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>

#include "adasolve/core/error.hpp"
#include "adasolve/io/petsc_binary.hpp"
#include "io/big_endian.hpp"

namespace adasolve::io {

/// The bytes of a file or of a memory buffer, read at given offsets. Callers check bounds against size().
class PetscBinaryFile::Bytes {
 public:
  virtual ~Bytes() = default;
  virtual std::uint64_t size() const = 0;
  /// Copies exactly `count` bytes starting at `offset` into `out`.
  virtual void read(std::uint64_t offset, std::size_t count, void* out) const = 0;
};

namespace {

using detail::load_big_endian_int32;
using detail::swap_if_little;

/// Entries converted per chunk: 2 MiB of 8-byte values stays in cache between the read and the swap.
constexpr std::size_t kChunk = std::size_t{1} << 18;

class FileBytes final : public PetscBinaryFile::Bytes {
 public:
  explicit FileBytes(const std::filesystem::path& file) : name_(file.string()) {
    fd_ = ::open(name_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      throw InputError::at(name_, 0, std::string("cannot open: ") + std::strerror(errno));
    }
    struct stat info {};
    if (::fstat(fd_, &info) != 0 || !S_ISREG(info.st_mode)) {
      ::close(fd_);
      throw InputError::at(name_, 0, "not a regular file (a PETSc binary file is read at byte offsets)");
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
  }
  ~FileBytes() override { ::close(fd_); }
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;

  std::uint64_t size() const override { return size_; }

  void read(std::uint64_t offset, std::size_t count, void* out) const override {
    auto* dst = static_cast<char*>(out);
    while (count > 0) {
      const ssize_t got = ::pread(fd_, dst, count, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) {
        continue;
      }
      if (got <= 0) {
        throw InputError::at(
            name_, 0,
            "byte " + std::to_string(offset) + ": " +
                (got < 0 ? std::string("read failed: ") + std::strerror(errno)
                         : std::string("the file ended early (was it changed while read?)")));
      }
      dst += got;
      offset += static_cast<std::uint64_t>(got);
      count -= static_cast<std::size_t>(got);
    }
  }

 private:
  std::string name_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

class MemoryBytes final : public PetscBinaryFile::Bytes {
 public:
  explicit MemoryBytes(std::string bytes) : bytes_(std::move(bytes)) {}
  std::uint64_t size() const override { return bytes_.size(); }
  void read(std::uint64_t offset, std::size_t count, void* out) const override {
    if (count > 0) {  // an empty read may come with a null `out` (an empty vector's data())
      std::memcpy(out, bytes_.data() + offset, count);
    }
  }

 private:
  std::string bytes_;
};

/// Reads `count` big-endian int32 starting at `offset` into out[0..count).
void read_int32s(const PetscBinaryFile::Bytes& bytes, std::uint64_t offset, std::size_t count, Index* out) {
  std::vector<std::uint32_t> raw(std::min(count, kChunk));
  for (std::size_t done = 0; done < count;) {
    const std::size_t n = std::min(kChunk, count - done);
    bytes.read(offset + 4 * done, 4 * n, raw.data());
    for (std::size_t i = 0; i < n; ++i) {
      out[done + i] = static_cast<Index>(swap_if_little(raw[i]));
    }
    done += n;
  }
}

/// Reads `count` big-endian doubles starting at `offset` into out[0..count), bit for bit.
void read_doubles(const PetscBinaryFile::Bytes& bytes, std::uint64_t offset, std::size_t count, double* out) {
  std::vector<std::uint64_t> raw(std::min(count, kChunk));
  for (std::size_t done = 0; done < count;) {
    const std::size_t n = std::min(kChunk, count - done);
    bytes.read(offset + 8 * done, 8 * n, raw.data());
    for (std::size_t i = 0; i < n; ++i) {
      out[done + i] = std::bit_cast<double>(swap_if_little(raw[i]));
    }
    done += n;
  }
}

std::string object_label(const PetscBinaryObject& object) {
  return (object.kind == PetscObjectKind::matrix ? "matrix " : "vector ") + std::to_string(object.number);
}

/// Byte offsets of the parts of a matrix object.
struct MatrixLayout {
  std::uint64_t row_lengths;
  std::uint64_t columns;
  std::uint64_t values;
};

MatrixLayout layout_of(const PetscBinaryObject& m) {
  const std::uint64_t row_lengths = m.offset + 16;
  const std::uint64_t columns = row_lengths + 4 * static_cast<std::uint64_t>(m.rows);
  return {row_lengths, columns, columns + 4 * static_cast<std::uint64_t>(m.entries)};
}

/// CSR from rows whose columns were read in stored order: handed over directly when every row is strictly
/// increasing (what PETSc writes), otherwise sorted with duplicates summed. Columns are range-checked.
CsrMatrix assemble(const std::string& where, Index rows, Index cols, Index first_row,
                   std::vector<Index> offsets, std::vector<Index> columns, std::vector<double> values) {
  bool sorted = true;
  for (Index i = 0; i < rows; ++i) {
    for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
      const Index j = columns[k];
      if (j < 0 || j >= cols) {
        throw InputError(where + ": row " + std::to_string(first_row + i) + ": column index " +
                         std::to_string(j) + " out of range [0, " + std::to_string(cols) + ")");
      }
      sorted = sorted && (k == offsets[i] || columns[k - 1] < j);
    }
  }
  if (sorted) {
    return CsrMatrix(rows, cols, std::move(offsets), std::move(columns), std::move(values));
  }
  std::vector<Index> row_index(columns.size());
  for (Index i = 0; i < rows; ++i) {
    std::fill(row_index.begin() + offsets[i], row_index.begin() + offsets[i + 1], i);
  }
  return CsrMatrix::from_coordinates(rows, cols, row_index, columns, values);
}

/// What is wrong with an object's header (the caller adds the file, the object and its offset).
struct HeaderProblem {
  std::string what;
};

/// The sizes an object announces must fit in the bytes left from its offset.
void require_bytes(const PetscBinaryObject& object, std::uint64_t object_bytes, std::uint64_t left) {
  if (object_bytes > left) {
    throw HeaderProblem{"truncated: the header announces " + std::to_string(object.rows) + " x " +
                        std::to_string(object.cols) + " with " + std::to_string(object.entries) +
                        " entries (" + std::to_string(object_bytes) + " bytes), the file holds " +
                        std::to_string(left) + " from there"};
  }
}

/// Matrix header: class id, M, N, nz. Returns the object's size in bytes.
std::uint64_t read_matrix_sizes(const unsigned char* head, std::uint64_t left, PetscBinaryObject& object) {
  if (left < 16) {
    throw HeaderProblem{"the header is cut short (truncated file)"};
  }
  object.rows = load_big_endian_int32(head + 4);
  object.cols = load_big_endian_int32(head + 8);
  object.entries = load_big_endian_int32(head + 12);
  if (object.entries == -1) {
    throw HeaderProblem{"dense storage (nz = -1) is not supported: view the matrix as AIJ"};
  }
  if (object.rows < 0 || object.cols < 0 || object.entries < 0) {
    throw HeaderProblem{"negative size in the header (" + std::to_string(object.rows) + " x " +
                        std::to_string(object.cols) + ", " + std::to_string(object.entries) + " entries)"};
  }
  // 16 header bytes, a row length per row, a column index and a value per entry.
  const std::uint64_t bytes =
      16 + 4 * static_cast<std::uint64_t>(object.rows) + 12 * static_cast<std::uint64_t>(object.entries);
  require_bytes(object, bytes, left);
  return bytes;
}

/// Vector header: class id, n. Returns the object's size in bytes.
std::uint64_t read_vector_sizes(const unsigned char* head, std::uint64_t left, PetscBinaryObject& object) {
  if (left < 8) {
    throw HeaderProblem{"the header is cut short (truncated file)"};
  }
  object.rows = load_big_endian_int32(head + 4);
  object.cols = 1;
  object.entries = object.rows;
  if (object.rows < 0) {
    throw HeaderProblem{"negative length " + std::to_string(object.rows) + " in the header"};
  }
  const std::uint64_t bytes = 8 + 8 * static_cast<std::uint64_t>(object.rows);
  require_bytes(object, bytes, left);
  return bytes;
}

bool is_class_id(std::int32_t id) { return id == kPetscMatrixClassId || id == kPetscVectorClassId; }

/// Why a class id is not one of the two, with a hint when the file is little-endian, was written by a PETSc
/// with 64-bit indices (a zero, then the class id: the header's integers are 8 bytes), or is not binary at
/// all.
std::string unknown_class_id(std::int32_t id, std::int32_t next, std::uint64_t offset) {
  const auto swapped = static_cast<std::int32_t>(__builtin_bswap32(static_cast<std::uint32_t>(id)));
  std::string problem = "class id " + std::to_string(id) + " is neither a PETSc matrix (" +
                        std::to_string(kPetscMatrixClassId) + ") nor a vector (" +
                        std::to_string(kPetscVectorClassId) + ")";
  if (id == 0 && is_class_id(next)) {
    problem +=
        ": the file has 64-bit indices (PETSc configured --with-64-bit-indices); only 32-bit indices are "
        "read";
  } else if (is_class_id(swapped)) {
    problem += ": the file is little-endian, PETSc binary files are big-endian";
  } else if (offset == 0) {
    problem += ": not a PETSc binary file";
  }
  return problem;
}

}  // namespace

bool is_petsc_binary_prefix(std::string_view first_bytes) {
  if (first_bytes.size() < 4) {
    return false;
  }
  // A class id in either byte order, or any leading NUL byte: no text file starts with one, and PETSc's
  // class ids are all below 2^24. Such a file goes to the binary reader, which then names what is wrong
  // with it (a little-endian file, an unknown class id) instead of a Matrix Market banner error.
  const auto* bytes = reinterpret_cast<const unsigned char*>(first_bytes.data());
  const std::int32_t id = load_big_endian_int32(bytes);
  const auto swapped = static_cast<std::int32_t>(__builtin_bswap32(static_cast<std::uint32_t>(id)));
  return bytes[0] == 0 || id == kPetscMatrixClassId || id == kPetscVectorClassId ||
         swapped == kPetscMatrixClassId || swapped == kPetscVectorClassId;
}

bool is_petsc_binary_file(const std::filesystem::path& file) {
  std::FILE* f = std::fopen(file.c_str(), "rb");
  if (f == nullptr) {
    return false;
  }
  char head[4];
  const std::size_t got = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return is_petsc_binary_prefix(std::string_view(head, got));
}

PetscBinaryFile::PetscBinaryFile(const std::filesystem::path& file)
    : PetscBinaryFile(std::make_shared<FileBytes>(file), file.string()) {}

PetscBinaryFile PetscBinaryFile::from_bytes(std::string bytes, const std::string& name) {
  return PetscBinaryFile(std::make_shared<MemoryBytes>(std::move(bytes)), name);
}

PetscBinaryFile::PetscBinaryFile(std::shared_ptr<const Bytes> bytes, std::string name)
    : bytes_(std::move(bytes)), name_(std::move(name)) {
  index();
}

void PetscBinaryFile::index() {
  const std::uint64_t size = bytes_->size();
  if (size == 0) {
    throw InputError::at(name_, 0, "empty file: no PETSc matrix or vector in it");
  }
  for (std::uint64_t offset = 0; offset < size;) {
    const std::uint64_t left = size - offset;
    std::array<unsigned char, 16> head{};
    bytes_->read(offset, static_cast<std::size_t>(std::min<std::uint64_t>(left, head.size())), head.data());
    if (left < 4) {
      throw InputError::at(name_, 0,
                           "byte " + std::to_string(offset) + ": " + std::to_string(left) +
                               " trailing bytes, too few for an object (truncated file?)");
    }
    const std::int32_t id = load_big_endian_int32(head.data());
    if (id != kPetscMatrixClassId && id != kPetscVectorClassId) {
      const std::int32_t next = left >= 8 ? load_big_endian_int32(head.data() + 4) : 0;
      throw InputError::at(name_, 0,
                           "byte " + std::to_string(offset) + ": " + unknown_class_id(id, next, offset));
    }
    PetscBinaryObject object;
    object.offset = offset;
    object.kind = id == kPetscMatrixClassId ? PetscObjectKind::matrix : PetscObjectKind::vector;
    object.number = (object.kind == PetscObjectKind::matrix ? matrices_ : vectors_).size() + 1;
    std::uint64_t object_bytes = 0;
    try {
      object_bytes = object.kind == PetscObjectKind::matrix ? read_matrix_sizes(head.data(), left, object)
                                                            : read_vector_sizes(head.data(), left, object);
    } catch (const HeaderProblem& problem) {
      throw InputError::at(name_, 0,
                           object_label(object) + " at byte " + std::to_string(offset) + ": " + problem.what);
    }
    (object.kind == PetscObjectKind::matrix ? matrices_ : vectors_).push_back(objects_.size());
    objects_.push_back(object);
    offset += object_bytes;
  }
}

const PetscBinaryObject& PetscBinaryFile::matrix_header(std::size_t k) const {
  if (k >= matrices_.size()) {
    throw UsageError(name_ + ": no matrix " + std::to_string(k + 1) + " (the file holds " +
                     std::to_string(matrices_.size()) + ")");
  }
  return objects_[matrices_[k]];
}

const PetscBinaryObject& PetscBinaryFile::vector_header(std::size_t k) const {
  if (k >= vectors_.size()) {
    throw UsageError(name_ + ": no vector " + std::to_string(k + 1) + " (the file holds " +
                     std::to_string(vectors_.size()) + ")");
  }
  return objects_[vectors_[k]];
}

CsrMatrix PetscBinaryFile::read_matrix(std::size_t k) const {
  const PetscBinaryObject& m = matrix_header(k);
  return read_matrix_rows(k, 0, static_cast<Index>(m.rows));
}

CsrMatrix PetscBinaryFile::read_matrix_rows(std::size_t k, Index row_begin, Index row_end) const {
  const PetscBinaryObject& m = matrix_header(k);
  const std::string where = name_ + ": " + object_label(m);
  if (row_begin < 0 || row_begin > row_end || row_end > m.rows) {
    throw UsageError(where + ": rows [" + std::to_string(row_begin) + ", " + std::to_string(row_end) +
                     ") are not inside its " + std::to_string(m.rows) + " rows");
  }
  const MatrixLayout layout = layout_of(m);
  // Row lengths of every row, streamed in chunks: their sum is checked against nz, and only the kept
  // rows' lengths are stored.
  const auto rows = static_cast<Index>(row_end - row_begin);
  std::vector<Index> offsets(static_cast<std::size_t>(rows) + 1, 0);
  std::int64_t before = 0;  // entries of the rows before row_begin
  std::int64_t total = 0;
  std::vector<Index> lengths(std::min<std::size_t>(static_cast<std::size_t>(m.rows), kChunk));
  for (std::int64_t first = 0; first < m.rows;) {
    const auto n =
        static_cast<std::size_t>(std::min<std::int64_t>(static_cast<std::int64_t>(kChunk), m.rows - first));
    read_int32s(*bytes_, layout.row_lengths + 4 * static_cast<std::uint64_t>(first), n, lengths.data());
    for (std::size_t r = 0; r < n; ++r) {
      const std::int64_t i = first + static_cast<std::int64_t>(r);
      if (lengths[r] < 0) {
        throw InputError(where + ": row " + std::to_string(i) + " has a negative length " +
                         std::to_string(lengths[r]));
      }
      if (i < row_begin) {
        before += lengths[r];
      } else if (i < row_end) {
        offsets[static_cast<std::size_t>(i - row_begin) + 1] = lengths[r];
      }
      total += lengths[r];
    }
    first += static_cast<std::int64_t>(n);
  }
  if (total != m.entries) {
    throw InputError(where + ": the row lengths sum to " + std::to_string(total) + ", the header announces " +
                     std::to_string(m.entries) + " entries");
  }
  for (Index i = 0; i < rows; ++i) {
    offsets[static_cast<std::size_t>(i) + 1] += offsets[static_cast<std::size_t>(i)];
  }
  const auto kept = static_cast<std::size_t>(offsets.back());
  std::vector<Index> columns(kept);
  std::vector<double> values(kept);
  read_int32s(*bytes_, layout.columns + 4 * static_cast<std::uint64_t>(before), kept, columns.data());
  read_doubles(*bytes_, layout.values + 8 * static_cast<std::uint64_t>(before), kept, values.data());
  return assemble(where, rows, static_cast<Index>(m.cols), row_begin, std::move(offsets), std::move(columns),
                  std::move(values));
}

std::vector<double> PetscBinaryFile::read_vector(std::size_t k) const {
  const PetscBinaryObject& v = vector_header(k);
  std::vector<double> x(static_cast<std::size_t>(v.rows));
  read_doubles(*bytes_, v.offset + 8, x.size(), x.data());
  return x;
}

}  // namespace adasolve::io
