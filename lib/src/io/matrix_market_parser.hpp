#pragma once
// The Matrix Market parser shared by every reader (whole matrix, row range, vector, header only).
//
// read_header() validates the banner and the size line and rejects, before anything is allocated,
// dimensions beyond the 32-bit index range and entry counts beyond 2^31 - 1. capacity_hint() bounds what a
// caller reserves by what the bytes left in the file can hold (a hostile "2 2 2000000000" costs nothing).
// read_entries(sink) then calls sink(i, j, value) once per STORED entry (0-based, lower triangle as in the
// file for symmetric storage; the caller mirrors) and checks the count, ranges, triangle and trailing text.
#include <string>

#include "adasolve/core/error.hpp"
#include "adasolve/core/types.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "io/line_reader.hpp"
#include "io/text_scan.hpp"

namespace adasolve::io::detail {

/// Text from a file quoted for a one-line message (at most 40 characters, control bytes as '?').
std::string quoted(std::string_view text);

class MatrixMarketParser {
 public:
  explicit MatrixMarketParser(LineReader& in) : in_(in) {}

  const MatrixMarketHeader& read_header();
  const MatrixMarketHeader& header() const { return header_; }
  /// How many entries to reserve: the announced count, capped by what the rest of the input can hold.
  std::size_t capacity_hint() const;

  template <class Sink>
  void read_entries(Sink&& sink);

  /// Throws InputError "FILE:LINE: what" at the line last read.
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError::at(in_.name(), in_.line_number(), what);
  }

 private:
  template <class Sink>
  void read_coordinate(Sink& sink);
  template <class Sink>
  void read_array(Sink& sink);

  Index read_index(Cursor& c, const char* what, Index limit);
  double read_value(Cursor& c);
  void expect_line_end(Cursor& c);
  std::string entry_form() const;
  [[noreturn]] void fail_short_entry() const;
  [[noreturn]] void fail_too_few(std::int64_t got);

  LineReader& in_;
  MatrixMarketHeader header_;
  int triangle_ = 0;               ///< symmetric storage: -1 lower, +1 upper, 0 none seen yet
  std::size_t triangle_line_ = 0;  ///< line of the first off-diagonal entry
};

// ---- implementation of the templates (the hot loops) ----

inline bool is_skippable(Cursor& c) {
  c.skip_blanks();
  return c.at_end() || *c.pos == '%';  // blank line or comment line: allowed anywhere after the banner
}

template <class Sink>
void MatrixMarketParser::read_entries(Sink&& sink) {
  if (header_.format == MmFormat::coordinate) {
    read_coordinate(sink);
  } else {
    read_array(sink);
  }
}

template <class Sink>
void MatrixMarketParser::read_coordinate(Sink& sink) {
  const auto& h = header_;
  const bool is_vector = h.object == MmObject::vector;
  const Index rows = static_cast<Index>(h.rows);
  const Index cols = static_cast<Index>(h.cols);
  std::int64_t count = 0;
  std::string_view line;
  while (in_.next(line)) {
    Cursor c(line);
    if (is_skippable(c)) {
      continue;
    }
    if (count == h.entries) {
      fail("more entries than the " + std::to_string(h.entries) + " announced on line " +
           std::to_string(h.size_line));
    }
    const Index i = read_index(c, "row", rows);
    const Index j = is_vector ? 0 : read_index(c, "column", cols);
    const double v = h.field == MmField::pattern ? 1.0 : read_value(c);
    expect_line_end(c);
    if (h.symmetry == MmSymmetry::symmetric || h.symmetry == MmSymmetry::skew_symmetric) {
      if (i == j && h.symmetry == MmSymmetry::skew_symmetric) {
        fail("diagonal entry (" + std::to_string(i + 1) + ", " + std::to_string(j + 1) +
             ") in a skew-symmetric matrix, whose diagonal is zero by definition");
      }
      // The format stores the lower triangle; some writers store the upper one instead. Either is
      // accepted (an upper entry a_ij is handed on as the lower a_ji = a_ij, or -a_ij if skew), but not
      // both in one file: the mirrored entries would then be summed twice, a silently wrong matrix.
      if (i != j) {
        const int triangle = i > j ? -1 : 1;
        if (triangle_ == 0) {
          triangle_ = triangle;
          triangle_line_ = in_.line_number();
        } else if (triangle != triangle_) {
          fail("entry (" + std::to_string(i + 1) + ", " + std::to_string(j + 1) + ") lies " +
               (triangle > 0 ? "above" : "below") + " the diagonal but line " +
               std::to_string(triangle_line_) + " is " + (triangle > 0 ? "below" : "above") +
               " it: " + to_string(h.symmetry) + " storage keeps one triangle only");
        }
      }
      if (i < j) {
        sink(j, i, h.symmetry == MmSymmetry::skew_symmetric ? -v : v);
        ++count;
        continue;
      }
    }
    sink(i, j, v);
    ++count;
  }
  if (count != h.entries) {
    fail_too_few(count);
  }
}

// Dense values in column-major order: all of them (general), the lower triangle with the diagonal
// (symmetric) or strictly below it (skew-symmetric). Several values per line are accepted (free format).
template <class Sink>
void MatrixMarketParser::read_array(Sink& sink) {
  const auto& h = header_;
  const bool lower_only = h.symmetry != MmSymmetry::general;
  const std::int64_t first_row_offset = h.symmetry == MmSymmetry::skew_symmetric ? 1 : 0;
  std::int64_t count = 0;
  std::int64_t i = first_row_offset;  // position of the next value
  std::int64_t j = 0;
  std::string_view line;
  while (in_.next(line)) {
    Cursor c(line);
    if (is_skippable(c)) {
      continue;
    }
    while (!c.at_end()) {
      if (count == h.entries) {
        fail("more values than the " + std::to_string(h.entries) + " announced on line " +
             std::to_string(h.size_line));
      }
      const double v = read_value(c);
      sink(static_cast<Index>(i), static_cast<Index>(j), v);
      ++count;
      if (++i == h.rows) {
        ++j;
        i = lower_only ? j + first_row_offset : 0;
      }
      c.skip_blanks();
    }
  }
  if (count != h.entries) {
    fail_too_few(count);
  }
}

}  // namespace adasolve::io::detail
