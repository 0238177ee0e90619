#pragma once
// Matrix Market (NIST) reader and writer.
//
// Reads: object matrix or vector; format coordinate or array; field real (alias double), integer or
// pattern (pattern entries read as 1.0; complex and hermitian are rejected: "complex matrices are not
// supported"); symmetry general, symmetric, skew-symmetric (expanded to full storage on read; the file
// must store the lower triangle only, and no diagonal for skew-symmetric). Banner words are
// case-insensitive; the banner may be indented and start with one '%'. Blank and '%' comment lines are
// allowed anywhere after the banner, CRLF line endings, free format (any run of blanks; an array may hold
// several values per line). Values are decimal or scientific, inf and nan included, a leading '+' allowed.
// Duplicate coordinate entries are summed.
//
// Streaming parse: the file is read in 4 MiB chunks and numbers are parsed with std::from_chars straight
// into coordinate arrays reserved once; nothing is allocated per entry.
//
// Every error is an InputError with the one-line message "FILE:LINE: what is wrong" (bad banner, bad size
// line, bad number, index out of range, entry above the diagonal of symmetric storage, too few or too
// many entries). Hostile headers are rejected at the size line before anything is allocated: dimensions
// beyond 2^31 - 1 ("2147483648 2147483648 5"), more than 2^31 - 1 stored entries (pointing to the MPI
// backend), or more entries than the bytes left in the file can hold.
//
// Writes: coordinate real, general or symmetric (lower triangle) storage; values in std::to_chars'
// shortest form, so a write/read round trip is bit-exact (-0.0, subnormals, inf, nan included).
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
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
  std::int64_t entries = 0;   ///< stored entries: announced by the size line (coordinate), or the
                              ///< values an array holds (rows*cols; n(n+1)/2 symmetric; n(n-1)/2 skew)
  std::size_t size_line = 0;  ///< 1-based line number of the size line
};

std::string to_string(MmField field);
std::string to_string(MmSymmetry symmetry);
std::string to_string(MmFormat format);

/// Reads and validates banner and size line only.
MatrixMarketHeader read_matrix_market_header(const std::filesystem::path& file);

/// Same, from a text held in memory (`name` stands for the file in messages).
MatrixMarketHeader read_matrix_market_header_text(std::string_view text, const std::string& name);

/// Reads a matrix (any supported format/field/symmetry), full storage, duplicates summed.
CsrMatrix read_matrix_market(const std::filesystem::path& file);
/// Validates a whole Matrix Market file exactly as read_matrix_market does (same errors), without
/// storing the matrix: O(1) memory, so a size line of 10^8 rows costs nothing. Returns the header.
MatrixMarketHeader check_matrix_market(const std::filesystem::path& file);
/// Same, also returning the header.
CsrMatrix read_matrix_market(const std::filesystem::path& file, MatrixMarketHeader& header);

/// Reads a matrix from a text held in memory; `name` stands for the file in error messages.
/// (The path-free entry point: fuzzing, embedded data.)
CsrMatrix read_matrix_market_text(std::string_view text, const std::string& name,
                                  MatrixMarketHeader* header = nullptr);

/// Reads only rows [row_begin, row_end) of the full-storage matrix (columns stay global). Memory is
/// proportional to the rows kept, not to the file: the distributed (MPI) reader uses this.
CsrMatrix read_matrix_market_rows(const std::filesystem::path& file, Index row_begin, Index row_end);

/// Reads a vector: "matrix array real N 1", "vector array", or a coordinate N x 1 / "vector coordinate".
/// Coordinate vectors: missing entries are 0, duplicates summed. Any other number of columns is an
/// InputError.
std::vector<double> read_matrix_market_vector(const std::filesystem::path& file);
/// Same, from a text held in memory.
std::vector<double> read_matrix_market_vector_text(std::string_view text, const std::string& name);

/// Writes A in coordinate real format, full precision. With symmetric = true only the lower triangle is
/// written under "symmetric" (A must be exactly symmetric; UsageError otherwise). `comment` lines follow the
/// banner as "% ..." lines. A file that cannot be written is an InputError "FILE: reason".
void write_matrix_market(const std::filesystem::path& file, const CsrMatrix& a, bool symmetric = false,
                         const std::string& comment = {});
/// Writes a dense vector as "matrix array real N 1", full precision.
void write_matrix_market_vector(const std::filesystem::path& file, std::span<const double> x,
                                const std::string& comment = {});

}  // namespace adasolve::io
