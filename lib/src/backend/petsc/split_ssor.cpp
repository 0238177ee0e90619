#include "backend/petsc/split_ssor.hpp"

#include <exception>

#include "adasolve/core/error.hpp"
#include "backend/petsc/collectives.hpp"

namespace adasolve::backend::petsc_detail {

void require_nonzero_split_diagonal(MPI_Comm comm, const InterfaceSplit& split, const std::string& who) {
  std::exception_ptr error;
  const CsrMatrix& a = split.diagonal_block;
  for (Index i = 0; i < a.rows(); ++i) {
    if (a.diagonal(i) == 0.0) {
      const std::string row = std::to_string(split.first_row + i + 1);
      error = std::make_exception_ptr(
          InputError(who + " needs a nonzero diagonal: a(" + row + ", " + row + ") is zero or not stored"));
      break;
    }
  }
  agree_on_failure_in(comm, error);
}

}  // namespace adasolve::backend::petsc_detail
