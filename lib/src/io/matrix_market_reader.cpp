// Matrix Market readers: whole matrix, a range of rows, a vector, the header only.
// Entries are parsed straight into three coordinate arrays reserved once from the (validated) header,
// mirrored for symmetric storage, then handed to CsrMatrix::from_coordinates (counting sort, duplicates
// summed).

#include <unistd.h>

#include <cstdio>

#include "adasolve/core/memory.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "io/matrix_market_parser.hpp"

namespace adasolve::io {

namespace {

using detail::LineReader;
using detail::MatrixMarketParser;

/// Coordinate arrays of the stored entries.
struct Coordinates {
  std::vector<Index> row;
  std::vector<Index> col;
  std::vector<Scalar> value;

  void reserve(std::size_t n) {
    row.reserve(n);
    col.reserve(n);
    value.reserve(n);
  }
  void push(Index i, Index j, Scalar v) {
    row.push_back(i);
    col.push_back(j);
    value.push_back(v);
  }
};

/// Refuses, before anything is allocated, a size line whose per-row arrays alone could not fit in this
/// machine's physical memory: a hostile but well-formed "2000000000 2000000000 0" would otherwise be
/// ended by the out-of-memory killer instead of getting a one-line error. Only what is allocated whatever
/// the file holds is counted (entries are reserved as they are read).
void require_memory(const LineReader& in, const MatrixMarketHeader& header, double bytes_per_row,
                    const char* what) {
  const double physical = physical_memory_bytes();  // lowered to a cgroup or ADASOLVE_MEMORY_LIMIT_GIB
  const double needed = bytes_per_row * static_cast<double>(header.rows + 1);
  if (physical > 0.0 && needed > physical) {
    char text[160];
    std::snprintf(text, sizeof text,
                  "%s of %lld rows needs at least %.1f GiB, more than this machine's %.1f GiB", what,
                  static_cast<long long>(header.rows), needed / 1073741824.0, physical / 1073741824.0);
    throw InputError::at(in.name(), header.size_line, text);
  }
}

/// a_ji for a stored a_ij: the same value (symmetric) or its negative (skew-symmetric).
Scalar mirrored(MmSymmetry symmetry, Scalar v) { return symmetry == MmSymmetry::skew_symmetric ? -v : v; }

CsrMatrix read_matrix(LineReader& in, MatrixMarketHeader& header) {
  MatrixMarketParser parser(in);
  header = parser.read_header();
  // Row offsets (twice: counting sort and result), diagonal positions and the sort cursor: 4 x 4 bytes.
  require_memory(in, header, 16.0, "a matrix");
  Coordinates a;
  a.reserve(parser.capacity_hint());
  parser.read_entries([&a](Index i, Index j, Scalar v) { a.push(i, j, v); });

  if (header.symmetry != MmSymmetry::general) {
    // Full storage: every off-diagonal stored entry a_ij also gives a_ji.
    const std::size_t stored = a.row.size();
    std::size_t off_diagonal = 0;
    for (std::size_t k = 0; k < stored; ++k) {
      off_diagonal += a.row[k] != a.col[k] ? 1 : 0;
    }
    if (stored + off_diagonal > static_cast<std::size_t>(kMaxIndex)) {
      throw InputError::at(in.name(), header.size_line,
                           "the full matrix has more than 2^31 - 1 entries (32-bit limit): use the PETSc/MPI "
                           "backend, which splits the rows over ranks");
    }
    a.reserve(stored + off_diagonal);
    for (std::size_t k = 0; k < stored; ++k) {
      if (a.row[k] != a.col[k]) {
        a.push(a.col[k], a.row[k], mirrored(header.symmetry, a.value[k]));
      }
    }
  }
  return CsrMatrix::from_coordinates(static_cast<Index>(header.rows), static_cast<Index>(header.cols), a.row,
                                     a.col, a.value);
}

std::vector<double> read_vector(LineReader& in) {
  MatrixMarketParser parser(in);
  const auto& h = parser.read_header();
  if (h.cols != 1) {
    parser.fail("a vector file must have one column, got " + std::to_string(h.rows) + " x " +
                std::to_string(h.cols));
  }
  require_memory(in, h, 9.0, "a vector");  // 8 bytes per entry + the coordinate form's seen-bit
  std::vector<double> x(static_cast<std::size_t>(h.rows), 0.0);
  if (h.format == MmFormat::array) {
    parser.read_entries([&x](Index i, Index, Scalar v) { x[i] = v; });
  } else {
    // Coordinate: missing entries are zero, repeated ones are summed (the first is assigned so that -0.0
    // survives a round trip).
    std::vector<bool> seen(x.size(), false);
    parser.read_entries([&](Index i, Index, Scalar v) {
      x[i] = seen[i] ? x[i] + v : v;
      seen[i] = true;
    });
  }
  return x;
}

}  // namespace

MatrixMarketHeader check_matrix_market(const std::filesystem::path& file) {
  LineReader in(file);
  MatrixMarketParser parser(in);
  MatrixMarketHeader header = parser.read_header();
  // Every entry is parsed and checked as read_matrix does, but nothing is stored: O(1) memory whatever
  // the size line declares (a valid 96-byte file may declare 3 x 10^8 rows, 4.7 GB as CSR row offsets).
  std::size_t stored = 0, off_diagonal = 0;
  parser.read_entries([&](Index i, Index j, Scalar) {
    ++stored;
    off_diagonal += i != j ? 1 : 0;
  });
  if (header.symmetry != MmSymmetry::general && stored + off_diagonal > static_cast<std::size_t>(kMaxIndex)) {
    throw InputError::at(in.name(), header.size_line,
                         "the full matrix has more than 2^31 - 1 entries (32-bit limit): use the PETSc/MPI "
                         "backend, which splits the rows over ranks");
  }
  return header;
}

MatrixMarketHeader read_matrix_market_header(const std::filesystem::path& file) {
  LineReader in(file);
  MatrixMarketParser parser(in);
  return parser.read_header();
}

MatrixMarketHeader read_matrix_market_header_text(std::string_view text, const std::string& name) {
  LineReader in(text, name);
  MatrixMarketParser parser(in);
  return parser.read_header();
}

CsrMatrix read_matrix_market(const std::filesystem::path& file) {
  MatrixMarketHeader header;
  return read_matrix_market(file, header);
}

CsrMatrix read_matrix_market(const std::filesystem::path& file, MatrixMarketHeader& header) {
  LineReader in(file);
  return read_matrix(in, header);
}

CsrMatrix read_matrix_market_text(std::string_view text, const std::string& name,
                                  MatrixMarketHeader* header) {
  LineReader in(text, name);
  MatrixMarketHeader local;
  return read_matrix(in, header != nullptr ? *header : local);
}

CsrMatrix read_matrix_market_rows(const std::filesystem::path& file, Index row_begin, Index row_end) {
  LineReader in(file);
  MatrixMarketParser parser(in);
  const auto& h = parser.read_header();
  if (row_begin < 0 || row_begin > row_end || row_end > h.rows) {
    throw UsageError("read_matrix_market_rows: rows [" + std::to_string(row_begin) + ", " +
                     std::to_string(row_end) + ") are not inside the " + std::to_string(h.rows) +
                     " rows of " + in.name());
  }
  // Memory grows with the rows kept only: nothing is reserved from the header's count.
  Coordinates a;
  const auto keep = [&](Index i, Index j, Scalar v) {
    if (i >= row_begin && i < row_end) {
      a.push(i - row_begin, j, v);
    }
  };
  const MmSymmetry symmetry = h.symmetry;
  parser.read_entries([&](Index i, Index j, Scalar v) {
    keep(i, j, v);
    if (symmetry != MmSymmetry::general && i != j) {
      keep(j, i, mirrored(symmetry, v));
    }
  });
  return CsrMatrix::from_coordinates(row_end - row_begin, static_cast<Index>(h.cols), a.row, a.col, a.value);
}

std::vector<double> read_matrix_market_vector(const std::filesystem::path& file) {
  LineReader in(file);
  return read_vector(in);
}

std::vector<double> read_matrix_market_vector_text(std::string_view text, const std::string& name) {
  LineReader in(text, name);
  return read_vector(in);
}

}  // namespace adasolve::io
