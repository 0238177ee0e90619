#pragma once
// Small scanning helpers over one line of text: whitespace, tokens and std::from_chars numbers.
// Nothing here allocates; failures are reported by return value so callers can word the error.
#include <charconv>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace adasolve::io::detail {

inline bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

/// A position inside one line: [pos, end).
struct Cursor {
  const char* pos;
  const char* end;

  explicit Cursor(std::string_view line) : pos(line.data()), end(line.data() + line.size()) {}
  void skip_blanks() {
    while (pos != end && is_blank(*pos)) {
      ++pos;
    }
  }
  bool at_end() const { return pos == end; }
  /// The next whitespace-delimited token (empty at the end of the line); the cursor moves past it.
  std::string_view token() {
    skip_blanks();
    const char* start = pos;
    while (pos != end && !is_blank(*pos)) {
      ++pos;
    }
    return {start, static_cast<std::size_t>(pos - start)};
  }
  /// The token at the cursor without consuming it (for error messages).
  std::string_view peek_token() const {
    Cursor copy = *this;
    return copy.token();
  }
};

enum class NumberStatus { ok, missing, malformed, out_of_range };

/// Parses a whole token as a signed integer (a leading '+' is accepted).
inline NumberStatus parse_integer(Cursor& c, std::int64_t& value, std::string_view& token) {
  c.skip_blanks();
  if (c.at_end()) {
    token = {};
    return NumberStatus::missing;
  }
  const char* first = c.pos;
  const char* digits = (*first == '+' && first + 1 != c.end && first[1] != '-') ? first + 1 : first;
  const auto [ptr, ec] = std::from_chars(digits, c.end, value);
  if (ec == std::errc() && (ptr == c.end || is_blank(*ptr))) {
    c.pos = ptr;
    return NumberStatus::ok;
  }
  token = c.token();
  return ec == std::errc::result_out_of_range ? NumberStatus::out_of_range : NumberStatus::malformed;
}

/// Parses a whole token as a double: decimal or scientific, "inf", "nan"; a leading '+' is accepted.
/// Out-of-range magnitudes are errors (from_chars does not round 1e999 to inf).
inline NumberStatus parse_real(Cursor& c, double& value, std::string_view& token) {
  c.skip_blanks();
  if (c.at_end()) {
    token = {};
    return NumberStatus::missing;
  }
  const char* first = c.pos;
  const char* digits = (*first == '+' && first + 1 != c.end && first[1] != '-') ? first + 1 : first;
  const auto [ptr, ec] = std::from_chars(digits, c.end, value, std::chars_format::general);
  if (ec == std::errc() && (ptr == c.end || is_blank(*ptr))) {
    c.pos = ptr;
    return NumberStatus::ok;
  }
  token = c.token();
  return ec == std::errc::result_out_of_range ? NumberStatus::out_of_range : NumberStatus::malformed;
}

}  // namespace adasolve::io::detail
