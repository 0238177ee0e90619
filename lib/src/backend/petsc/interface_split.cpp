#include "backend/petsc/interface_split.hpp"

#include <algorithm>

#include "adasolve/core/error.hpp"

namespace adasolve::backend::petsc_detail {

namespace {

/// Runs of consecutive rows in [0, n) where `in_set` holds.
template <typename Predicate>
std::vector<RowRun> runs_where(Index n, Predicate in_set) {
  std::vector<RowRun> runs;
  for (Index i = 0; i < n; ++i) {
    if (!in_set(i)) {
      continue;
    }
    if (!runs.empty() && runs.back().end == i) {
      runs.back().end = i + 1;
    } else {
      runs.push_back({i, i + 1});
    }
  }
  return runs;
}

}  // namespace

bool InterfaceSplit::is_interface(Index local_row) const {
  return std::binary_search(interface_rows.begin(), interface_rows.end(), local_row);
}

InterfaceSplitBuilder::InterfaceSplitBuilder(Index first_row, Index end_row)
    : first_row_(first_row), end_row_(end_row) {
  if (first_row < 0 || end_row < first_row) {
    throw UsageError("interface split: rows [" + std::to_string(first_row) + ", " + std::to_string(end_row) +
                     ")");
  }
}

void InterfaceSplitBuilder::add_row(std::span<const Index> global_columns, std::span<const Scalar> values) {
  if (first_row_ + next_row_ >= end_row_) {
    throw UsageError("interface split: more rows than [" + std::to_string(first_row_) + ", " +
                     std::to_string(end_row_) + ")");
  }
  bool coupled = false;
  for (std::size_t k = 0; k < global_columns.size(); ++k) {
    const Index j = global_columns[k];
    if (j >= first_row_ && j < end_row_) {
      columns_.push_back(j - first_row_);
      values_.push_back(values[k]);
    } else {
      off_global_columns_.push_back(j);
      off_values_.push_back(values[k]);
      coupled = true;
    }
  }
  offsets_.push_back(static_cast<Index>(columns_.size()));
  if (coupled) {
    interface_rows_.push_back(next_row_);
    off_offsets_.push_back(static_cast<Index>(off_global_columns_.size()));
  }
  ++next_row_;
}

InterfaceSplit InterfaceSplitBuilder::finish() {
  const Index n = end_row_ - first_row_;
  if (next_row_ != n) {
    throw UsageError("interface split: " + std::to_string(next_row_) + " rows added, expected " +
                     std::to_string(n));
  }
  InterfaceSplit split;
  split.first_row = first_row_;
  split.diagonal_block = CsrMatrix(n, n, std::move(offsets_), std::move(columns_), std::move(values_));
  split.ghost_columns = off_global_columns_;
  std::sort(split.ghost_columns.begin(), split.ghost_columns.end());
  split.ghost_columns.erase(std::unique(split.ghost_columns.begin(), split.ghost_columns.end()),
                            split.ghost_columns.end());
  // Global ghost column -> its position in ghost_columns.
  split.off_columns.resize(off_global_columns_.size());
  for (std::size_t k = 0; k < off_global_columns_.size(); ++k) {
    const auto at =
        std::lower_bound(split.ghost_columns.begin(), split.ghost_columns.end(), off_global_columns_[k]);
    split.off_columns[k] = static_cast<Index>(at - split.ghost_columns.begin());
  }
  split.off_values = std::move(off_values_);
  split.off_offsets = std::move(off_offsets_);
  split.interface_rows = std::move(interface_rows_);
  std::vector<char> interface(static_cast<std::size_t>(n), 0);
  for (const Index i : split.interface_rows) {
    interface[static_cast<std::size_t>(i)] = 1;
  }
  split.interior_runs = runs_where(n, [&](Index i) { return interface[static_cast<std::size_t>(i)] == 0; });
  split.interface_runs = runs_where(n, [&](Index i) { return interface[static_cast<std::size_t>(i)] != 0; });
  return split;
}

}  // namespace adasolve::backend::petsc_detail
