// Learns the SOR relaxation factor over a sequence of shifted Laplacians A + c_t I (the E1 experiment of
// Khodak et al. 2024) through adasolve's library API: a sequence source, a Tsallis-INF policy and the
// sequence runner, then compares the total iterations with Gauss-Seidel (omega = 1).
// Exit status 0 when every system converged and learning took fewer iterations than Gauss-Seidel.
#include <adasolve/bandit/policy_settings.hpp>
#include <adasolve/config.hpp>
#include <adasolve/core/version.hpp>
#include <adasolve/linear/sor.hpp>
#include <adasolve/sequence/instance_source.hpp>
#include <adasolve/sequence/sequence_runner.hpp>
#include <cstdio>
#include <memory>

namespace {

struct Totals {
  double cost = 0;
  int failures = 0;
};

Totals run(const std::string& policy_name) {
  adasolve::sequence::ShiftedLaplacianSequenceSettings sequence;
  sequence.count = 200;  // on a 10 x 10 grid
  auto source = adasolve::sequence::make_shifted_laplacian_sequence(sequence);

  adasolve::bandit::OmegaPolicySettings policy_settings;
  policy_settings.policy = policy_name;  // "fixed" uses omega = 1
  auto policy = adasolve::bandit::make_omega_policy(policy_settings);

  auto make_solver = [](double omega) -> std::unique_ptr<adasolve::LinearSolver> {
    adasolve::linear::SorSettings sor;
    sor.omega = omega;
    return std::make_unique<adasolve::linear::SorSolver>(sor);
  };
  adasolve::sequence::SequenceRunner runner(*source, make_solver, policy.get(), {});
  Totals totals;
  runner.run([&](const adasolve::sequence::InstanceRecord& r) {
    totals.cost += r.cost;
    totals.failures += r.converged() ? 0 : 1;
  });
  return totals;
}

}  // namespace

int main() {
  std::printf("adasolve %s (git %s), PETSc backend built: %s\n", std::string(adasolve::version()).c_str(),
              std::string(adasolve::git_revision()).c_str(), ADASOLVE_HAS_PETSC ? "yes" : "no");
  const Totals fixed = run("fixed");
  const Totals learned = run("tsallis-inf");
  std::printf("200 systems, SOR: Gauss-Seidel (omega = 1) took %.0f iterations, Tsallis-INF %.0f\n",
              fixed.cost, learned.cost);
  return fixed.failures == 0 && learned.failures == 0 && learned.cost < fixed.cost ? 0 : 1;
}
