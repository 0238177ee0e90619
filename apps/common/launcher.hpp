#pragma once
// Processes started by an MPI launcher (mpiexec, srun): one terminal, one voice. Rank 0 prints; the other
// ranks' stdout and stderr go to /dev/null from the first line of main, before any option is parsed, so
// that an error every rank finds (a bad option, an unreadable file) is printed once. Their exit codes
// still count: a distributed run makes every rank exit with the same code (design.md, CLI conventions).
namespace adasolve::app {

/// The rank the launcher gave this process (OMPI_COMM_WORLD_RANK, PMIX_RANK, PMI_RANK, SLURM_PROCID),
/// 0 when not started by a launcher.
int launcher_rank();

/// Sends stdout and stderr to /dev/null unless launcher_rank() is 0.
void print_on_first_rank_only();

}  // namespace adasolve::app
