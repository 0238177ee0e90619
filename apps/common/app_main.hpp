#pragma once
// The one place where exceptions become exit codes and one-line errors (design.md, CLI conventions):
//   0 success; 1 the method ran but missed its target; 2 usage or input error; 3 internal/backend error.
// Every app's main is `return adasolve::app::run(name, argc, argv, body);`.
#include <functional>
#include <ostream>
#include <string>

namespace adasolve::app {

enum ExitCode : int { kSuccess = 0, kNotConverged = 1, kUsageOrInput = 2, kInternal = 3 };

/// Whether an app can spread one run over MPI ranks (adasolve-seq --backend petsc).
enum class MpiUse { none, distributed };

/// With --version anywhere among the arguments, prints "NAME VERSION (git REVISION)" and returns 0.
/// Started by an MPI launcher on more than one rank, an app with MpiUse::none exits 2 with one line (printed
/// by rank 0) before anything else: N copies of one job would write the same files (an app with a
/// distributed backend calls require_single_process itself when that backend is not chosen).
/// Otherwise runs body(argc, argv); maps InputError/UsageError/Boost.PO errors to 2, BackendError and
/// everything else to 3, printing "NAME: error: what" (one line) to stderr.
int run(const std::string& app_name, int argc, char** argv, const std::function<int(int, char**)>& body,
        MpiUse mpi = MpiUse::none);

/// The name run() was given ("adasolve-seq"), for warnings printed outside it.
const std::string& app_name();

/// Flushes `out` and throws InputError "NAME: write failed (reason)" if any write to it failed (a full disk,
/// a closed pipe). Call it after the last write to every output file.
void check_output_stream(std::ostream& out, const std::string& name);

/// The same for standard output; run() calls it after the body returns, so every app reports a lost
/// result (stdout on a full device) with exit 2 instead of exiting 0.
void check_standard_output();

/// "NAME VERSION (git REVISION)", the --version line.
std::string version_line(const std::string& app_name);

/// Collapses a message to one line (newlines become "; ").
std::string one_line(const std::string& message);

}  // namespace adasolve::app
