#pragma once
// The subcommands of adasolve-dcdm; each parses its own options (argv[0] is the subcommand name).
namespace adasolve::dcdm_app {

int run_solve(int argc, char** argv);
int run_train(int argc, char** argv);
int run_bench(int argc, char** argv);

}  // namespace adasolve::dcdm_app
