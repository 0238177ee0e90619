// Banner and size line of a Matrix Market file, and the per-entry number parsing with its error wording.
#include <algorithm>
#include <cctype>

#include "io/matrix_market_parser.hpp"

namespace adasolve::io {

std::string to_string(MmField field) {
  switch (field) {
    case MmField::real: return "real";
    case MmField::integer: return "integer";
    case MmField::pattern: return "pattern";
    case MmField::complex: return "complex";
  }
  return "?";
}

std::string to_string(MmSymmetry symmetry) {
  switch (symmetry) {
    case MmSymmetry::general: return "general";
    case MmSymmetry::symmetric: return "symmetric";
    case MmSymmetry::skew_symmetric: return "skew-symmetric";
    case MmSymmetry::hermitian: return "hermitian";
  }
  return "?";
}

std::string to_string(MmFormat format) { return format == MmFormat::coordinate ? "coordinate" : "array"; }

namespace detail {

namespace {

constexpr const char* kBannerForm = "%%MatrixMarket matrix coordinate|array real|integer|pattern general|symmetric|skew-symmetric";

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

/// Quotes text from the file for a message: at most 40 characters, control bytes shown as '?', so an
/// error stays one printable line whatever the file holds.
std::string quoted(std::string_view text) {
  std::string out = "'";
  for (std::size_t k = 0; k < text.size() && k < 40; ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  }
  if (text.size() > 40) {
    out += "...";
  }
  return out + "'";
}

const MatrixMarketHeader& MatrixMarketParser::read_header() {
  auto& h = header_;
  std::string_view line;
  if (!in_.next(line)) {
    throw InputError::at(in_.name(), 1, std::string("empty file: expected the banner ") + kBannerForm);
  }
  Cursor c(line);
  const auto magic = c.token();
  if (!iequals(magic, "%%MatrixMarket") && !iequals(magic, "%MatrixMarket")) {
    fail(std::string("missing banner: the first line must read ") + kBannerForm + ", found " + quoted(line));
  }
  const auto object = c.token();
  const auto format = c.token();
  const auto field = c.token();
  const auto symmetry = c.token();
  if (field.empty()) {
    fail(std::string("incomplete banner: expected ") + kBannerForm);
  }
  if (iequals(object, "matrix")) {
    h.object = MmObject::matrix;
  } else if (iequals(object, "vector")) {
    h.object = MmObject::vector;
  } else {
    fail("unknown object " + quoted(object) + " in the banner (expected matrix or vector)");
  }
  if (iequals(format, "coordinate")) {
    h.format = MmFormat::coordinate;
  } else if (iequals(format, "array")) {
    h.format = MmFormat::array;
  } else {
    fail("unknown format " + quoted(format) + " in the banner (expected coordinate or array)");
  }
  if (iequals(field, "real") || iequals(field, "double")) {
    h.field = MmField::real;
  } else if (iequals(field, "integer")) {
    h.field = MmField::integer;
  } else if (iequals(field, "pattern")) {
    h.field = MmField::pattern;
  } else if (iequals(field, "complex")) {
    fail("complex matrices are not supported (field complex)");
  } else {
    fail("unknown field " + quoted(field) + " in the banner (expected real, integer or pattern)");
  }
  if (symmetry.empty() && h.object == MmObject::vector) {
    h.symmetry = MmSymmetry::general;
  } else if (iequals(symmetry, "general")) {
    h.symmetry = MmSymmetry::general;
  } else if (iequals(symmetry, "symmetric")) {
    h.symmetry = MmSymmetry::symmetric;
  } else if (iequals(symmetry, "skew-symmetric")) {
    h.symmetry = MmSymmetry::skew_symmetric;
  } else if (iequals(symmetry, "hermitian")) {
    fail("complex matrices are not supported (symmetry hermitian)");
  } else if (symmetry.empty()) {
    fail(std::string("incomplete banner: expected ") + kBannerForm);
  } else {
    fail("unknown symmetry " + quoted(symmetry) + " in the banner (expected general, symmetric or skew-symmetric)");
  }
  if (const auto extra = c.token(); !extra.empty()) {
    fail("unexpected " + quoted(extra) + " at the end of the banner");
  }
  if (h.format == MmFormat::array && h.field == MmField::pattern) {
    fail("field pattern cannot be used with the array format (an array stores every value)");
  }
  if (h.field == MmField::pattern && h.symmetry == MmSymmetry::skew_symmetric) {
    fail("pattern skew-symmetric is not meaningful (a pattern entry has no sign to mirror)");
  }
  if (h.object == MmObject::vector && h.symmetry != MmSymmetry::general) {
    fail("a vector cannot be " + to_string(h.symmetry) + " (use general)");
  }

  // Size line: the first line that is neither blank nor a comment.
  for (;;) {
    if (!in_.next(line)) {
      fail("file ends before the size line");
    }
    c = Cursor(line);
    if (!is_skippable(c)) {
      break;
    }
  }
  h.size_line = in_.line_number();
  const bool is_vector = h.object == MmObject::vector;
  const bool coordinate = h.format == MmFormat::coordinate;
  const char* expected = is_vector ? (coordinate ? "LENGTH ENTRIES" : "LENGTH")
                                   : (coordinate ? "ROWS COLUMNS ENTRIES" : "ROWS COLUMNS");
  const int numbers = (is_vector ? 1 : 2) + (coordinate ? 1 : 0);
  std::int64_t values[3] = {0, 0, 0};
  for (int k = 0; k < numbers; ++k) {
    std::string_view token;
    switch (parse_integer(c, values[k], token)) {
      case NumberStatus::ok: break;
      case NumberStatus::missing:
        fail(std::string("size line must read ") + expected + ", found " + quoted(line));
      case NumberStatus::malformed:
        fail("bad number " + quoted(token) + " in the size line (expected " + expected + ")");
      case NumberStatus::out_of_range:
        fail("number " + quoted(token) + " in the size line is too large");
    }
  }
  if (const auto extra = c.token(); !extra.empty()) {
    fail(std::string("size line must read ") + expected + ", found " + quoted(line));
  }
  h.rows = values[0];
  h.cols = is_vector ? 1 : values[1];
  const char* names[3] = {is_vector ? "length" : "number of rows", "number of columns", "number of entries"};
  for (int k = 0; k < numbers; ++k) {
    const int name = (is_vector && k == 1) ? 2 : k;
    if (values[k] < 0) {
      fail(std::string(names[name]) + " must be non-negative, got " + std::to_string(values[k]));
    }
  }
  if (h.rows > kMaxIndex || h.cols > kMaxIndex) {
    fail(std::to_string(std::max(h.rows, h.cols)) + (h.rows > kMaxIndex ? " rows" : " columns") +
         " exceed the 32-bit index limit " + std::to_string(kMaxIndex));
  }
  if (h.symmetry != MmSymmetry::general && h.rows != h.cols) {
    fail("a " + to_string(h.symmetry) + " matrix must be square, got " + std::to_string(h.rows) + " x " +
         std::to_string(h.cols));
  }
  if (coordinate) {
    h.entries = values[numbers - 1];
  } else if (h.symmetry == MmSymmetry::general) {
    h.entries = h.rows * h.cols;  // < 2^62: both are below 2^31
  } else if (h.symmetry == MmSymmetry::symmetric) {
    h.entries = h.rows * (h.rows + 1) / 2;
  } else {
    h.entries = h.rows * (h.rows - (h.rows > 0 ? 1 : 0)) / 2;
  }
  if (h.entries > kMaxIndex) {
    fail(std::to_string(h.entries) +
         " stored entries exceed the 32-bit limit 2^31 - 1: use the PETSc/MPI backend, which splits the rows "
         "over ranks");
  }
  return h;
}

std::size_t MatrixMarketParser::capacity_hint() const {
  const auto& h = header_;
  // Each stored entry needs at least one character per number plus one separator, so a count larger than
  // the rest of the file can hold is never reserved (a hostile "2 2 2000000000" costs nothing; the parse
  // then stops with "file ends after ..." at the right line). Unknown size (a pipe): a bounded reserve.
  const std::int64_t tokens = h.format == MmFormat::array ? 1
                              : (h.object == MmObject::vector ? 1 : 2) + (h.field == MmField::pattern ? 0 : 1);
  const auto left = in_.bytes_remaining();
  const std::int64_t fit = left ? static_cast<std::int64_t>((*left + 1) / static_cast<std::uint64_t>(2 * tokens))
                                : std::int64_t{1} << 20;
  return static_cast<std::size_t>(std::min(h.entries, fit));
}

Index MatrixMarketParser::read_index(Cursor& c, const char* what, Index limit) {
  std::int64_t value = 0;
  std::string_view token;
  switch (parse_integer(c, value, token)) {
    case NumberStatus::ok: break;
    case NumberStatus::missing: fail_short_entry();
    case NumberStatus::malformed: fail(std::string("bad ") + what + " index " + quoted(token));
    case NumberStatus::out_of_range:
      fail(std::string(what) + " index " + quoted(token) + " out of range 1.." + std::to_string(limit));
  }
  if (value < 1 || value > limit) {
    fail(std::string(what) + " index " + std::to_string(value) + " out of range 1.." + std::to_string(limit) +
         (value == 0 ? " (Matrix Market indices start at 1)" : ""));
  }
  return static_cast<Index>(value - 1);
}

double MatrixMarketParser::read_value(Cursor& c) {
  std::string_view token;
  NumberStatus status;
  double value = 0.0;
  if (header_.field == MmField::integer) {
    std::int64_t integer = 0;
    status = parse_integer(c, integer, token);
    value = static_cast<double>(integer);
  } else {
    status = parse_real(c, value, token);
  }
  switch (status) {
    case NumberStatus::ok: break;
    case NumberStatus::missing: fail_short_entry();
    case NumberStatus::malformed:
      fail("bad " + to_string(header_.field) + " value " + quoted(token));
    case NumberStatus::out_of_range:
      fail("value " + quoted(token) + " is out of the range of " +
           (header_.field == MmField::integer ? "64-bit integers" : "double precision"));
  }
  return value;
}

std::string MatrixMarketParser::entry_form() const {
  const auto& h = header_;
  if (h.format == MmFormat::array) {
    return "VALUE";
  }
  std::string form = h.object == MmObject::vector ? "INDEX" : "ROW COLUMN";
  return h.field == MmField::pattern ? form : form + " VALUE";
}

void MatrixMarketParser::fail_short_entry() const {
  fail("entry is incomplete: expected " + entry_form());
}

void MatrixMarketParser::expect_line_end(Cursor& c) {
  c.skip_blanks();
  if (!c.at_end()) {
    fail("unexpected " + quoted(c.peek_token()) + " after the entry (expected " + entry_form() + ")");
  }
}

void MatrixMarketParser::fail_too_few(std::int64_t got) {
  fail("file ends after " + std::to_string(got) + " of the " + std::to_string(header_.entries) +
       (header_.format == MmFormat::array ? " values" : " entries") + " announced on line " +
       std::to_string(header_.size_line));
}

}  // namespace detail
}  // namespace adasolve::io
