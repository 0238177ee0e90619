#pragma once
// Writes a sequence of linear systems as a folder: one Matrix Market file per matrix (A_0000.mtx, ...) and
// per right-hand side (b_0000.mtx, ...), and manifest.txt with one line per instance
//   A_0000.mtx b_0000.mtx name=value ...  [# note]
// (the manifest format of io/sequence_manifest.hpp; the A_/b_ names also fit its directory form).
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::gen {

using ContextValues = std::vector<std::pair<std::string, double>>;

class SequenceWriter {
 public:
  /// Creates `folder` if needed. `description` goes into the manifest as '#' comment lines (the command
  /// that made it). `symmetric`: matrices are stored as their lower triangle under "symmetric".
  SequenceWriter(std::filesystem::path folder, int expected_instances, bool symmetric,
                 const std::string& description);

  /// Writes A (and b unless it is empty) and appends the manifest line.
  void add(const CsrMatrix& a, std::span<const double> b, const ContextValues& context,
           const std::string& note = {});

  /// Flushes the manifest; returns its path. InputError if anything could not be written.
  std::filesystem::path finish();
  int instances() const { return count_; }

 private:
  std::string stem(char prefix) const;

  std::filesystem::path folder_;
  std::filesystem::path manifest_path_;
  std::ofstream manifest_;
  int digits_ = 4;
  bool symmetric_ = true;
  int count_ = 0;
};

/// Shortest text that reads back to exactly `value` (std::to_chars).
std::string exact_number(double value);

}  // namespace adasolve::gen
