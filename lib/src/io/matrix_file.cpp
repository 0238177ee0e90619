// Format dispatch for single-matrix and single-vector files.
#include "adasolve/io/matrix_file.hpp"

#include "adasolve/core/error.hpp"
#include "adasolve/io/file_access.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "adasolve/io/petsc_binary.hpp"

namespace adasolve::io {

namespace {

/// A PETSc binary file whose only matrix (or only vector) is wanted.
PetscBinaryFile open_single(const std::filesystem::path& file, PetscObjectKind kind) {
  PetscBinaryFile binary(file);
  const bool matrix = kind == PetscObjectKind::matrix;
  const std::size_t count = matrix ? binary.matrix_count() : binary.vector_count();
  if (count != 1) {
    throw InputError::at(
        binary.name(), 0,
        "holds " + std::to_string(count) + (matrix ? " matrices" : " vectors") +
            ", not one: a sequence of systems in one file is read as a PETSc binary sequence");
  }
  return binary;
}

}  // namespace

MatrixFileFormat detect_matrix_file_format(const std::filesystem::path& file) {
  // Detection peeks at the first bytes and the reader opens the file again, so only a regular file can be
  // detected: opening a FIFO blocks until a writer appears (forever in a batch job), and the peek would
  // consume its first bytes. A missing file is left to the reader's "cannot open".
  std::error_code ec;
  const auto type = std::filesystem::status(file, ec).type();
  if (!ec && type != std::filesystem::file_type::regular && type != std::filesystem::file_type::not_found) {
    throw InputError::at(file.string(), 0, "not a regular file (it is " + describe_file_type(file) + ")");
  }
  return is_petsc_binary_file(file) ? MatrixFileFormat::petsc_binary : MatrixFileFormat::matrix_market;
}

CsrMatrix read_matrix_file(const std::filesystem::path& file) {
  if (detect_matrix_file_format(file) == MatrixFileFormat::matrix_market) {
    return read_matrix_market(file);
  }
  return open_single(file, PetscObjectKind::matrix).read_matrix(0);
}

CsrMatrix read_matrix_file_rows(const std::filesystem::path& file, Index row_begin, Index row_end) {
  if (detect_matrix_file_format(file) == MatrixFileFormat::matrix_market) {
    return read_matrix_market_rows(file, row_begin, row_end);
  }
  return open_single(file, PetscObjectKind::matrix).read_matrix_rows(0, row_begin, row_end);
}

std::pair<std::int64_t, std::int64_t> matrix_file_size(const std::filesystem::path& file) {
  if (detect_matrix_file_format(file) == MatrixFileFormat::matrix_market) {
    const MatrixMarketHeader header = read_matrix_market_header(file);
    return {header.rows, header.cols};
  }
  const PetscBinaryFile binary = open_single(file, PetscObjectKind::matrix);
  return {binary.matrix_header(0).rows, binary.matrix_header(0).cols};
}

std::vector<double> read_vector_file(const std::filesystem::path& file) {
  if (detect_matrix_file_format(file) == MatrixFileFormat::matrix_market) {
    return read_matrix_market_vector(file);
  }
  return open_single(file, PetscObjectKind::vector).read_vector(0);
}

}  // namespace adasolve::io
