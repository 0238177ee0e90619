// PetscSession: MPI + PETSc start-up and shutdown, options under a prefix.
#include <petscsys.h>

#include <sstream>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/core/error.hpp"
#include "backend/petsc/petsc_call.hpp"

namespace adasolve {

using petsc_detail::petsc_call;

namespace {

bool session_exists = false;

void require_session(const char* what) {
  if (!session_exists) {
    throw UsageError(std::string(what) + " needs a PetscSession (create one in main before any PETSc work)");
  }
}

}  // namespace

PetscSession::PetscSession() {
  if (session_exists) {
    throw UsageError("only one PetscSession may exist per process");
  }
  // PETSc calls MPI_Init unless MPI is already initialised (then PetscFinalize leaves MPI running).
  if (PetscInitializeNoArguments() != 0) {
    throw BackendError("PetscInitialize failed");
  }
  // From here on PETSc reports errors to us (petsc_call) instead of printing tracebacks.
  PetscPushErrorHandler(petsc_detail::capture_petsc_error, nullptr);
  session_exists = true;
}

PetscSession::~PetscSession() {
  session_exists = false;
  PetscPopErrorHandler();
  PetscFinalize();
}

bool PetscSession::active() { return session_exists; }

int PetscSession::rank() {
  require_session("PetscSession::rank");
  PetscMPIInt rank = 0;
  MPI_Comm_rank(PETSC_COMM_WORLD, &rank);
  return rank;
}

int PetscSession::size() {
  require_session("PetscSession::size");
  PetscMPIInt size = 1;
  MPI_Comm_size(PETSC_COMM_WORLD, &size);
  return size;
}

void PetscSession::insert_options(const std::string& options, const std::string& prefix) {
  require_session("PetscSession::insert_options");
  if (options.find_first_not_of(" \t") == std::string::npos) {
    return;
  }
  // PETSc reads "-name value" pairs; a first word without a dash would be silently dropped.
  std::istringstream words(options);
  std::string first;
  words >> first;
  if (first.empty() || first[0] != '-') {
    throw UsageError("--petsc: PETSc options start with '-', got '" + first + "' in \"" + options + "\"");
  }
  const bool prefixed = !prefix.empty();
  if (prefixed) {
    petsc_call(PetscOptionsPrefixPush(nullptr, prefix.c_str()), "PetscOptionsPrefixPush",
               petsc_detail::Blame::user_choice);
  }
  const PetscErrorCode code = PetscOptionsInsertString(nullptr, options.c_str());
  if (prefixed) {
    PetscOptionsPrefixPop(nullptr);
  }
  petsc_call(code, "PetscOptionsInsertString", petsc_detail::Blame::user_choice);
}

std::vector<std::string> PetscSession::unused_options(const std::string& prefix) {
  require_session("PetscSession::unused_options");
  PetscInt count = 0;
  char** names = nullptr;
  char** values = nullptr;
  petsc_call(PetscOptionsLeftGet(nullptr, &count, &names, &values), "PetscOptionsLeftGet");
  std::vector<std::string> unused;
  for (PetscInt i = 0; i < count; ++i) {
    const std::string name = names[i];  // without the leading dash
    if (name.rfind(prefix, 0) == 0) {
      unused.push_back("-" + name);
    }
  }
  PetscOptionsLeftRestore(nullptr, &count, &names, &values);
  return unused;
}

}  // namespace adasolve
