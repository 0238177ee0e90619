#include "adasolve/io/libsvm.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <set>
#include <string_view>

#include "adasolve/core/error.hpp"
#include "io/line_reader.hpp"

namespace adasolve::io {

namespace {

/// Parses a whole token as a finite double; false otherwise.
bool parse_double(const std::string& token, double& value) {
  if (token.empty()) {
    return false;
  }
  char* end = nullptr;
  errno = 0;
  value = std::strtod(token.c_str(), &end);
  return end == token.c_str() + token.size() && errno == 0 && std::isfinite(value);
}

enum class IndexStatus { ok, not_a_number, too_large };

/// A decimal feature index; feature counts are 32-bit (Index), so the largest is 2^31 - 1.
IndexStatus parse_index(const std::string& token, long long& value) {
  if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos) {
    return IndexStatus::not_a_number;
  }
  const auto first = token.find_first_not_of('0');
  if (first != std::string::npos && token.size() - first > 10) {
    return IndexStatus::too_large;  // more than 10 significant digits
  }
  value = std::strtoll(token.c_str(), nullptr, 10);
  return value > std::numeric_limits<Index>::max() ? IndexStatus::too_large : IndexStatus::ok;
}

}  // namespace

namespace {

LibsvmData read_libsvm_lines(io::detail::LineReader& in) {
  const std::string& path = in.name();
  LibsvmData data;
  data.source = path;
  std::vector<Index> rows, cols;
  std::vector<double> values;
  Index max_feature = 0;
  std::string line;
  std::size_t line_no = 0;
  std::string_view view;
  while (in.next(view)) {
    line.assign(view);
    ++line_no;
    if (const auto hash = line.find('#'); hash != std::string::npos) {
      line.erase(hash);
    }
    std::vector<std::string> tokens;
    std::size_t pos = 0;
    while (pos < line.size()) {
      const auto start = line.find_first_not_of(" \t\r", pos);
      if (start == std::string::npos) {
        break;
      }
      const auto stop = line.find_first_of(" \t\r", start);
      tokens.push_back(line.substr(start, stop == std::string::npos ? std::string::npos : stop - start));
      pos = stop == std::string::npos ? line.size() : stop;
    }
    if (tokens.empty()) {
      continue;
    }
    double label = 0.0;
    if (!parse_double(tokens[0], label)) {
      throw InputError::at(path, line_no, "label '" + tokens[0] + "' is not a number");
    }
    const Index sample = static_cast<Index>(data.labels.size());
    long long previous = 0;
    for (std::size_t t = 1; t < tokens.size(); ++t) {
      const auto colon = tokens[t].find(':');
      if (colon == std::string::npos) {
        throw InputError::at(path, line_no, "expected index:value, got '" + tokens[t] + "'");
      }
      long long index = 0;
      double value = 0.0;
      const auto status = parse_index(tokens[t].substr(0, colon), index);
      if (status == IndexStatus::too_large) {
        throw InputError::at(
            path, line_no, "feature index " + tokens[t].substr(0, colon) + " is above 2^31 - 1 = 2147483647");
      }
      if (status != IndexStatus::ok || index < 1) {
        throw InputError::at(path, line_no,
                             "feature index '" + tokens[t].substr(0, colon) + "' is not a positive integer");
      }
      if (index <= previous) {
        throw InputError::at(path, line_no,
                             "feature indices must be strictly increasing (" + std::to_string(index) +
                                 " after " + std::to_string(previous) + ")");
      }
      if (!parse_double(tokens[t].substr(colon + 1), value)) {
        throw InputError::at(path, line_no,
                             "value '" + tokens[t].substr(colon + 1) + "' is not a finite number");
      }
      previous = index;
      rows.push_back(sample);
      cols.push_back(static_cast<Index>(index - 1));
      values.push_back(value);
      if (index > max_feature) {
        max_feature = static_cast<Index>(index);
        data.widest_line = line_no;
      }
    }
    data.labels.push_back(label);
  }
  if (data.labels.empty()) {
    throw InputError::at(path, line_no, "no samples in file");
  }
  data.features =
      CsrMatrix::from_coordinates(static_cast<Index>(data.labels.size()), max_feature, rows, cols, values);
  return data;
}

}  // namespace

LibsvmData read_libsvm(const std::string& path) {
  // LineReader: refuses devices, bounds the line length (a stream without newlines is not buffered
  // without end) and reads in chunks.
  io::detail::LineReader in{std::filesystem::path(path)};
  return read_libsvm_lines(in);
}

LibsvmData read_libsvm_text(std::string_view text, const std::string& name) {
  io::detail::LineReader in(text, name);
  return read_libsvm_lines(in);
}

void binary_labels(LibsvmData& data) {
  const std::set<double> distinct(data.labels.begin(), data.labels.end());
  if (distinct.size() != 2) {
    throw InputError::at(
        data.source, 0,
        "expected two classes, found " + std::to_string(distinct.size()) + " distinct labels");
  }
  const double low = *distinct.begin();
  for (double& y : data.labels) {
    y = (y == low) ? -1.0 : 1.0;
  }
}

}  // namespace adasolve::io
