#pragma once
// Failure agreement on any communicator (private to the PETSc boundary); the public agree_on_failure is
// this on PETSC_COMM_WORLD.
#include <petscsys.h>  // mpi.h as PETSc includes it (without the MPI C++ bindings)

#include <exception>

namespace adasolve::backend::petsc_detail {

/// Collective on comm. If any rank passes an error, every rank throws the error of the lowest failing
/// rank (same type and message); returns normally on every rank when none failed.
void agree_on_failure_in(MPI_Comm comm, std::exception_ptr local_error);

}  // namespace adasolve::backend::petsc_detail
