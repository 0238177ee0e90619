#include "adasolve/pde/heat_rows.hpp"

#include <string>

#include "adasolve/core/error.hpp"

namespace adasolve::pde {

namespace {

Index interior_points(const HeatSettings& settings) { return settings.nx - 1; }

void check_range(const HeatSettings& settings, Index row_begin, Index row_end) {
  settings.validate();
  const Index m = interior_points(settings);
  if (row_begin < 0 || row_begin > row_end || row_end > m * m) {
    throw UsageError("heat rows [" + std::to_string(row_begin) + ", " + std::to_string(row_end) +
                     ") are not inside the " + std::to_string(m * m) + " unknowns");
  }
}

}  // namespace

double heat_step_s(const HeatSettings& settings, double t) {
  const double h = 1.0 / settings.nx;
  return 0.5 * heat_kappa(t + 0.5 * settings.dt) * settings.dt / (h * h);
}

CsrMatrix heat_matrix_rows(const HeatSettings& settings, double s, Index row_begin, Index row_end) {
  check_range(settings, row_begin, row_end);
  const Index m = interior_points(settings);
  const Index rows = row_end - row_begin;
  std::vector<Index> offsets(static_cast<std::size_t>(rows) + 1, 0);
  std::vector<Index> columns;
  std::vector<Scalar> values;
  columns.reserve(static_cast<std::size_t>(rows) * 5);
  values.reserve(static_cast<std::size_t>(rows) * 5);
  auto add = [&](Index column, Scalar value) {
    columns.push_back(column);
    values.push_back(value);
  };
  for (Index p = row_begin; p < row_end; ++p) {
    const Index i = p / m;
    const Index j = p % m;
    // Columns in increasing order: (i-1, j), (i, j-1), (i, j), (i, j+1), (i+1, j).
    if (i > 0) {
      add(p - m, -s);
    }
    if (j > 0) {
      add(p - 1, -s);
    }
    add(p, 1.0 + 4.0 * s);
    if (j + 1 < m) {
      add(p + 1, -s);
    }
    if (i + 1 < m) {
      add(p + m, -s);
    }
    offsets[static_cast<std::size_t>(p - row_begin) + 1] = static_cast<Index>(columns.size());
  }
  return CsrMatrix(rows, m * m, std::move(offsets), std::move(columns), std::move(values));
}

std::vector<double> heat_forcing_rows(const HeatSettings& settings, double t, Index row_begin,
                                      Index row_end) {
  check_range(settings, row_begin, row_end);
  const Index m = interior_points(settings);
  const double h = 1.0 / settings.nx;
  const auto [cx, cy] = heat_forcing_centre(t + 0.5 * settings.dt);
  std::vector<double> f(static_cast<std::size_t>(row_end - row_begin));
  for (Index p = row_begin; p < row_end; ++p) {
    const Index i = p / m;
    const Index j = p % m;
    f[static_cast<std::size_t>(p - row_begin)] =
        settings.dt * 32.0 * heat_bump((i + 1) * h, (j + 1) * h, cx, cy, 0.125);
  }
  return f;
}

std::vector<double> heat_initial_rows(const HeatSettings& settings, Index row_begin, Index row_end) {
  check_range(settings, row_begin, row_end);
  const Index m = interior_points(settings);
  const double h = 1.0 / settings.nx;
  std::vector<double> u(static_cast<std::size_t>(row_end - row_begin));
  for (Index p = row_begin; p < row_end; ++p) {
    u[static_cast<std::size_t>(p - row_begin)] = heat_bump((p / m + 1) * h, (p % m + 1) * h, 0.5, 0.5, 0.25);
  }
  return u;
}

}  // namespace adasolve::pde
