#pragma once
// Processes started by an MPI launcher (mpiexec, srun): one terminal, one voice. Rank 0 prints; the other
// ranks' stdout and stderr go to /dev/null from the first line of main, before any option is parsed, so
// that an error every rank finds (a bad option, an unreadable file) is printed once. Their exit codes
// still count: a distributed run makes every rank exit with the same code (design.md, CLI conventions).
#include <string>

#include "adasolve/core/error.hpp"

namespace adasolve::app {

/// The rank the launcher gave this process (OMPI_COMM_WORLD_RANK, PMIX_RANK, PMI_RANK, SLURM_PROCID),
/// 0 when not started by a launcher.
int launcher_rank();

/// The number of ranks the launcher started (OMPI_COMM_WORLD_SIZE, PMI_SIZE, SLURM_STEP_NUM_TASKS), read
/// from the environment before MPI is initialised; 1 when not started by a launcher.
int launcher_size();

/// Sends stdout and stderr to /dev/null unless launcher_rank() is 0.
void print_on_first_rank_only();

/// The MPI rule's error: every rank finds it alike, so run() prints it on rank 0 only.
class SingleProcessError : public UsageError {
 public:
  using UsageError::UsageError;
};

/// Throws SingleProcessError "started on N MPI ranks without a distributed backend: ..." when
/// launcher_size() > 1. `hint` names the distributed backend where the app has one ("" when none).
void require_single_process(const std::string& hint);

}  // namespace adasolve::app
