// adasolve-seq: solves a sequence of related linear systems, choosing the relaxation factor omega for each
// one with a (contextual) bandit that learns from the iteration counts (methods/relax.md).
#include <algorithm>
#include <string_view>

#include "common/app_main.hpp"
#include "common/launcher.hpp"
#include "common/options.hpp"
#include "seq/seq_backend.hpp"
#include "seq/seq_config.hpp"
#include "seq/seq_run.hpp"

namespace {

constexpr const char* kDescription =
    "Solves a sequence of linear systems one after another and prints one row per instance\n"
    "(omega, iterations, relative residual, seconds, stop reason) and a summary.\n"
    "--preset demo solves one period of kappa (1000 steps) of the E2 heat equation with nx = 50\n"
    "(2401 unknowns), SSOR-PCG, omega chosen by ChebCB from kappa, warm-started.\n"
    "A PETSc program's own systems: run it with -ksp_view_mat binary:A.bin -ksp_view_rhs binary:b.bin,\n"
    "then adasolve-seq --petsc-binary A.bin --rhs b.bin --solver ssor-pcg.\n"
    "Exit codes: 0 all instances converged, 1 some did not, 2 bad input or options, 3 internal error,\n"
    "128 + signal when interrupted by SIGTERM/SIGINT (after the instance in progress, the checkpoint, if\n"
    "any, is written; --resume continues; a second signal stops at once, losing that instance only).";

}  // namespace

int main(int argc, char** argv) {
  adasolve::app::print_on_first_rank_only();  // under mpiexec: one terminal, one voice
  return adasolve::app::run(
      "adasolve-seq", argc, argv,
      [](int argc, char** argv) {
        const auto options = adasolve::app::seq_options();
        adasolve::app::ParsedOptions parsed;
        const auto read = [&] {
          parsed = adasolve::app::parse_options(argc, argv, options, nullptr,
                                                adasolve::app::seq_deprecated_options());
          return parsed.help ? adasolve::app::SeqConfig{} : adasolve::app::read_seq_config(parsed.values);
        };
        // A config file is the one input read before the run that a rank may see differently from another.
        const bool config_given = std::any_of(argv + 1, argv + argc, [](const char* arg) {
          return std::string_view(arg) == "--config" || std::string_view(arg).rfind("--config=", 0) == 0;
        });
        const auto config = config_given && adasolve::app::launcher_size() > 1
                                ? adasolve::app::read_seq_config_collectively(read)
                                : read();
        if (parsed.help) {
          adasolve::app::print_help("adasolve-seq [--preset demo | SEQUENCE] [options]", kDescription,
                                    options);
          return 0;
        }
        if (config.backend != "petsc") {
          adasolve::app::require_single_process("add --backend petsc to spread each solve over the ranks");
        }
        return adasolve::app::run_seq(config);
      },
      adasolve::app::MpiUse::distributed);
}
