// Sequence manifests: one instance per line (matrix, optional right-hand side, NAME=VALUE context).
#include "adasolve/io/sequence_manifest.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "adasolve/core/error.hpp"
#include "adasolve/io/file_access.hpp"
#include "io/line_reader.hpp"
#include "io/matrix_market_parser.hpp"
#include "io/text_scan.hpp"

namespace adasolve::io {

namespace {

using detail::Cursor;

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '.'; }

/// NAME=VALUE with NAME an identifier: a context value. Anything else is a path.
bool is_context_token(std::string_view token) {
  const auto eq = token.find('=');
  if (eq == std::string_view::npos || eq == 0 || !is_name_start(token[0])) {
    return false;
  }
  return std::all_of(token.begin(), token.begin() + static_cast<std::ptrdiff_t>(eq), is_name_char);
}

class ManifestParser {
 public:
  ManifestParser(detail::LineReader& in, std::filesystem::path base_dir, bool check_files)
      : in_(in), base_dir_(std::move(base_dir)), check_files_(check_files) {}

  SequenceManifest parse() {
    manifest_.source = in_.name();
    std::string_view line;
    while (in_.next(line)) {
      if (in_.line_number() == 1 && line.starts_with("\xEF\xBB\xBF")) {
        line.remove_prefix(3);  // a UTF-8 byte-order mark (editors on Windows) is not part of a file name
      }
      const auto hash = line.find('#');
      Cursor c(line.substr(0, hash));
      if (const auto first = c.token(); !first.empty()) {
        parse_instance(first, c);
      }
    }
    if (manifest_.instances.empty()) {
      throw InputError::at(in_.name(), 0, "no instances: every line is blank or a comment");
    }
    return std::move(manifest_);
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError::at(in_.name(), in_.line_number(), what);
  }

  void parse_instance(std::string_view matrix, Cursor& c) {
    if (is_context_token(matrix)) {
      fail("a line must start with the matrix file, found the context value " + detail::quoted(matrix));
    }
    SequenceInstance instance;
    instance.line = in_.line_number();
    instance.matrix = resolve(matrix, "matrix");
    instance.label = instance.matrix.stem().string();
    std::vector<std::pair<std::string_view, double>> context;
    std::unordered_set<std::string_view> seen;  // a hash set: a line with 10^5 values stays linear
    for (auto token = c.token(); !token.empty(); token = c.token()) {
      if (is_context_token(token)) {
        context.emplace_back(parse_context(token, seen));
      } else if (instance.rhs.empty() && context.empty()) {
        instance.rhs = resolve(token, "right-hand-side");
      } else {
        fail("unexpected " + detail::quoted(token) +
             ": a line holds the matrix file, an optional right-hand-side file, then NAME=VALUE context "
             "values");
      }
    }
    check_consistency(instance, context);
    manifest_.instances.push_back(std::move(instance));
  }

  std::pair<std::string_view, double> parse_context(std::string_view token,
                                                    std::unordered_set<std::string_view>& seen) {
    const auto eq = token.find('=');
    const auto name = token.substr(0, eq);
    const auto text = token.substr(eq + 1);
    if (!seen.insert(name).second) {
      fail("context value " + detail::quoted(name) + " is given twice");
    }
    Cursor value_cursor(text);
    double value = 0.0;
    std::string_view bad;
    const auto status = detail::parse_real(value_cursor, value, bad);
    value_cursor.skip_blanks();
    if (status != detail::NumberStatus::ok || !value_cursor.at_end() || !std::isfinite(value)) {
      fail("bad number " + detail::quoted(text) + " for context value " + detail::quoted(name) +
           " (expected a finite number)");
    }
    return {name, value};
  }

