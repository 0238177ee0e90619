#pragma once
// The system a command works on: a generated 3D Poisson problem (cube or an obstacle domain) or a Matrix
// Market file with --grid NX,NY,NZ, with its grid map and right-hand side.
#include <memory>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/dcdm/grid_map.hpp"

namespace adasolve::dcdm_app {

struct Problem {
  std::string name;
  std::shared_ptr<const CsrMatrix> matrix;
  dcdm::GridMap map;
  std::vector<double> rhs;
  std::string source;  ///< file name for file problems ("" when generated): prefix of input errors
};

/// 3D Poisson on an n^3 grid with the named obstacle domain ("cube", "sphere", "boxes", "blob").
Problem generated_problem(const std::string& domain, int n, const std::string& rhs, std::uint64_t seed);
/// A .mtx matrix on a grid (rows = NX*NY*NZ; empty rows are non-fluid cells). Checks that it is symmetric
/// with a positive diagonal (InputError "FILE: ..." otherwise). rhs_file, when not empty, is a .mtx vector.
Problem file_problem(const std::string& file, const std::string& grid, const std::string& rhs,
                     const std::string& rhs_file, std::uint64_t seed);

}  // namespace adasolve::dcdm_app
