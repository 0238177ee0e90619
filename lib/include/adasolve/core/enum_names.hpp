#pragma once
// One parser per enum, next to the enum: parse_enum inverts the enum's to_string over its values, so a name
// is spelt in one place. The error names the setting's key: "inner must be minres-cholmod, sketch or
// direct, got 'x'" (an app that exposes the key as --KEY says so in its own message).
#include <array>
#include <cstddef>
#include <string>

#include "adasolve/core/error.hpp"

namespace adasolve {

template <class Enum, std::size_t N>
Enum parse_enum(const std::string& key, const std::string& text, const std::array<Enum, N>& values) {
  std::string names;
  for (std::size_t i = 0; i < N; ++i) {
    const std::string name = to_string(values[i]);
    if (name == text) {
      return values[i];
    }
    names += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + name;
  }
  throw UsageError(key + " must be " + names + ", got '" + text + "'");
}

}  // namespace adasolve