  // Every instance must carry the context names of the first one (in any order) and, like it, a
  // right-hand side or none: a sequence whose instances differ in kind is a mistake worth stopping on.
  void check_consistency(SequenceInstance& instance,
                         const std::vector<std::pair<std::string_view, double>>& context) {
    auto& names = manifest_.context_names;
    if (manifest_.instances.empty()) {
      for (const auto& [name, value] : context) {
        name_index_.emplace(std::string(name), names.size());
        names.emplace_back(name);
        instance.context.push_back(value);
      }
      return;
    }
    const auto first_line = std::to_string(manifest_.instances.front().line);
    if (instance.rhs.empty() != manifest_.instances.front().rhs.empty()) {
      fail(instance.rhs.empty() ? "no right-hand-side file, but line " + first_line + " has one"
                                : "a right-hand-side file, but line " + first_line + " has none");
    }
    instance.context.assign(names.size(), 0.0);
    std::vector<bool> present(names.size(), false);
    for (const auto& [name, value] : context) {
      const auto it = name_index_.find(std::string(name));
      if (it == name_index_.end()) {
        fail("context value " + detail::quoted(name) + " is not on line " + first_line +
             " (every instance must name the same values)");
      }
      instance.context[it->second] = value;
      present[it->second] = true;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {  // names are distinct: a count mismatch means a gap
      if (!present[i]) {
        fail("context value " + detail::quoted(names[i]) + " is missing (line " + first_line + " has it)");
      }
    }
  }

  std::filesystem::path resolve(std::string_view token, const char* what) const {
    std::filesystem::path path(token);
    if (path.is_relative()) {
      path = base_dir_ / path;
    }
    path = path.lexically_normal();
    if (check_files_) {
      std::error_code ec;
      const auto type = std::filesystem::status(path, ec).type();
      if (type == std::filesystem::file_type::not_found || type == std::filesystem::file_type::none) {
        fail(std::string(what) + " file " + detail::quoted(token) + " not found (looked for " +
             path.string() + ")");
      }
      if (type != std::filesystem::file_type::regular) {
        fail(std::string(what) + " file " + detail::quoted(token) + " is " + describe_file_type(path) +
             ", not a regular file (" + path.string() + ")");
      }
    }
    return path;
  }

  detail::LineReader& in_;
  std::filesystem::path base_dir_;
  bool check_files_;
  SequenceManifest manifest_;
  std::unordered_map<std::string, std::size_t> name_index_;  // context name -> column (from line 1's)
};

}  // namespace

SequenceManifest read_sequence_manifest_text(std::string_view text, const std::string& name,
                                             const std::filesystem::path& base_dir, bool check_files) {
  detail::LineReader in(text, name);
  return ManifestParser(in, base_dir, check_files).parse();
}

SequenceManifest read_sequence_manifest(const std::filesystem::path& manifest) {
  // A manifest names files relative to its folder: it must be a file there, not a stream. A FIFO with no
  // writer would block the run before its first line (the line reader itself allows FIFOs).
  std::error_code ec;
  if (std::filesystem::is_fifo(manifest, ec)) {
    throw InputError::at(manifest.string(), 0, "not a regular file (it is a FIFO)");
  }
  detail::LineReader in(manifest);
  auto base = manifest.parent_path();
  return ManifestParser(in, base.empty() ? std::filesystem::path(".") : base, true).parse();
}

bool natural_less(std::string_view a, std::string_view b) {
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      // Compare the digit runs as numbers: leading zeros dropped, then by length, then digit by digit.
      std::size_t ei = i;
      std::size_t ej = j;
      while (ei < a.size() && is_digit(a[ei])) {
        ++ei;
      }
      while (ej < b.size() && is_digit(b[ej])) {
        ++ej;
      }
      auto da = a.substr(i, ei - i);
      auto db = b.substr(j, ej - j);
      da.remove_prefix(std::min(da.find_first_not_of('0'), da.size()));
      db.remove_prefix(std::min(db.find_first_not_of('0'), db.size()));
      if (da.size() != db.size()) {
        return da.size() < db.size();
      }
      if (da != db) {
        return da < db;
      }
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) {
        return a[i] < b[j];
      }
      ++i;
      ++j;
    }
  }
  if ((a.size() - i) != (b.size() - j)) {
    return (a.size() - i) < (b.size() - j);
  }
  return a < b;  // equal up to leading zeros: plain order keeps the ordering strict
}

}  // namespace adasolve::io
