#include "adasolve/sequence/context.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "adasolve/core/error.hpp"

namespace adasolve::sequence {

ContextChoice ContextChoice::parse(const std::string& text) {
  if (text == "auto") {
    return {ContextMode::automatic, {}};
  }
  if (text.empty() || text == "source") {
    return {ContextMode::source, {}};
  }
  return {ContextMode::named, text};
}

double diagonal_excess(const CsrMatrix& a) {
  // delta = (sum_i a_ii - sum_i sum_{j != i} |a_ij|) / sum_i |a_ii|
  const auto offsets = a.row_offsets();
  const auto columns = a.column_indices();
  const auto values = a.values();
  double diagonal_sum = 0.0;
  double diagonal_abs_sum = 0.0;
  double off_diagonal_abs_sum = 0.0;
  for (Index i = 0; i < a.rows(); ++i) {
    for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (columns[k] == i) {
        diagonal_sum += values[k];
        diagonal_abs_sum += std::abs(values[k]);
      } else {
        off_diagonal_abs_sum += std::abs(values[k]);
      }
    }
  }
  if (diagonal_abs_sum == 0.0) {
    return -std::numeric_limits<double>::infinity();
  }
  return (diagonal_sum - off_diagonal_abs_sum) / diagonal_abs_sum;
}

ContextReader::ContextReader(ContextChoice choice, const InstanceSource& source) {
  const auto names = source.context_names();
  switch (choice.mode) {
    case ContextMode::automatic:
      automatic_ = true;
      break;
    case ContextMode::source:
      if (names.empty()) {
        automatic_ = true;
      } else {
        name_ = names.front();
        source_kind_ = "from the sequence";
      }
      break;
    case ContextMode::named:
      if (std::find(names.begin(), names.end(), choice.name) == names.end()) {
        std::string available;
        for (const auto& n : names) {
          available += (available.empty() ? "" : ", ") + n;
        }
        throw UsageError("context: the sequence has no context value named '" + choice.name +
                         "' (it has: " + (available.empty() ? "none" : available) + "; or choose auto)");
      }
      name_ = choice.name;
      source_kind_ = "chosen by name";
      break;
  }
  if (automatic_) {
    name_ = kAutoContextName;
    source_kind_ = "computed from each matrix";
    range_ = std::make_pair(0.0, 1.0);
  } else {
    range_ = source.context_range(name_);
  }
}

double ContextReader::read(const Instance& instance) const {
  if (automatic_) {
    return diagonal_excess(*instance.matrix);
  }
  for (const auto& value : instance.context) {
    if (value.name == name_) {
      return value.value;
    }
  }
  std::string has;
  for (const auto& value : instance.context) {
    has += (has.empty() ? "" : ", ") + value.name;
  }
  const std::string where = instance.origin.empty() ? instance.name : instance.origin;
  throw InputError(where + ": no context value '" + name_ + "' (has: " + (has.empty() ? "none" : has) + ")");
}

std::string ContextReader::description() const {
  if (automatic_) {
    return std::string(kAutoContextName) +
           " (computed from each matrix: (sum a_ii - sum |a_ij|, i != j) / sum |a_ii|)";
  }
  return name_ + " (" + source_kind_ + ")";
}

}  // namespace adasolve::sequence
