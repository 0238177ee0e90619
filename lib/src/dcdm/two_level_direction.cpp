#include "adasolve/dcdm/two_level_direction.hpp"

#include <algorithm>
#include <string>

#include "adasolve/core/error.hpp"
#include "adasolve/core/vector_ops.hpp"

namespace adasolve::dcdm {

namespace {

std::string describe(const pde::GridShape& s) {
  return std::to_string(s.nx) + "x" + std::to_string(s.ny) + "x" + std::to_string(s.nz);
}

Index cell_of(const GridMap& map, std::size_t unknown) {
  return map.cell_of_unknown.empty() ? static_cast<Index>(unknown) : map.cell_of_unknown[unknown];
}

}  // namespace

GridCoarsening GridCoarsening::of(const GridMap& fine) {
  const auto& f = fine.shape;
  if (f.nx % 2 != 0 || f.ny % 2 != 0 || f.nz % 2 != 0) {
    throw InputError("a two-level direction needs even grid dimensions, got " + describe(f));
  }
  const pde::GridShape c{f.nx / 2, f.ny / 2, f.nz / 2};
  // Coarse cell of every fine unknown, then the occupied coarse cells in cell order become the unknowns.
  const auto n = static_cast<std::size_t>(fine.unknowns());
  std::vector<Index> coarse_cell(n);
  std::vector<Index> unknown_of_coarse_cell(static_cast<std::size_t>(c.cells()), -1);
  for (std::size_t u = 0; u < n; ++u) {
    const Index cell = cell_of(fine, u);
    const Index i = cell % f.nx;
    const Index j = (cell / f.nx) % f.ny;
    const Index k = cell / (f.nx * f.ny);
    coarse_cell[u] = c.cell(i / 2, j / 2, k / 2);
    unknown_of_coarse_cell[static_cast<std::size_t>(coarse_cell[u])] = 0;
  }
  GridCoarsening result{GridMap{c, {}}, std::vector<Index>(n)};
  Index next = 0;
  std::vector<Index> cells;
  for (Index cell = 0; cell < c.cells(); ++cell) {
    if (unknown_of_coarse_cell[static_cast<std::size_t>(cell)] == 0) {
      unknown_of_coarse_cell[static_cast<std::size_t>(cell)] = next++;
      cells.push_back(cell);
    }
  }
  if (next < c.cells()) {
    result.coarse.cell_of_unknown = std::move(cells);  // else every coarse cell is an unknown: identity map
  }
  for (std::size_t u = 0; u < n; ++u) {
    result.coarse_of_fine[u] = unknown_of_coarse_cell[static_cast<std::size_t>(coarse_cell[u])];
  }
  return result;
}

CsrMatrix GridCoarsening::galerkin(const CsrMatrix& a) const {
  if (a.rows() != static_cast<Index>(coarse_of_fine.size())) {
    throw UsageError("GridCoarsening::galerkin: matrix has " + std::to_string(a.rows()) + " rows, the map " +
                     std::to_string(coarse_of_fine.size()) + " unknowns");
  }
  // (P^T A P)_IJ = sum of a_ij over fine i in aggregate I and fine j in aggregate J.
  std::vector<Triplet> entries;
  entries.reserve(static_cast<std::size_t>(a.nnz()));
  const auto ro = a.row_offsets();
  const auto ci = a.column_indices();
  const auto va = a.values();
  for (Index i = 0; i < a.rows(); ++i) {
    const Index row = coarse_of_fine[static_cast<std::size_t>(i)];
    for (Index p = ro[i]; p < ro[i + 1]; ++p) {
      entries.push_back({row, coarse_of_fine[static_cast<std::size_t>(ci[p])], va[p]});
    }
  }
  const Index n = coarse.unknowns();
  return CsrMatrix::from_triplets(n, n, entries);
}

void GridCoarsening::restrict_sum(std::span<const double> fine, std::span<double> coarse_vector) const {
  std::fill(coarse_vector.begin(), coarse_vector.end(), 0.0);
  for (std::size_t u = 0; u < coarse_of_fine.size(); ++u) {
    coarse_vector[static_cast<std::size_t>(coarse_of_fine[u])] += fine[u];
  }
}

void GridCoarsening::prolong(std::span<const double> coarse_vector, std::span<double> fine) const {
  for (std::size_t u = 0; u < coarse_of_fine.size(); ++u) {
    fine[u] = coarse_vector[static_cast<std::size_t>(coarse_of_fine[u])];
  }
}

std::vector<pde::GridShape> multigrid_levels(const pde::GridShape& shape, Index coarsest) {
  std::vector<pde::GridShape> levels{shape};
  for (;;) {
    const auto& s = levels.back();
    const bool divisible = s.nx % 4 == 0 && s.ny % 4 == 0 && s.nz % 4 == 0;
    if (!divisible || std::max({s.nx, s.ny, s.nz}) <= coarsest) {
      return levels;
    }
    levels.push_back({s.nx / 2, s.ny / 2, s.nz / 2});
  }
}

namespace {

class TwoLevelDirection final : public DirectionGenerator {
 public:
  TwoLevelDirection(std::string name, GridMap fine, std::unique_ptr<DirectionGenerator> smoother,
                    CoarseDirectionFactory coarse_factory)
      : name_(std::move(name)),
        map_(std::move(fine)),
        smoother_(std::move(smoother)),
        coarse_factory_(std::move(coarse_factory)) {
    if (!smoother_ || !coarse_factory_) {
      throw UsageError("two-level direction: null smoother or coarse factory");
    }
    map_.validate();
  }

