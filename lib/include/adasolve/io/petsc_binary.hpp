#pragma once
// PETSc binary files: the format of MatView / VecView on a binary viewer, and so of the dumps that any PETSc
// program writes with `-ksp_view_mat binary:A.bin -ksp_view_rhs binary:b.bin` (one object per KSPSolve,
// appended to the same file).
//
// Layout (big-endian, PetscInt = 32-bit, PetscScalar = real double: Debian's PETSc), objects back to back:
//
//   matrix (AIJ)   int32 1211216 (MAT_FILE_CLASSID), int32 M, int32 N, int32 nz,
//                  int32 row_lengths[M], int32 column_indices[nz] (0-based, row by row), double values[nz]
//   vector         int32 1211214 (VEC_FILE_CLASSID), int32 n, double values[n]
//
// A file is recognised by its first 4 bytes, never by its name: one of the two class ids (in either byte
// order, so that a little-endian file is named as such), or a leading NUL byte, which no text file has.
//
// Reading indexes the objects first (headers only, O(objects) seeks) and reads one object at a time, so a
// long dump costs the memory of one matrix. Every size is checked against the bytes the file holds before
// anything is allocated. Every error is an InputError with one line, "FILE: matrix K: problem",
// "FILE: vector K: problem" or "FILE: byte OFFSET: problem" (K counts matrices, or vectors, from 1):
// a truncated object, a class id that is neither of the two (a little-endian file is named as such),
// negative sizes, dense storage (nz = -1, not supported), row lengths that do not sum to nz, column indices
// out of range. Columns need not be sorted within a row; duplicates are summed (as in Matrix Market files).
//
// Writing produces the same layout, values copied bit for bit: Matrix Market -> binary -> Matrix Market is
// a bit-exact round trip, and PETSc's MatLoad / VecLoad read the files.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::io {

inline constexpr std::int32_t kPetscMatrixClassId = 1211216;
inline constexpr std::int32_t kPetscVectorClassId = 1211214;

enum class PetscObjectKind { matrix, vector };

/// One object of a PETSc binary file, as its header describes it.
struct PetscBinaryObject {
  PetscObjectKind kind = PetscObjectKind::matrix;
  std::size_t number = 0;    ///< 1-based among the objects of its kind ("matrix 3")
  std::uint64_t offset = 0;  ///< byte offset of its class id
  std::int64_t rows = 0;     ///< M, or the vector's length
  std::int64_t cols = 0;     ///< N, or 1 for a vector
  std::int64_t entries = 0;  ///< nz, or the vector's length
};

/// True when the first 4 bytes are a PETSc class id (either byte order) or start with a NUL byte.
bool is_petsc_binary_prefix(std::string_view first_bytes);
/// True when the file starts with a PETSc matrix or vector class id. A file that cannot be opened, or that
/// is shorter than 4 bytes, is not one (its reader then reports why).
bool is_petsc_binary_file(const std::filesystem::path& file);

/// An open PETSc binary file: its objects are indexed on opening, and read one at a time.
class PetscBinaryFile {
 public:
  /// Opens and indexes a file. InputError for a file that cannot be read or whose headers are malformed
  /// (an empty file, a truncated object, an unknown class id, negative sizes).
  explicit PetscBinaryFile(const std::filesystem::path& file);
  /// The same for bytes held in memory (`name` stands for the file in messages): fuzzing, tests.
  static PetscBinaryFile from_bytes(std::string bytes, const std::string& name);

  const std::string& name() const { return name_; }
  const std::vector<PetscBinaryObject>& objects() const { return objects_; }
  std::size_t matrix_count() const { return matrices_.size(); }
  std::size_t vector_count() const { return vectors_.size(); }
  /// Header of the k-th matrix / vector (0-based k; UsageError when out of range).
  const PetscBinaryObject& matrix_header(std::size_t k) const;
  const PetscBinaryObject& vector_header(std::size_t k) const;

  /// The k-th matrix (0-based), full. Checks row lengths, column ranges and the 32-bit entry limit.
  CsrMatrix read_matrix(std::size_t k) const;
  /// Rows [row_begin, row_end) of the k-th matrix, columns global: memory grows with the rows kept, not
  /// with the matrix (the distributed reader).
  CsrMatrix read_matrix_rows(std::size_t k, Index row_begin, Index row_end) const;
  /// The k-th vector (0-based).
  std::vector<double> read_vector(std::size_t k) const;

  class Bytes;  ///< where the bytes come from (a file or memory); defined in the implementation

 private:
  PetscBinaryFile(std::shared_ptr<const Bytes> bytes, std::string name);
  void index();

  std::shared_ptr<const Bytes> bytes_;
  std::string name_;
  std::vector<PetscBinaryObject> objects_;
  std::vector<std::size_t> matrices_;  ///< positions in objects_
  std::vector<std::size_t> vectors_;
};

/// Writes matrices and vectors, in the order of the calls, to one PETSc binary file (truncated on
/// opening). Every failure is an InputError "FILE: problem".
class PetscBinaryWriter {
 public:
  explicit PetscBinaryWriter(const std::filesystem::path& file);
  ~PetscBinaryWriter();
  PetscBinaryWriter(const PetscBinaryWriter&) = delete;
  PetscBinaryWriter& operator=(const PetscBinaryWriter&) = delete;

  void write(const CsrMatrix& a);
  void write(std::span<const double> x);
  /// Flushes and closes; reports a failed write (the destructor cannot).
  void close();

 private:
  void put(const void* data, std::size_t bytes);

  std::string name_;
  std::FILE* file_ = nullptr;
};

/// One matrix, or one vector, in a file of its own.
void write_petsc_binary(const std::filesystem::path& file, const CsrMatrix& a);
void write_petsc_binary_vector(const std::filesystem::path& file, std::span<const double> x);

}  // namespace adasolve::io
