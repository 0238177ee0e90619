#include "adasolve/io/libsvm.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>

#include "adasolve/core/error.hpp"

namespace adasolve {

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

bool parse_index(const std::string& token, long& value) {
  if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos || token.size() > 9) {
    return false;
  }
  value = std::strtol(token.c_str(), nullptr, 10);
  return true;
}

}  // namespace

LibsvmData read_libsvm(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw InputError::at(path, 0, "cannot open file");
  }
  LibsvmData data;
  data.source = path;
  std::vector<Index> rows, cols;
  std::vector<double> values;
  Index max_feature = 0;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
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
    long previous = 0;
    for (std::size_t t = 1; t < tokens.size(); ++t) {
      const auto colon = tokens[t].find(':');
      if (colon == std::string::npos) {
        throw InputError::at(path, line_no, "expected index:value, got '" + tokens[t] + "'");
      }
      long index = 0;
      double value = 0.0;
      if (!parse_index(tokens[t].substr(0, colon), index) || index < 1) {
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
      max_feature = std::max(max_feature, static_cast<Index>(index));
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

}  // namespace adasolve
