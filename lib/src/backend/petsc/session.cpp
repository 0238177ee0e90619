// PetscSession: MPI + PETSc start-up and shutdown, options under a prefix.
#include <petscsys.h>

#include <cctype>
#include <sstream>
#include <utility>
#include <vector>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/core/error.hpp"
#include "backend/petsc/petsc_call.hpp"

namespace adasolve::backend {

using petsc_detail::petsc_call;

namespace {

bool session_exists = false;

bool is_global_option(const std::string& name) {  // name with its dash
  for (const char* start :
       {"-log_", "-malloc", "-info", "-memory_view", "-options_", "-on_error_", "-fp_trap",
        "-no_signal_handler", "-history", "-objects_dump", "-check_pointer_intensity"}) {
    if (name.rfind(start, 0) == 0) {
      return true;
    }
  }
  return false;
}

/// "-a 1 -b -c x" -> {"-a", "1"}, {"-b", ""}, {"-c", "x"}: a word that follows a name and is not a name
/// itself (a negative number is a value) is its value.
std::vector<std::pair<std::string, std::string>> option_pairs(const std::string& options) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::istringstream in(options);
  std::string word;
  while (in >> word) {
    const bool is_name = word.size() > 1 && word[0] == '-' &&
                         !(std::isdigit(static_cast<unsigned char>(word[1])) || word[1] == '.');
    if (is_name || pairs.empty()) {
      pairs.emplace_back(word, "");
    } else if (pairs.back().second.empty()) {
      pairs.back().second = word;
    } else {
      pairs.back().second += " " + word;
    }
  }
  return pairs;
}

std::string join_options(const std::string& options, bool global) {
  std::string out;
  for (const auto& [name, value] : option_pairs(options)) {
    if (is_global_option(name) == global) {
      out += (out.empty() ? "" : " ") + name + (value.empty() ? "" : " " + value);
    }
  }
  return out;
}

void require_session(const char* what) {
  if (!session_exists) {
    throw UsageError(std::string(what) + " needs a PetscSession (create one in main before any PETSc work)");
  }
}

}  // namespace

std::string PetscSession::global_options(const std::string& options) { return join_options(options, true); }

std::string PetscSession::solver_options(const std::string& options) { return join_options(options, false); }

PetscSession::PetscSession(const std::string& options) {
  if (session_exists) {
    throw UsageError("only one PetscSession may exist per process");
  }
  // -log_view starts logging and -malloc_debug the checked allocator inside PetscInitialize: set before it.
  for (const auto& [name, value] : option_pairs(global_options(options))) {
    if (PetscOptionsSetValue(nullptr, name.c_str(), value.empty() ? nullptr : value.c_str()) != 0) {
      throw UsageError("PETSc cannot set the option " + name);
    }
  }
  // PETSc calls MPI_Init unless MPI is already initialised (then PetscFinalize leaves MPI running).
  if (PetscInitializeNoArguments() != 0) {
    throw BackendError("PetscInitialize failed");
  }
  // From here on PETSc reports errors to us (petsc_call) instead of printing tracebacks.
  PetscPushErrorHandler(petsc_detail::capture_petsc_error, nullptr);
  // PETSc's "stdout" (PetscPrintf, the ASCII stdout viewers of -ksp_monitor, -log_view, -ksp_view) is the
  // FILE* PETSC_STDOUT: pointed at stderr, PETSc's reports never fall between the rows of a results table.
  PETSC_STDOUT = stderr;
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
    throw UsageError("PETSc options start with '-', got '" + first + "' in \"" + options + "\"");
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

}  // namespace adasolve::backend
