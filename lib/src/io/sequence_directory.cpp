// Directory and glob forms of a sequence: the folder's *.mtx files in natural order, right-hand sides
// paired by name (STEM.mtx / STEM_rhs.mtx, A<REST>.mtx / b<REST>.mtx).
#include <algorithm>
#include <set>

#include "adasolve/core/error.hpp"
#include "adasolve/io/sequence_manifest.hpp"

namespace adasolve::io {

namespace {

bool has_wildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

/// Shell-style match of a whole name: '*' any run of characters, '?' one character.
bool wildcard_match(std::string_view pattern, std::string_view name) {
  std::size_t p = 0;
  std::size_t n = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;  // let the last '*' absorb one more character
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

/// The right-hand-side names a matrix file STEM.mtx may have, in order of preference.
std::vector<std::string> rhs_candidates(const std::string& stem) {
  std::vector<std::string> names{stem + "_rhs.mtx"};
  if (!stem.empty() && stem[0] == 'A') {
    std::string paired(stem);
    paired[0] = 'b';
    names.push_back(paired + ".mtx");
  }
  return names;
}

}  // namespace

SequenceManifest list_sequence_directory(const std::string& dir_or_glob) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir(dir_or_glob);
  std::string pattern = "*";
  if (!fs::is_directory(dir, ec)) {
    pattern = dir.filename().string();
    dir = dir.parent_path();
    if (dir.empty()) {
      dir = ".";
    }
    if (has_wildcard(dir.string())) {
      throw InputError::at(dir_or_glob, 0, "wildcards are allowed in the last path component only");
    }
    if (!fs::is_directory(dir, ec)) {
      throw InputError::at(dir_or_glob, 0, "no such directory " + dir.string());
    }
  }

  std::set<std::string> files;  // every *.mtx file name of the folder
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && entry.path().extension() == ".mtx") {
      files.insert(entry.path().filename().string());
    }
  }
  if (ec) {
    throw InputError::at(dir.string(), 0, "cannot list the directory: " + ec.message());
  }
  // A file is a right-hand side when the matrix it belongs to is there too.
  std::set<std::string> rhs_files;
  for (const auto& name : files) {
    const std::string stem = fs::path(name).stem().string();
    for (const auto& candidate : rhs_candidates(stem)) {
      if (files.count(candidate) != 0U) {
        rhs_files.insert(candidate);
      }
    }
  }
  std::vector<std::string> matrices;
  for (const auto& name : files) {
    if (rhs_files.count(name) == 0U && wildcard_match(pattern, name)) {
      matrices.push_back(name);
    }
  }
  if (matrices.empty()) {
    throw InputError::at(dir_or_glob, 0, "no matrix files (*.mtx) match");
  }
  std::sort(matrices.begin(), matrices.end(), [](const auto& a, const auto& b) { return natural_less(a, b); });

  SequenceManifest sequence;
  sequence.source = dir_or_glob;
  for (const auto& name : matrices) {
    SequenceInstance instance;
    instance.matrix = dir / name;
    instance.label = fs::path(name).stem().string();
    for (const auto& candidate : rhs_candidates(instance.label)) {
      if (files.count(candidate) != 0U) {
        instance.rhs = dir / candidate;
        break;
      }
    }
    if (!sequence.instances.empty() && instance.rhs.empty() != sequence.instances.front().rhs.empty()) {
      const auto& first = sequence.instances.front();
      const auto& with = instance.rhs.empty() ? first : instance;
      const auto& without = instance.rhs.empty() ? instance : first;
      throw InputError::at(dir_or_glob, 0,
                           without.matrix.filename().string() + " has no right-hand side (" +
                               rhs_candidates(without.label).back() + "), but " + with.matrix.filename().string() +
                               " has " + with.rhs.filename().string());
    }
    sequence.instances.push_back(std::move(instance));
  }
  return sequence;
}

SequenceManifest open_sequence(const std::string& spec) {
  std::error_code ec;
  if (std::filesystem::is_directory(spec, ec) || has_wildcard(spec)) {
    return list_sequence_directory(spec);
  }
  return read_sequence_manifest(spec);
}

}  // namespace adasolve::io
