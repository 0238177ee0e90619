#include "adasolve/dcdm/grid_map.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "adasolve/core/error.hpp"

namespace adasolve::dcdm {

namespace {

std::string describe(const pde::GridShape& s) {
  return std::to_string(s.nx) + "x" + std::to_string(s.ny) + "x" + std::to_string(s.nz);
}

}  // namespace

void GridMap::validate() const {
  if (shape.nx < 1 || shape.ny < 1 || shape.nz < 1) {
    throw InputError("grid " + describe(shape) + ": every dimension must be >= 1");
  }
  if (cell_of_unknown.empty()) {
    return;
  }
  std::vector<unsigned char> seen(static_cast<std::size_t>(shape.cells()), 0);
  for (std::size_t u = 0; u < cell_of_unknown.size(); ++u) {
    const Index c = cell_of_unknown[u];
    if (c < 0 || c >= shape.cells() || seen[static_cast<std::size_t>(c)] != 0) {
      throw InputError("grid map: unknown " + std::to_string(u) + " maps to cell " + std::to_string(c) +
                       (c < 0 || c >= shape.cells() ? " outside the grid " + describe(shape) : " twice"));
    }
    seen[static_cast<std::size_t>(c)] = 1;
  }
}

void GridMap::check_matches(const CsrMatrix& a) const {
  if (unknowns() != a.rows()) {
    throw InputError("grid " + describe(shape) + " has " + std::to_string(shape.cells()) + " cells (" +
                     std::to_string(unknowns()) + " unknowns) but the matrix has " +
                     std::to_string(a.rows()) + " rows");
  }
}

void GridMap::scatter(std::span<const double> x, std::span<float> full) const {
  if (cell_of_unknown.empty()) {
    for (std::size_t c = 0; c < full.size(); ++c) {
      full[c] = static_cast<float>(x[c]);
    }
    return;
  }
  std::fill(full.begin(), full.end(), 0.0F);
  for (std::size_t u = 0; u < cell_of_unknown.size(); ++u) {
    full[static_cast<std::size_t>(cell_of_unknown[u])] = static_cast<float>(x[u]);
  }
}

void GridMap::gather(std::span<const float> full, std::span<double> x) const {
  if (cell_of_unknown.empty()) {
    for (std::size_t c = 0; c < x.size(); ++c) {
      x[c] = full[c];
    }
    return;
  }
  for (std::size_t u = 0; u < cell_of_unknown.size(); ++u) {
    x[u] = full[static_cast<std::size_t>(cell_of_unknown[u])];
  }
}

GridMap grid_map_of(const pde::GridProblem& problem) {
  GridMap map{problem.shape, problem.cell_of_unknown};
  if (static_cast<Index>(map.cell_of_unknown.size()) == problem.shape.cells()) {
    map.cell_of_unknown.clear();  // all fluid: the identity map
  }
  return map;
}

GriddedSystem grid_system_from_matrix(const CsrMatrix& a, pde::GridShape shape) {
  GridMap full{shape, {}};
  full.validate();
  full.check_matches(a);
  const auto ro = a.row_offsets();
  std::vector<Index> unknown_of_cell(static_cast<std::size_t>(a.rows()), -1);
  GridMap map{shape, {}};
  for (Index i = 0; i < a.rows(); ++i) {
    if (ro[i + 1] > ro[i]) {
      unknown_of_cell[i] = static_cast<Index>(map.cell_of_unknown.size());
      map.cell_of_unknown.push_back(i);
    }
  }
  if (static_cast<Index>(map.cell_of_unknown.size()) == a.rows()) {
    return {a, GridMap{shape, {}}};
  }
  std::vector<Triplet> kept;
  kept.reserve(static_cast<std::size_t>(a.nnz()));
  const auto ci = a.column_indices();
  const auto va = a.values();
  for (Index i = 0; i < a.rows(); ++i) {
    for (Index p = ro[i]; p < ro[i + 1]; ++p) {
      const Index row = unknown_of_cell[i];
      const Index col = unknown_of_cell[ci[p]];
      if (col < 0) {
        throw InputError("matrix row " + std::to_string(i + 1) + " couples to empty row " +
                         std::to_string(ci[p] + 1) +
                         ": empty rows must also be empty columns (non-fluid cells)");
      }
      kept.push_back({row, col, va[p]});
    }
  }
  const Index n = static_cast<Index>(map.cell_of_unknown.size());
  return {CsrMatrix::from_triplets(n, n, kept), std::move(map)};
}

pde::GridShape parse_grid_shape(const std::string& text) {
  std::vector<Index> dims;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    Index value = 0;
    const char* first = text.data() + start;
    const char* last = text.data() + comma;
    const auto result = std::from_chars(first, last, value);
    if (result.ec != std::errc() || result.ptr != last || value < 1) {
      throw InputError("grid shape '" + text +
                       "': expected NX,NY,NZ (or N for a cube) with positive integers");
    }
    dims.push_back(value);
    start = comma + 1;
  }
  if (dims.size() == 1) {
    return {dims[0], dims[0], dims[0]};
  }
  if (dims.size() != 3) {
    throw InputError("grid shape '" + text + "': expected NX,NY,NZ (or N for a cube)");
  }
  return {dims[0], dims[1], dims[2]};
}

}  // namespace adasolve::dcdm
