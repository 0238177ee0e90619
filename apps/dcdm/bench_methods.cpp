#include "dcdm/bench_methods.hpp"

#include <chrono>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"
#include "adasolve/dcdm/dcdm_solver.hpp"
#include "adasolve/dcdm/deflated_pcg.hpp"
#include "adasolve/dcdm/neural_direction.hpp"
#include "adasolve/linear/ic0_preconditioner.hpp"
#include "adasolve/linear/pcg.hpp"
#include "dcdm/multigrid.hpp"
#ifdef ADASOLVE_DCDM_WITH_PETSC
#include "adasolve/backend/petsc.hpp"
#endif

namespace adasolve::dcdm_app {

std::span<const SettingField<BenchContext>> BenchContext::fields() {
  static const SettingField<BenchContext> described[] = {
      {"dcdm.max_iters", &BenchContext::dcdm_max_iters,
       "iteration cap of dcdm and the variants (each iteration costs a network application)",
       SettingRange::at_least(1.0)},
      {"stop.max_iters", &BenchContext::baseline_max_iters, "iteration cap of the classical methods",
       SettingRange::at_least(1.0)},
  };
  return described;
}

using namespace adasolve::backend;
using namespace adasolve::linear;

std::vector<std::string> iterative_methods() {
  std::vector<std::string> methods{"dcdm", "dcdm-twogrid", "dcdm-multigrid", "cg", "ic0-pcg", "deflated-pcg"};
  if (have_petsc()) {
    methods.push_back("gamg");
    methods.push_back("boomeramg");
  }
  return methods;
}

#ifdef ADASOLVE_DCDM_WITH_PETSC
bool have_petsc() { return true; }

struct PetscScope::Impl {
  PetscSession session;
};
PetscScope::PetscScope() : impl_(std::make_unique<Impl>()) {}
#else
bool have_petsc() { return false; }

struct PetscScope::Impl {};
PetscScope::PetscScope() = default;
#endif
PetscScope::~PetscScope() = default;

namespace {

std::unique_ptr<LinearSolver> make_method(const std::string& method, const Problem& problem,
                                          const BenchContext& context, StoppingCriteria stop) {
  if (method == "dcdm" || method == "dcdm-twogrid" || method == "dcdm-multigrid") {
    stop.max_iters = context.dcdm_max_iters;
    std::unique_ptr<dcdm::DirectionGenerator> directions;
    if (method == "dcdm") {
      directions = dcdm::make_network_direction(context.network, problem.map);
    } else if (method == "dcdm-twogrid") {
      directions =
          dcdm::make_twogrid_network_direction(context.network, problem.map, dcdm::make_ic0_direction());
    } else {
      directions = make_multigrid(
          context.coarse_solve, [&] { return context.network; }, problem.map, context.coarsest);
    }
    return std::make_unique<dcdm::DcdmSolver>(std::move(directions), dcdm::DcdmSettings{}, stop);
  }
  stop.max_iters = context.baseline_max_iters;
  if (method == "cg") {
    return make_cg(stop);
  }
  if (method == "ic0-pcg") {
    return std::make_unique<PcgSolver>(make_ic0_preconditioner(), stop);
  }
  if (method == "deflated-pcg") {
    return std::make_unique<dcdm::DeflatedPcgSolver>(dcdm::DeflationSettings{}, stop);
  }
#ifdef ADASOLVE_DCDM_WITH_PETSC
  if (method == "gamg" || method == "boomeramg") {
    return make_petsc_ksp_solver(PetscKspSettings::cg_with(method == "gamg" ? "gamg" : "hypre"), stop);
  }
#endif
  throw UsageError("bench: unknown method " + method);
}

}  // namespace

MethodResult run_iterative(const std::string& method, const Problem& problem, const BenchContext& context) {
  StoppingCriteria stop;
  stop.rtol = 1e-6;
  auto solver = make_method(method, problem, context, stop);
  MethodResult result;
  result.method = method == "dcdm-multigrid" && context.coarse_solve != "network"
                      ? method + ":" + context.coarse_solve
                      : method;
  const double rhs_norm = vec::norm2(problem.rhs);
  solver->add_monitor([&](const IterationEvent& e) {
    if (!result.iterations_1e4 && e.residual_norm <= 1e-4 * rhs_norm) {
      result.iterations_1e4 = e.iteration;
    }
  });
  solver->setup(problem.matrix);
  std::vector<double> x(problem.rhs.size(), 0.0);
  const SolveReport report = solver->solve(problem.rhs, x);
  result.setup_seconds = report.setup_seconds;
  result.solve_seconds = report.solve_seconds;
  result.converged = report.converged();
  if (result.converged) {
    result.iterations_1e6 = report.iterations;
  } else {
    result.note = "stopped: " + to_string(report.reason) + " after " + std::to_string(report.iterations);
  }
  return result;
}

MethodResult run_cholmod(const Problem& problem) {
  MethodResult result;
  result.method = "cholmod";
  result.note = "direct";
  const auto start = std::chrono::steady_clock::now();
  const CholmodFactor factor(*problem.matrix);
  const auto factored = std::chrono::steady_clock::now();
  std::vector<double> x(problem.rhs.size(), 0.0);
  factor.solve(problem.rhs, x);
  const auto solved = std::chrono::steady_clock::now();
  result.setup_seconds = std::chrono::duration<double>(factored - start).count();
  result.solve_seconds = std::chrono::duration<double>(solved - factored).count();
  std::vector<double> r(x.size());
  problem.matrix->residual(problem.rhs, x, r);
  result.converged = vec::norm2(r) <= 1e-6 * vec::norm2(problem.rhs);
  return result;
}

}  // namespace adasolve::dcdm_app
