#pragma once
// Turning PETSc error codes into adasolve exceptions (private to the PETSc boundary).
//
// PetscSession installs capture_petsc_error as PETSc's error handler: PETSc then prints nothing and
// returns the code up the stack, and the handler keeps the message of the INITIAL error (the one that
// says what went wrong, not the traceback). petsc_call(code, "KSPSetUp") throws with that message.
#include <petscsys.h>

#include <string>

namespace adasolve::backend::petsc_detail {

/// What a failed call means for the caller: a user's choice that PETSc rejected (unknown type, value out
/// of range, preconditioner that does not fit the matrix) is a usage error; anything else is a backend error.
enum class Blame { backend, user_choice };

/// PETSc error handler (PetscPushErrorHandler): stores the initial message, prints nothing.
PetscErrorCode capture_petsc_error(MPI_Comm comm, int line, const char* function, const char* file,
                                   PetscErrorCode code, PetscErrorType type, const char* message,
                                   void* context);

/// Throws BackendError (or UsageError for Blame::user_choice and an argument-type code) when code != 0:
///   "PETSc error 86 in KSPSetFromOptions: Unknown type. Check for miss-spelling or missing package: ...".
void petsc_call(PetscErrorCode code, const char* call, Blame blame = Blame::backend);

}  // namespace adasolve::backend::petsc_detail
