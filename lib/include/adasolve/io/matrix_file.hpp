#pragma once
// One matrix or one vector from a file in either format adasolve reads, told apart by the file's first
// bytes (never by its name): a PETSc binary file starts with a matrix or vector class id
// (io/petsc_binary.hpp), anything else is read as Matrix Market (io/matrix_market.hpp).
#include <cstdint>
#include <filesystem>
#include <utility>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::io {

enum class MatrixFileFormat { matrix_market, petsc_binary };

/// The format of a file, from its first 4 bytes. Throws InputError "FILE: not a regular file (it is a
/// FIFO)" for anything that exists and is not a regular file (a FIFO would block the open without end).
MatrixFileFormat detect_matrix_file_format(const std::filesystem::path& file);

/// The matrix of a Matrix Market file, or of a PETSc binary file that holds exactly one matrix (InputError
/// "FILE: holds K matrices, not one" otherwise; vectors beside it are ignored).
CsrMatrix read_matrix_file(const std::filesystem::path& file);

/// Rows [row_begin, row_end) of that matrix, columns global, memory proportional to the rows kept.
CsrMatrix read_matrix_file_rows(const std::filesystem::path& file, Index row_begin, Index row_end);

/// Rows and columns of that matrix, from the header only.
std::pair<std::int64_t, std::int64_t> matrix_file_size(const std::filesystem::path& file);

/// The vector of a Matrix Market vector file, or of a PETSc binary file that holds exactly one vector.
std::vector<double> read_vector_file(const std::filesystem::path& file);

}  // namespace adasolve::io
