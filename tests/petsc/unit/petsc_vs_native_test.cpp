// On one process, PETSc's SOR (Richardson + forward PCSOR) and SSOR-PCG (CG + symmetric PCSOR, or CG +
// interface-ordered SSOR, which is the same preconditioner on one rank) take the iterations of adasolve's
// SorSolver and SsorPcgSolver within +-1 for the same omega, on the matrices of both experiments (E1
// shifted Laplacian, E2 heat step in the strong phase).
#include <catch2/catch.hpp>
#include <cstdlib>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/linear/sor.hpp"
#include "adasolve/linear/ssor_pcg.hpp"
#include "adasolve/pde/heat.hpp"
#include "test_support.hpp"

using namespace adasolve;
using namespace adasolve::backend;
using namespace adasolve::linear;

namespace {

struct System {
  std::string name;
  std::shared_ptr<const CsrMatrix> a;
  std::vector<double> b;
  std::vector<double> x0;
};

std::vector<System> systems() {
  std::vector<System> out;
  auto e1 = std::make_shared<const CsrMatrix>(test::laplacian_2d(10, -0.12));  // near-singular E1 instance
  out.push_back(
      {"E1 shift -0.12", e1, test::gaussian_vector(e1->rows(), 2), std::vector<double>(e1->rows(), 0.0)});
  pde::HeatSettings heat;
  heat.nx = 40;
  heat.steps = 1;
  heat.t0 = 0.7;  // strong phase, kappa near 10
  pde::HeatSimulation sim(heat);
  auto step = sim.current();
  out.push_back({"E2 heat step t=0.7", std::make_shared<const CsrMatrix>(std::move(step.matrix)), step.rhs,
                 sim.state()});  // warm start from the current state, as in h2d.m
  return out;
}

}  // namespace

TEST_CASE("petsc vs native: SOR iterations agree within one for every omega of the grid", "[petsc]") {
  for (const auto& system : systems()) {
    SorSolver native(SorSettings{1.0}, sor_default_criteria());
    PetscKspSolver petsc(PetscKspSettings::sor(1.0), sor_default_criteria());
    native.setup(system.a);
    petsc.setup(system.a);
    for (int k = 0; k < 20; ++k) {
      const double omega = 1.0 + 0.05 * k;
      native.set_omega(omega);
      petsc.set_omega(omega);
      std::vector<double> x1(system.b.size(), 0.0), x2(system.b.size(), 0.0);
      const auto r1 = native.solve(system.b, x1);
      const auto r2 = petsc.solve(system.b, x2);
      INFO(system.name << ", omega " << omega << ": native " << r1.iterations << ", PETSc " << r2.iterations);
      CHECK(r1.reason == r2.reason);
      CHECK(std::abs(r1.iterations - r2.iterations) <= 1);
    }
  }
}

TEST_CASE("petsc vs native: SSOR-PCG iterations agree within one for every omega of the grid", "[petsc]") {
  for (const auto& system : systems()) {
    SsorPcgSolver native(SorSettings{1.0});
    PetscKspSolver petsc(PetscKspSettings::ssor_pcg(1.0));
    native.setup(system.a);
    petsc.setup(system.a);
    for (int k = 0; k < 20; ++k) {
      const double omega = 1.0 + 0.05 * k;
      native.set_omega(omega);
      petsc.set_omega(omega);
      auto x1 = system.x0;
      auto x2 = system.x0;
      const auto r1 = native.solve(system.b, x1);
      const auto r2 = petsc.solve(system.b, x2);
      INFO(system.name << ", omega " << omega << ": native " << r1.iterations << ", PETSc " << r2.iterations);
      CHECK(r1.converged());
      CHECK(r2.converged());
      CHECK(std::abs(r1.iterations - r2.iterations) <= 1);
    }
  }
}

TEST_CASE("petsc vs native: interface-ordered SSOR-PCG on one rank takes SSOR-PCG's iterations within one",
          "[petsc][interface-ssor]") {
  for (const auto& system : systems()) {
    SsorPcgSolver native(SorSettings{1.0});
    PetscKspSolver petsc(PetscKspSettings::interface_ssor_pcg(1.0));
    native.setup(system.a);
    petsc.setup(system.a);
    CHECK(petsc.name() == "petsc-cg-interface-ssor");
    for (double omega : {1.0, 1.3, 1.6, 1.8, 1.9, 1.95}) {
      native.set_omega(omega);
      petsc.set_omega(omega);
      auto x1 = system.x0;
      auto x2 = system.x0;
      const auto r1 = native.solve(system.b, x1);
      const auto r2 = petsc.solve(system.b, x2);
      INFO(system.name << ", omega " << omega << ": native " << r1.iterations << ", interface SSOR "
                       << r2.iterations);
      CHECK(r1.converged());
      CHECK(r2.converged());
      CHECK(std::abs(r1.iterations - r2.iterations) <= 1);
      CHECK(r2.parameters.at("omega") == omega);
    }
  }
}
