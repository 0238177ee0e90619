#pragma once
// The InterfaceSplit of a rank's rows given as a CsrMatrix with global columns (the public
// preconditioner objects; the PETSc shell reads its rows from the Mat instead). Private to the PETSc
// boundary.
#include <string>

#include "adasolve/backend/petsc_parallel.hpp"
#include "backend/petsc/interface_split.hpp"

namespace adasolve::backend::petsc_detail {

/// Collective on PETSC_COMM_WORLD. Throws UsageError on every rank if a rank's block does not have
/// rows.local_rows() rows (`who` starts the message).
InterfaceSplit split_of_rows(const CsrMatrix& local_rows, const RowPartition& rows, const std::string& who);

}  // namespace adasolve::backend::petsc_detail
