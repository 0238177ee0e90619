#include "backend/petsc/petsc_call.hpp"

#include "adasolve/core/error.hpp"

namespace adasolve::backend::petsc_detail {

namespace {

// The message of the last initial PETSc error. PETSc is used from one thread per rank.
std::string& last_message() {
  static std::string message;
  return message;
}

// Codes that mean "the user asked for something PETSc does not have or cannot do with this matrix".
bool is_choice_error(PetscErrorCode code) {
  switch (code) {
    case PETSC_ERR_ARG_UNKNOWN_TYPE:  // -pc_type nonsense
    case PETSC_ERR_ARG_OUTOFRANGE:    // omega = 2.5
    case PETSC_ERR_ARG_WRONG:
    case PETSC_ERR_ARG_INCOMP:
    case PETSC_ERR_ARG_WRONGSTATE:
    case PETSC_ERR_SUP:             // e.g. a norm type the KSP does not support
    case PETSC_ERR_MISSING_FACTOR:  // -pc_type icc on an MPIAIJ matrix (error 92)
    case PETSC_ERR_USER_INPUT:
      return true;
    default:
      return false;
  }
}

}  // namespace

PetscErrorCode capture_petsc_error(MPI_Comm /*comm*/, int /*line*/, const char* /*function*/,
                                   const char* /*file*/, PetscErrorCode code, PetscErrorType type,
                                   const char* message, void* /*context*/) {
  if (type == PETSC_ERROR_INITIAL) {
    last_message() = message != nullptr ? message : "";
  }
  return code;
}

void petsc_call(PetscErrorCode code, const char* call, Blame blame) {
  if (code == 0) {
    return;
  }
  const char* text = nullptr;
  PetscErrorMessage(code, &text, nullptr);
  std::string what = "PETSc error " + std::to_string(static_cast<int>(code)) + " in " + call + ": ";
  what += last_message().empty() ? (text != nullptr ? text : "unknown error") : last_message();
  if (text != nullptr && !last_message().empty()) {
    what += " (" + std::string(text) + ")";
  }
  last_message().clear();
  if (blame == Blame::user_choice && is_choice_error(code)) {
    throw UsageError(what);
  }
  throw BackendError(what);
}

}  // namespace adasolve::backend::petsc_detail
