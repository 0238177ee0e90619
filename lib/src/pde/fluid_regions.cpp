#include "pde/fluid_regions.hpp"

#include <algorithm>
#include <string>

namespace adasolve::pde::detail {

namespace {

bool is_fluid(std::span<const unsigned char> solid, Index c) {
  return solid.empty() || solid[static_cast<std::size_t>(c)] == 0;
}

/// Calls visit(neighbour) for every face neighbour of cell c inside the box.
template <class Visit>
void for_each_neighbour(const GridShape& g, bool three_d, Index c, Visit&& visit) {
  const Index plane = g.nx * g.ny;
  const Index i = c % g.nx;
  const Index j = (c / g.nx) % g.ny;
  const Index k = c / plane;
  if (i > 0) {
    visit(c - 1);
  }
  if (i + 1 < g.nx) {
    visit(c + 1);
  }
  if (j > 0) {
    visit(c - g.nx);
  }
  if (j + 1 < g.ny) {
    visit(c + g.nx);
  }
  if (three_d && k > 0) {
    visit(c - plane);
  }
  if (three_d && k + 1 < g.nz) {
    visit(c + plane);
  }
}

bool on_box_boundary(const GridShape& g, bool three_d, Index c) {
  const Index i = c % g.nx;
  const Index j = (c / g.nx) % g.ny;
  const Index k = c / (g.nx * g.ny);
  return i == 0 || i + 1 == g.nx || j == 0 || j + 1 == g.ny || (three_d && (k == 0 || k + 1 == g.nz));
}

/// Marks every fluid cell connected to the cells already on `stack` (which must be marked), depth-first.
Index flood(const GridShape& g, bool three_d, std::span<const unsigned char> solid, std::vector<Index>& stack,
            std::vector<unsigned char>& mark) {
  Index count = static_cast<Index>(stack.size());
  while (!stack.empty()) {
    const Index c = stack.back();
    stack.pop_back();
    for_each_neighbour(g, three_d, c, [&](Index d) {
      if (mark[static_cast<std::size_t>(d)] == 0 && is_fluid(solid, d)) {
        mark[static_cast<std::size_t>(d)] = 1;
        stack.push_back(d);
        ++count;
      }
    });
  }
  return count;
}

}  // namespace

std::vector<unsigned char> fluid_reaching_boundary(const GridShape& shape, bool three_d,
                                                   std::span<const unsigned char> solid) {
  const Index cells = shape.cells();
  std::vector<unsigned char> reached(static_cast<std::size_t>(cells), 0);
  if (solid.empty()) {
    std::fill(reached.begin(), reached.end(), 1);
    return reached;
  }
  std::vector<Index> stack;
  for (Index c = 0; c < cells; ++c) {
    if (is_fluid(solid, c) && on_box_boundary(shape, three_d, c)) {
      reached[static_cast<std::size_t>(c)] = 1;
      stack.push_back(c);
    }
  }
  flood(shape, three_d, solid, stack, reached);
  return reached;
}

EnclosedRegion first_enclosed_region(const GridShape& shape, bool three_d,
                                     std::span<const unsigned char> solid,
                                     std::span<const unsigned char> reached) {
  const Index cells = shape.cells();
  for (Index c = 0; c < cells; ++c) {
    if (is_fluid(solid, c) && reached[static_cast<std::size_t>(c)] == 0) {
      std::vector<unsigned char> mark(reached.begin(), reached.end());
      std::vector<Index> stack{c};
      mark[static_cast<std::size_t>(c)] = 1;
      return {c, flood(shape, three_d, solid, stack, mark)};
    }
  }
  return {};
}

std::string describe_cell(const GridShape& shape, bool three_d, Index cell) {
  const Index i = cell % shape.nx;
  const Index j = (cell / shape.nx) % shape.ny;
  const Index k = cell / (shape.nx * shape.ny);
  std::string s = std::to_string(i) + ", " + std::to_string(j);
  if (three_d) {
    s += ", " + std::to_string(k);
  }
  s.insert(s.begin(), '(');
  s.push_back(')');
  return s;
}

}  // namespace adasolve::pde::detail
