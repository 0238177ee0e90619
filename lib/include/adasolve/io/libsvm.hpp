#pragma once
// Strict reader for LIBSVM / SVMlight sparse classification files:
//     <label> <index>:<value> <index>:<value> ...      (indices 1-based, strictly increasing per line)
// Blank lines are skipped; '#' starts a comment. Anything else (a label or value that is not a number, an
// index that is zero, negative, unsorted or repeated, a missing ':') is an InputError "FILE:LINE: what".
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::io {

struct LibsvmData {
  CsrMatrix features;           ///< samples x features (features = the largest index seen)
  std::vector<double> labels;   ///< one per sample, as read, or +-1 after binary_labels()
  std::string source;           ///< file name
  std::size_t widest_line = 0;  ///< the line holding the largest feature index (for messages about size)
};

/// Reads a LIBSVM file. Throws InputError (file:line) on malformed input or an empty file, on a device
/// (not a regular file or FIFO), and on a feature index above 2^31 - 1.
LibsvmData read_libsvm(const std::string& path);
/// The same for a text held in memory; `name` is used in messages and as the source.
LibsvmData read_libsvm_text(std::string_view text, const std::string& name);

/// Maps the labels of a two-class data set to -1 / +1 whatever their coding (0/1, 1/2, 2/4, -1/+1): the
/// smaller label becomes -1. Throws InputError unless there are exactly two distinct labels.
void binary_labels(LibsvmData& data);

}  // namespace adasolve::io
