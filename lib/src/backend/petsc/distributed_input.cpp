// read_distributed_system: each rank reads its own block of rows of a Matrix Market or PETSc binary file.
#include "adasolve/backend/petsc_parallel.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_file.hpp"

namespace adasolve::backend {

DistributedSystem read_distributed_system(const std::filesystem::path& matrix_file,
                                          const std::filesystem::path& rhs_file) {
  Index global_rows = 0;
  run_collectively([&] {
    const auto [rows, cols] = io::matrix_file_size(matrix_file);
    if (rows != cols) {
      throw InputError::at(
          matrix_file.string(), 0,
          "the system matrix must be square, got " + std::to_string(rows) + " x " + std::to_string(cols));
    }
    if (rows > kMaxIndex) {
      throw InputError::at(matrix_file.string(), 0, "more rows than 32-bit indices can number");
    }
    global_rows = static_cast<Index>(rows);
  });
  DistributedSystem system;
  system.rows = RowPartition::for_this_rank(global_rows);
  const RowPartition& rows = system.rows;
  run_collectively([&] {
    system.matrix =
        std::make_shared<const CsrMatrix>(io::read_matrix_file_rows(matrix_file, rows.begin, rows.end));
  });
  run_collectively([&] {
    system.rhs.resize(static_cast<std::size_t>(rows.local_rows()));
    if (rhs_file.empty()) {
      // b = A * ones: each entry is a row sum, so no rank needs another's rows.
      const auto offsets = system.matrix->row_offsets();
      const auto values = system.matrix->values();
      for (Index i = 0; i < rows.local_rows(); ++i) {
        double sum = 0.0;
        for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
          sum += values[k];
        }
        system.rhs[static_cast<std::size_t>(i)] = sum;
      }
      return;
    }
    const std::vector<double> full = io::read_vector_file(rhs_file);
    if (full.size() != static_cast<std::size_t>(rows.global_rows)) {
      throw InputError::at(rhs_file.string(), 0,
                           "right-hand side has " + std::to_string(full.size()) + " entries, the matrix " +
                               std::to_string(rows.global_rows) + " rows");
    }
    std::copy(full.begin() + rows.begin, full.begin() + rows.end, system.rhs.begin());
  });
  return system;
}

}  // namespace adasolve::backend
