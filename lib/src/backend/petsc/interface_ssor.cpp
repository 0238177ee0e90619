#include "backend/petsc/interface_ssor.hpp"

#include <algorithm>

#include "adasolve/core/error.hpp"
#include "backend/petsc/sweep_from_zero.hpp"

namespace adasolve::backend::petsc_detail {

void InterfaceSsor::setup(InterfaceSplit split, const std::string& who) {
  sweeper_.reset();
  split_ = std::move(split);
  // Names the global row (SorSweeper would name the local one), agreed before any halo communication.
  require_nonzero_split_diagonal(comm_, split_, who);
  halo_.setup(comm_, split_.first_row, split_.local_rows(), split_.ghost_columns,
              [this](Index row) { return split_.is_interface(row); });
  ghosts_.assign(split_.ghost_columns.size(), 0.0);
  interface_rhs_.assign(static_cast<std::size_t>(split_.local_rows()), 0.0);
  sweeper_ = std::make_unique<linear::SorSweeper>(split_.diagonal_block, who);
}

int InterfaceSsor::halo_phases_per_apply() const {
  const int c = halo_.colours();
  if (c == 1) {
    return 0;  // no rank is coupled to another
  }
  return 2 * c - 1 - (halo_.ghosts_are_interface_rows() ? 1 : 0);
}

void InterfaceSsor::update_interface_rhs(std::span<const double> r) {
  const auto& rows = split_.interface_rows;
  const Index* offsets = split_.off_offsets.data();
  const Index* columns = split_.off_columns.data();
  const double* values = split_.off_values.data();
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const auto i = static_cast<std::size_t>(rows[k]);
    double s = r[i];  // b_eff_i = r_i - sum_j a_ij x_ghost_j over the other ranks' columns
    for (Index p = offsets[k]; p < offsets[k + 1]; ++p) {
      s -= values[p] * ghosts_[static_cast<std::size_t>(columns[p])];
    }
    interface_rhs_[i] = s;
  }
}

void InterfaceSsor::apply(std::span<const double> r, std::span<double> z, double omega) {
  if (!sweeper_) {
    throw UsageError("interface SSOR: setup() must be called before apply()");
  }
  const int colours = halo_.colours();
  const int mine = halo_.colour();
  const bool has_interface = !split_.interface_rows.empty();
  // Zero initial guess: the interface entries are read (as zero) by the interior sweep; every interior
  // entry is written by it before it is read.
  for (const Index i : split_.interface_rows) {
    z[static_cast<std::size_t>(i)] = 0.0;
  }
  std::fill(ghosts_.begin(), ghosts_.end(), 0.0);

  // Forward sweep: interiors (rows of the interface come later and hold zero, so the sweep from zero
  // applies: the interface entries of z, which the lower triangle may reach, are zeroed above), then
  // colour by colour.
  for (const RowRun& run : split_.interior_runs) {
    forward_from_zero_rows(split_.diagonal_block, sweeper_->inverse_diagonal(), r, z, omega, run.begin,
                           run.end);
  }
  for (int c = 0; c < colours; ++c) {
    // Before colour 0 the ghosts are still zero when every row another rank reads is an interface row.
    if (c > 0 || !halo_.ghosts_are_interface_rows()) {
      halo_.deliver_to_colour(c, z, ghosts_);
    }
    if (c == mine && has_interface) {
      update_interface_rhs(r);
      for (const RowRun& run : split_.interface_runs) {
        sweeper_->forward_rows(interface_rhs_, z, omega, run.begin, run.end);
      }
    }
  }
  // Backward sweep, the exact reverse. The last colour's ghosts have not changed since its forward phase
  // (no neighbour shares its colour), so it needs no halo update and b_eff is still valid.
  for (int c = colours - 1; c >= 0; --c) {
    if (c < colours - 1) {
      halo_.deliver_to_colour(c, z, ghosts_);
    }
    if (c == mine && has_interface) {
      if (c < colours - 1) {
        update_interface_rhs(r);
      }
      for (auto run = split_.interface_runs.rbegin(); run != split_.interface_runs.rend(); ++run) {
        sweeper_->backward_rows(interface_rhs_, z, omega, run->begin, run->end);
      }
    }
  }
  for (auto run = split_.interior_runs.rbegin(); run != split_.interior_runs.rend(); ++run) {
    sweeper_->backward_rows(r, z, omega, run->begin, run->end);
  }
}

}  // namespace adasolve::backend::petsc_detail
