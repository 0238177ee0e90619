#include "adasolve/pde/poisson.hpp"

#include <span>
#include <string>

#include "adasolve/core/error.hpp"
#include "pde/fluid_regions.hpp"

namespace adasolve::pde {

namespace {

std::string shape_label(const GridShape& g, bool three_d) {
  const bool cube = g.nx == g.ny && (!three_d || g.ny == g.nz);
  if (cube) {
    return std::to_string(g.nx);
  }
  std::string label = std::to_string(g.nx) + "x" + std::to_string(g.ny);
  return three_d ? label + "x" + std::to_string(g.nz) : label;
}

/// Throws InputError naming the first fluid region that has no face on the box boundary.
void require_every_region_touches_boundary(const GridShape& g, bool three_d,
                                           std::span<const unsigned char> solid) {
  if (solid.empty()) {
    return;
  }
  const auto reached = detail::fluid_reaching_boundary(g, three_d, solid);
  const auto region = detail::first_enclosed_region(g, three_d, solid, reached);
  if (region.first_cell >= 0) {
    throw InputError("fluid region of " + std::to_string(region.cells) + " cells around cell " +
                     detail::describe_cell(g, three_d, region.first_cell) +
                     " does not touch the box boundary: its Neumann problem is singular");
  }
}

/// The (2 * dim + 1)-point stencil on the fluid cells, rows built in order directly into CSR arrays.
/// Row of the unknown in cell c: for each of its 2 * dim faces,
///   fluid neighbour  -> off-diagonal -1 and +1 on the diagonal (flux (u_c - u_d) across the face),
///   box boundary     -> +1 on the diagonal (ghost value 0: zero Dirichlet),
///   solid neighbour  -> nothing (no flux: Neumann).
GridProblem assemble(const GridShape& g, const SolidMask* mask, bool three_d, const std::string& kind) {
  g.validate();
  if (!three_d && g.nz != 1) {
    throw UsageError(kind + ": a 2D grid needs nz = 1, got " + std::to_string(g.nz));
  }
  std::span<const unsigned char> solid;
  if (mask != nullptr) {
    if (mask->shape.nx != g.nx || mask->shape.ny != g.ny || mask->shape.nz != g.nz) {
      throw UsageError(kind + ": the solid mask is for a different grid");
    }
    if (!mask->solid.empty() && mask->solid.size() != static_cast<std::size_t>(g.cells())) {
      throw UsageError(kind + ": the solid mask has " + std::to_string(mask->solid.size()) + " entries for " +
                       std::to_string(g.cells()) + " cells");
    }
    solid = mask->solid;
  }
  require_every_region_touches_boundary(g, three_d, solid);

  const Index cells = g.cells();
  auto fluid = [&](Index c) { return solid.empty() || solid[static_cast<std::size_t>(c)] == 0; };

  GridProblem problem;
  problem.shape = g;
  problem.name = kind + "-" + shape_label(g, three_d);
  if (mask != nullptr && !mask->name.empty() && mask->solid_cells() > 0) {
    problem.name += "-" + mask->name;
  }
  problem.unknown_of_cell.assign(static_cast<std::size_t>(cells), -1);
  Index unknowns = 0;
  for (Index c = 0; c < cells; ++c) {
    if (fluid(c)) {
      problem.unknown_of_cell[static_cast<std::size_t>(c)] = unknowns++;
    }
  }
  if (unknowns == 0) {
    throw InputError(kind + ": every cell is solid, there are no unknowns");
  }
  problem.cell_of_unknown.resize(static_cast<std::size_t>(unknowns));
  for (Index c = 0; c < cells; ++c) {
    const Index u = problem.unknown_of_cell[static_cast<std::size_t>(c)];
    if (u >= 0) {
      problem.cell_of_unknown[static_cast<std::size_t>(u)] = c;
    }
  }

  // Neighbour offsets in increasing order; unknowns are numbered in cell order, so columns come out sorted.
  const Index plane = g.nx * g.ny;
  struct Face {
    Index offset;
    int axis;  // 0 = x, 1 = y, 2 = z
    int side;  // -1 lower, +1 upper
  };
  std::vector<Face> faces;
  if (three_d) {
    faces.push_back({-plane, 2, -1});
  }
  faces.push_back({-g.nx, 1, -1});
  faces.push_back({-1, 0, -1});
  faces.push_back({0, -1, 0});  // the diagonal's place in the row
  faces.push_back({1, 0, 1});
  faces.push_back({g.nx, 1, 1});
  if (three_d) {
    faces.push_back({plane, 2, 1});
  }
  const Index extent[3] = {g.nx, g.ny, g.nz};
  auto neighbour_inside = [&](const Index(&ijk)[3], const Face& f) {
    const Index next = ijk[f.axis] + f.side;
    return next >= 0 && next < extent[f.axis];
  };

  // Pass 1: exact row lengths (1 + fluid neighbours), so the arrays are allocated once.
  std::vector<Index> row_offsets(static_cast<std::size_t>(unknowns) + 1, 0);
  for (Index u = 0; u < unknowns; ++u) {
    const Index c = problem.cell_of_unknown[static_cast<std::size_t>(u)];
    const Index ijk[3] = {c % g.nx, (c / g.nx) % g.ny, c / plane};
    Index length = 1;
    for (const Face& f : faces) {
      if (f.axis >= 0 && neighbour_inside(ijk, f) && fluid(c + f.offset)) {
        ++length;
      }
    }
    row_offsets[static_cast<std::size_t>(u) + 1] = row_offsets[static_cast<std::size_t>(u)] + length;
  }
  const auto nnz = static_cast<std::size_t>(row_offsets.back());
  std::vector<Index> columns(nnz);
  std::vector<Scalar> values(nnz);

  // Pass 2: fill each row in column order.
  for (Index u = 0; u < unknowns; ++u) {
    const Index c = problem.cell_of_unknown[static_cast<std::size_t>(u)];
    const Index ijk[3] = {c % g.nx, (c / g.nx) % g.ny, c / plane};
    auto k = static_cast<std::size_t>(row_offsets[static_cast<std::size_t>(u)]);
    std::size_t diagonal_slot = 0;
    Scalar diagonal = 0.0;
    for (const Face& f : faces) {
      if (f.axis < 0) {
        diagonal_slot = k;
        columns[k++] = u;
      } else if (!neighbour_inside(ijk, f)) {
        diagonal += 1.0;  // Dirichlet ghost
      } else if (fluid(c + f.offset)) {
        diagonal += 1.0;
        columns[k] = problem.unknown_of_cell[static_cast<std::size_t>(c + f.offset)];
        values[k++] = -1.0;
      }
    }
    values[diagonal_slot] = diagonal;
  }
  problem.matrix =
      CsrMatrix(unknowns, unknowns, std::move(row_offsets), std::move(columns), std::move(values));
  return problem;
}

}  // namespace

GridProblem poisson_2d(GridShape shape, const SolidMask* mask) {
  return assemble(shape, mask, false, "poisson2d");
}

GridProblem poisson_3d(GridShape shape, const SolidMask* mask) {
  return assemble(shape, mask, true, "poisson3d");
}

}  // namespace adasolve::pde
