#pragma once
// A DCDM model file's header (dcdm::ModelHeader, the records the loader reads before any weight) as text:
// the input of fuzz_model_header, and the form of its seeds (written by unit_dcdm from data/models).
//
//   magic TEXT       the "magic" record (to the end of the line); no such line: no marker
//   spec N N ...     the "spec" record, int64 values; no such line: no spec
//   bytes N          the file's size
//   metadata TEXT    the "metadata" record: everything after "metadata " to the end of the input
//
// Lines in any order, metadata last; other lines are ignored.
#include <charconv>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "adasolve/dcdm/model_header.hpp"

namespace adasolve::fuzz {

inline std::string model_header_to_text(const dcdm::ModelHeader& h) {
  std::ostringstream text;
  if (h.magic) {
    text << "magic " << *h.magic << '\n';
  }
  if (h.spec) {
    text << "spec";
    for (const std::int64_t v : *h.spec) {
      text << ' ' << v;
    }
    text << '\n';
  }
  text << "bytes " << h.file_bytes << '\n';
  if (h.metadata) {
    text << "metadata " << *h.metadata;
  }
  return text.str();
}

/// The header the text describes; nullopt when a number does not parse (not a header at all).
inline std::optional<dcdm::ModelHeader> model_header_from_text(std::string_view text) {
  auto number = [](std::string_view token, auto& value) {
    const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
    return error == std::errc() && end == token.data() + token.size();
  };
  dcdm::ModelHeader h;
  while (!text.empty()) {
    if (text.substr(0, 9) == "metadata ") {
      h.metadata = std::string(text.substr(9));
      break;
    }
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (line.substr(0, 6) == "magic ") {
      h.magic = std::string(line.substr(6));
    } else if (line.substr(0, 6) == "bytes ") {
      if (!number(line.substr(6), h.file_bytes)) {
        return std::nullopt;
      }
    } else if (line.substr(0, 4) == "spec") {
      h.spec.emplace();
      line.remove_prefix(4);
      while (!line.empty()) {
        const std::size_t start = line.find_first_not_of(' ');
        if (start == std::string_view::npos) {
          break;
        }
        line.remove_prefix(start);
        const std::string_view token = line.substr(0, line.find(' '));
        std::int64_t value = 0;
        if (!number(token, value)) {
          return std::nullopt;
        }
        h.spec->push_back(value);
        line.remove_prefix(token.size());
      }
    }
  }
  return h;
}

}  // namespace adasolve::fuzz