  std::string name() const override { return name_; }

  void setup(const CsrMatrix& a) override {
    map_.check_matches(a);
    coarsening_ = GridCoarsening::of(map_);
    // The coarse generator may keep a reference to its matrix: both are replaced together.
    auto coarse_matrix = std::make_unique<CsrMatrix>(coarsening_.galerkin(a));
    auto coarse = coarse_factory_(coarsening_.coarse);
    if (!coarse) {
      throw UsageError("two-level direction: the coarse factory returned no generator");
    }
    coarse->setup(*coarse_matrix);
    coarse_ = std::move(coarse);
    coarse_matrix_ = std::move(coarse_matrix);
    smoother_->setup(a);
    a_ = &a;
    const auto n = static_cast<std::size_t>(a.rows());
    const auto nc = static_cast<std::size_t>(coarse_matrix_->rows());
    s_.assign(n, 0.0);
    c_.assign(n, 0.0);
    ac_.assign(n, 0.0);
    t_.assign(n, 0.0);
    coarse_r_.assign(nc, 0.0);
    coarse_e_.assign(nc, 0.0);
  }

  void begin_solve() override {
    smoother_->begin_solve();
    coarse_->begin_solve();
  }

  void apply(std::span<const double> r, std::span<double> d) override {
    smoother_->apply(r, d);                   // z = M^-1 r (held in d)
    a_->residual(r, d, s_);                   // s = r - A z
    coarsening_.restrict_sum(s_, coarse_r_);  // P^T s
    const double norm = vec::norm2(coarse_r_);
    if (norm > 0.0) {
      vec::scale(1.0 / norm, coarse_r_);
      coarse_->apply(coarse_r_, coarse_e_);
      coarsening_.prolong(coarse_e_, c_);  // c = P G_c(...)
      a_->multiply(c_, ac_);
      const double c_ac = vec::dot(c_, ac_);
      if (c_ac > 0.0) {
        const double gamma = vec::dot(c_, s_) / c_ac;  // exact line search along c
        vec::axpy(gamma, c_, d);                       // d = z + gamma c
        vec::axpy(-gamma, ac_, s_);                    // s = r - A d
      }
    }
    smoother_->apply(s_, t_);  // post-smoothing
    vec::axpy(1.0, t_, d);     // d += M^-1 (r - A d)
  }

 private:
  std::string name_;
  GridMap map_;
  std::unique_ptr<DirectionGenerator> smoother_;
  CoarseDirectionFactory coarse_factory_;
  GridCoarsening coarsening_;
  std::unique_ptr<CsrMatrix> coarse_matrix_;
  std::unique_ptr<DirectionGenerator> coarse_;
  const CsrMatrix* a_ = nullptr;
  std::vector<double> s_, c_, ac_, t_, coarse_r_, coarse_e_;
};

}  // namespace

std::unique_ptr<DirectionGenerator> make_two_level_direction(std::string name, GridMap fine,
                                                             std::unique_ptr<DirectionGenerator> smoother,
                                                             CoarseDirectionFactory coarse) {
  return std::make_unique<TwoLevelDirection>(std::move(name), std::move(fine), std::move(smoother),
                                             std::move(coarse));
}

namespace {

/// The V-cycle from a level with `levels_left` levels (itself included) down to the coarsest.
std::unique_ptr<DirectionGenerator> multigrid_from(const std::string& coarsest_name, GridMap map,
                                                   std::size_t levels_left,
                                                   const CoarseDirectionFactory& solve) {
  if (levels_left <= 1) {
    auto generator = solve(map);
    if (!generator) {
      throw UsageError("multigrid direction: the coarsest factory returned no generator");
    }
    return generator;
  }
  return make_two_level_direction("multigrid-ic0-" + coarsest_name, std::move(map), make_ic0_direction(),
                                  [coarsest_name, levels_left, solve](const GridMap& coarse) {
                                    return multigrid_from(coarsest_name, coarse, levels_left - 1, solve);
                                  });
}

}  // namespace

std::unique_ptr<DirectionGenerator> make_multigrid_direction(const std::string& coarsest_name, GridMap map,
                                                             Index coarsest,
                                                             CoarseDirectionFactory coarsest_solve) {
  if (!coarsest_solve) {
    throw UsageError("multigrid direction: null coarsest factory");
  }
  if (coarsest < 2) {
    throw UsageError("multigrid direction: the coarsest grid must be >= 2 cells wide, got " +
                     std::to_string(coarsest));
  }
  const std::size_t levels = multigrid_levels(map.shape, coarsest).size();
  return multigrid_from(coarsest_name, std::move(map), levels, coarsest_solve);
}

}  // namespace adasolve::dcdm
