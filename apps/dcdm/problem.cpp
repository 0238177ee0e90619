#include "dcdm/problem.hpp"

#include "adasolve/core/error.hpp"
#include "adasolve/dcdm/problems.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "adasolve/pde/obstacles.hpp"
#include "adasolve/pde/poisson.hpp"

namespace adasolve::dcdm_app {

Problem generated_problem(const std::string& domain, int n, const std::string& rhs, std::uint64_t seed) {
  if (n < 2) {
    throw UsageError("--grid must be >= 2 for a generated problem, got " + std::to_string(n));
  }
  const pde::GridShape shape{n, n, n};
  const pde::SolidMask mask = pde::named_mask(domain, shape, seed);
  pde::GridProblem grid_problem = pde::poisson_3d(shape, &mask);
  Problem p;
  p.name = grid_problem.name;
  p.map = dcdm::grid_map_of(grid_problem);
  p.matrix = std::make_shared<const CsrMatrix>(std::move(grid_problem.matrix));
  p.rhs = dcdm::named_rhs(rhs, p.map, seed);
  return p;
}

Problem file_problem(const std::string& file, const std::string& grid, const std::string& rhs,
                     const std::string& rhs_file, std::uint64_t seed) {
  if (grid.empty()) {
    throw UsageError("--matrix needs --grid NX,NY,NZ: how the unknowns map to the grid the network sees");
  }
  const CsrMatrix a = io::read_matrix_market(file);
  if (!a.is_square()) {
    throw InputError(file + ": matrix is " + std::to_string(a.rows()) + " x " + std::to_string(a.cols()) +
                     ", not square");
  }
  dcdm::GriddedSystem system;
  try {
    system = dcdm::grid_system_from_matrix(a, dcdm::parse_grid_shape(grid));
  } catch (const InputError& e) {
    throw InputError(file + ": " + e.what());
  }
  if (!system.matrix.is_numerically_symmetric(1e-12)) {
    throw InputError(file + ": matrix is not symmetric, so not SPD (DCDM needs an SPD matrix)");
  }
  for (Index i = 0; i < system.matrix.rows(); ++i) {
    if (!(system.matrix.diagonal(i) > 0.0)) {
      throw InputError(file + ": diagonal entry of unknown " + std::to_string(i + 1) +
                       " is not positive, so the matrix is not SPD");
    }
  }
  Problem p;
  p.name = std::filesystem::path(file).stem().string();
  p.source = file;
  p.map = std::move(system.map);
  p.matrix = std::make_shared<const CsrMatrix>(std::move(system.matrix));
  if (!rhs_file.empty()) {
    p.rhs = io::read_matrix_market_vector(rhs_file);
    if (static_cast<Index>(p.rhs.size()) != p.matrix->rows()) {
      throw InputError(rhs_file + ": vector has " + std::to_string(p.rhs.size()) +
                       " entries, the system has " + std::to_string(p.matrix->rows()) + " unknowns");
    }
  } else {
    p.rhs = dcdm::named_rhs(rhs, p.map, seed);
  }
  return p;
}

}  // namespace adasolve::dcdm_app
