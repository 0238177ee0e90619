// PetscKspSettings: validation and the presets adasolve compares against.
#include <cmath>

#include "adasolve/backend/petsc.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/linear/sor.hpp"

namespace adasolve::backend {

void PetscKspSettings::validate() const {
  if (ksp_type.empty()) {
    throw UsageError("petsc.ksp_type must name a PETSc KSP type, got an empty string");
  }
  if (pc_type.empty()) {
    throw UsageError("petsc.pc_type must name a PETSc PC type, got an empty string");
  }
  // The same range PCSORSetOmega enforces ("Relaxation out of range").
  check_omega("petsc.omega", omega);
  if (grid_columns < 0 || pipeline_block_columns < 0) {
    throw UsageError("petsc.grid_columns and petsc.pipeline_block_columns must be >= 0, got " +
                     std::to_string(grid_columns) + " and " + std::to_string(pipeline_block_columns));
  }
  if (pc_type == kPipelinedSsorPcType && grid_columns == 0) {
    throw UsageError(
        "pipelined-ssor needs the grid's width (petsc.grid_columns): it sweeps the grid in column blocks");
  }
  if (options_prefix.find_first_of(" \t-") != std::string::npos) {
    throw UsageError("petsc.options_prefix must be one word without '-', got '" + options_prefix + "'");
  }
}

bool PetscKspSettings::uses_omega() const {
  return pc_type == "sor" || pc_type == "eisenstat" || pc_type == kInterfaceSsorPcType ||
         pc_type == kPipelinedSsorPcType;
}

bool PetscKspSettings::needs_nonzero_diagonal() const { return uses_omega() || pc_type == "jacobi"; }

PetscKspSettings PetscKspSettings::sor(double omega) {
  PetscKspSettings s;
  s.ksp_type = "richardson";
  s.pc_type = "sor";
  s.omega = omega;
  s.symmetric_sweep = false;
  return s;
}

PetscKspSettings PetscKspSettings::ssor_pcg(double omega) {
  PetscKspSettings s;
  s.ksp_type = "cg";
  s.pc_type = "sor";
  s.omega = omega;
  s.symmetric_sweep = true;
  return s;
}

PetscKspSettings PetscKspSettings::interface_ssor_pcg(double omega) {
  PetscKspSettings s;
  s.ksp_type = "cg";
  s.pc_type = kInterfaceSsorPcType;
  s.omega = omega;
  return s;
}

PetscKspSettings PetscKspSettings::pipelined_ssor_pcg(double omega, Index grid_columns) {
  PetscKspSettings s;
  s.ksp_type = "cg";
  s.pc_type = kPipelinedSsorPcType;
  s.omega = omega;
  s.grid_columns = grid_columns;
  return s;
}

PetscKspSettings PetscKspSettings::eisenstat_pcg(double omega) {
  PetscKspSettings s;
  s.ksp_type = "cg";
  s.pc_type = "eisenstat";
  s.omega = omega;
  return s;
}

PetscKspSettings PetscKspSettings::cg_with(const std::string& pc_type) {
  PetscKspSettings s;
  s.ksp_type = "cg";
  s.pc_type = pc_type;
  return s;
}

}  // namespace adasolve::backend
