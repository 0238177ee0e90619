// adasolve-dcdm: the Deep Conjugate Direction Method (docs/methods/dcdm.md).
//   adasolve-dcdm solve  ...   solve one system with DCDM (or a classical generator)
//   adasolve-dcdm train  ...   train the direction network (Lanczos data, Adam, checkpoints, --resume)
//   adasolve-dcdm bench  ...   iterations and time of DCDM against CG, IC(0)-PCG, deflated PCG, CHOLMOD
#include <iostream>
#include <string>
#include <vector>

#include "adasolve/core/error.hpp"
#include "common/app_main.hpp"
#include "common/subcommands.hpp"
#include "dcdm/commands.hpp"

namespace {

constexpr const char* kUsage =
    "Usage: adasolve-dcdm <command> [options]\n\n"
    "Deep Conjugate Direction Method: a conjugate-direction solver whose search directions come from a\n"
    "convolutional network trained to approximate A^-1 (Kaneda et al., ICML 2023).\n\n"
    "Commands:\n"
    "  solve   solve a Poisson problem (generated or a .mtx file with --grid) and report\n"
    "  train   train the network; checkpoints every epoch, --resume continues a killed run\n"
    "  bench   iterations and seconds to 1e-4 / 1e-6 for DCDM and the baselines, as a table or JSON lines\n\n"
    "Run 'adasolve-dcdm <command> --help' for the options of a command, 'adasolve-dcdm --version' for the "
    "version.\n";

int dispatch(int argc, char** argv) {
  static const std::vector<adasolve::app::Subcommand> commands{{"solve", "", adasolve::dcdm_app::run_solve},
                                                               {"train", "", adasolve::dcdm_app::run_train},
                                                               {"bench", "", adasolve::dcdm_app::run_bench}};
  return adasolve::app::dispatch_subcommand(argc, argv, commands, [] { std::cout << kUsage; });
}

}  // namespace

int main(int argc, char** argv) { return adasolve::app::run("adasolve-dcdm", argc, argv, dispatch); }
