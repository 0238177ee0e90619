#pragma once
// Matrix Market (NIST) reader and writer.
//
// Reads: object matrix or vector; format coordinate or array; field real, integer or pattern (pattern
// entries read as 1.0; complex and hermitian are rejected: "complex matrices are not supported");
// symmetry general, symmetric, skew-symmetric (expanded to full storage on read). Comments anywhere the
// format allows, CRLF line endings, free format (any whitespace). Streaming parse with std::from_chars.
// Every error is an InputError with the one-line message "FILE:LINE: what is wrong". Hostile headers
// (e.g. "2147483648 2147483648 5") are rejected before anything is allocated.
// Writes: full precision (round trip is bit-exact), general or symmetric (lower triangle) storage.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::io {

enum class MmObject { matrix, vector };
enum class MmFormat { coordinate, array };
enum class MmField { real, integer, pattern, complex };
enum class MmSymmetry { general, symmetric, skew_symmetric, hermitian };

struct MatrixMarketHeader {
  MmObject object = MmObject::matrix;
  MmFormat format = MmFormat::coordinate;
  MmField field = MmField::real;
  MmSymmetry symmetry = MmSymmetry::general;
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::int64_t entries = 0;       ///< stored entries announced by the size line (coordinate), rows*cols (array)
  std::size_t size_line = 0;      ///< 1-based line number of the size line
};

std::string to_string(MmField field);
std::string to_string(MmSymmetry symmetry);
std::string to_string(MmFormat format);

/// Reads and validates banner and size line only.
MatrixMarketHeader read_matrix_market_header(const std::filesystem::path& file);

/// Reads a matrix (any supported format/field/symmetry), full storage, duplicates summed.
CsrMatrix read_matrix_market(const std::filesystem::path& file);
/// Same, also returning the header.
CsrMatrix read_matrix_market(const std::filesystem::path& file, MatrixMarketHeader& header);

/// Reads only rows [row_begin, row_end) of the full-storage matrix (columns stay global). Memory is
/// proportional to the rows kept, not to the file: the distributed (MPI) reader uses this.
CsrMatrix read_matrix_market_rows(const std::filesystem::path& file, Index row_begin, Index row_end);

/// Reads a vector: "matrix array real N 1", "vector array", or a coordinate N x 1 / "vector coordinate".
std::vector<double> read_matrix_market_vector(const std::filesystem::path& file);

/// Writes A in coordinate real format, full precision. With symmetric = true only the lower triangle is
/// written under "symmetric" (A must be numerically symmetric; UsageError otherwise).
void write_matrix_market(const std::filesystem::path& file, const CsrMatrix& a, bool symmetric = false,
                         const std::string& comment = {});
/// Writes a dense vector as "matrix array real N 1", full precision.
void write_matrix_market_vector(const std::filesystem::path& file, std::span<const double> x,
                                const std::string& comment = {});

}  // namespace adasolve::io
