#pragma once
// One parser per enum, next to the enum: parse_enum inverts the enum's to_string over its values, so a name
// is spelt in one place. The error names the setting's key: "inner must be minres-cholmod, sketch or
// direct, got 'x'" (an app that exposes the key as --KEY says so in its own message).
#include <array>
#include <cstddef>
#include <span>
#include <string>

#include "adasolve/core/error.hpp"

namespace adasolve {

/// The error for a name that is not one of `names`: "KEY must be a, b or c, got 'TEXT'" (a named setting's
/// one message, whether an enum's parser or a choice's setter refuses the name).
inline UsageError unknown_name(const std::string& key, std::span<const std::string> names,
                               const std::string& text) {
  std::string listed;
  for (std::size_t i = 0; i < names.size(); ++i) {
    listed += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  }
  return UsageError(key + " must be " + listed + ", got '" + text + "'");
}

template <class Enum, std::size_t N>
Enum parse_enum(const std::string& key, const std::string& text, const std::array<Enum, N>& values) {
  std::array<std::string, N> names;
  for (std::size_t i = 0; i < N; ++i) {
    names[i] = to_string(values[i]);
    if (names[i] == text) {
      return values[i];
    }
  }
  throw unknown_name(key, names, text);
}

}  // namespace adasolve
