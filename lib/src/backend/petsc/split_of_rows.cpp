#include "backend/petsc/split_of_rows.hpp"

#include "adasolve/core/error.hpp"

namespace adasolve::backend::petsc_detail {

InterfaceSplit split_of_rows(const CsrMatrix& local_rows, const RowPartition& rows, const std::string& who) {
  InterfaceSplitBuilder builder(rows.begin, rows.end);
  run_collectively([&] {
    if (local_rows.rows() != rows.local_rows()) {
      throw UsageError(who + ": rank " + std::to_string(PetscSession::rank()) + " holds " +
                       std::to_string(local_rows.rows()) + " rows, its partition " +
                       std::to_string(rows.local_rows()));
    }
    const auto offsets = local_rows.row_offsets();
    const auto columns = local_rows.column_indices();
    const auto values = local_rows.values();
    for (Index i = 0; i < local_rows.rows(); ++i) {
      const auto begin = static_cast<std::size_t>(offsets[i]);
      const auto count = static_cast<std::size_t>(offsets[i + 1] - offsets[i]);
      builder.add_row(columns.subspan(begin, count), values.subspan(begin, count));
    }
  });
  return builder.finish();
}

}  // namespace adasolve::backend::petsc_detail
