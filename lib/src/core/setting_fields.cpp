#include "adasolve/core/setting_fields.hpp"

#include <cmath>
#include <sstream>

namespace adasolve {

std::string setting_value_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

namespace {

std::string text(double v) { return setting_value_text(v); }

}  // namespace

bool SettingRange::contains(double x) const {
  if (!std::isfinite(x)) {
    return false;
  }
  const bool above_lower = lower_open ? x > lower : x >= lower;
  const bool below_upper = upper_open ? x < upper : x <= upper;
  return above_lower && below_upper;
}

std::string SettingRange::describe() const {
  const bool has_lower = std::isfinite(lower);
  const bool has_upper = std::isfinite(upper);
  if (has_lower && has_upper) {
    return "in " + std::string(lower_open ? "(" : "[") + text(lower) + ", " + text(upper) +
           (upper_open ? ")" : "]");
  }
  if (has_lower) {
    return (lower_open ? "> " : ">= ") + text(lower);
  }
  if (has_upper) {
    return (upper_open ? "< " : "<= ") + text(upper);
  }
  return "a finite number";
}

std::string setting_range_message(const std::string& key, const SettingRange& range, double value) {
  const std::string must = std::isfinite(value) ? range.describe() : "a finite number";
  return key + " must be " + must + ", got " + text(value);
}

}  // namespace adasolve
