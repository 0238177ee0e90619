// petsc_mat_sor_seconds: PETSc's SOR kernel (MatSOR on SeqAIJ), timed for the relaxation-kernel benchmark.
#include <petscksp.h>

#include <chrono>
#include <vector>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/stopwatch.hpp"
#include "backend/petsc/handles.hpp"
#include "backend/petsc/petsc_call.hpp"

namespace adasolve::backend {

using petsc_detail::petsc_call;

double petsc_mat_sor_seconds(const CsrMatrix& a, std::span<const double> b, std::span<double> x, double omega,
                             int sweeps, bool symmetric) {
  if (!PetscSession::active()) {
    throw UsageError("petsc_mat_sor_seconds needs a PetscSession");
  }
  if (!a.is_square() || b.size() != static_cast<std::size_t>(a.rows()) || x.size() != b.size()) {
    throw UsageError("petsc_mat_sor_seconds: A must be square with b and x of its size");
  }
  if (!(omega > 0.0 && omega < 2.0) || sweeps < 1) {
    throw UsageError("petsc_mat_sor_seconds: omega must be in (0, 2) and sweeps >= 1");
  }
  const Index n = a.rows();
  petsc_detail::OwnedMat mat;
  petsc_call(MatCreateSeqAIJWithArrays(PETSC_COMM_SELF, n, n, const_cast<Index*>(a.row_offsets().data()),
                                       const_cast<Index*>(a.column_indices().data()),
                                       const_cast<Scalar*>(a.values().data()), mat.out()),
             "MatCreateSeqAIJWithArrays");  // borrows A's arrays: A outlives mat (this function)
  petsc_call(MatSetOption(mat, MAT_USE_INODES, PETSC_FALSE), "MatSetOption(MAT_USE_INODES)");
  petsc_detail::OwnedVec bv, xv, scratch;
  petsc_call(VecCreateSeqWithArray(PETSC_COMM_SELF, 1, n, b.data(), bv.out()), "VecCreateSeqWithArray");
  petsc_call(VecCreateSeqWithArray(PETSC_COMM_SELF, 1, n, x.data(), xv.out()), "VecCreateSeqWithArray");
  petsc_call(VecDuplicate(xv, scratch.out()), "VecDuplicate");
  petsc_call(VecCopy(xv, scratch), "VecCopy");
  const MatSORType sweep = symmetric ? SOR_SYMMETRIC_SWEEP : SOR_FORWARD_SWEEP;
  // One untimed sweep on a scratch copy makes PETSc invert (and cache) the diagonal for this omega.
  petsc_call(MatSOR(mat, bv, omega, sweep, 0.0, 1, 1, scratch), "MatSOR");
  const auto start = std::chrono::steady_clock::now();
  petsc_call(MatSOR(mat, bv, omega, sweep, 0.0, sweeps, 1, xv), "MatSOR");
  return seconds_since(start);
}

}  // namespace adasolve::backend
