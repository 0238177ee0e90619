#pragma once
// A parallel SSOR on the rank's InterfaceSplit (split_ssor.hpp: interface-ordered or pipelined) as a
// PETSc preconditioner: a PCSHELL whose setup reads the rank's rows of the preconditioning matrix
// (MatGetRow: global columns, no second copy of the matrix) and whose apply is SplitSsor::apply
// (private to the PETSc boundary).
#include <petscksp.h>

#include <exception>
#include <memory>
#include <string>

#include "backend/petsc/split_ssor.hpp"

namespace adasolve::backend::petsc_detail {

class SplitSsorPc {
 public:
  /// `who` starts error messages ("petsc-cg-interface-ssor"), `shell_name` is what PCView prints.
  SplitSsorPc(std::unique_ptr<SplitSsor> core, double omega, std::string who, std::string shell_name);
  SplitSsorPc(const SplitSsorPc&) = delete;
  SplitSsorPc& operator=(const SplitSsorPc&) = delete;

  /// Makes `pc` a PCSHELL that calls this object (which must outlive the PC's use).
  void attach(PC pc);
  /// Omega of the following applies (range checked by the caller).
  void set_omega(double omega) { omega_ = omega; }
  /// Rethrows, once, an exception raised inside a PETSc callback (PETSc saw only an error code).
  void rethrow_callback_error();

 private:
  static PetscErrorCode setup(PC pc);
  static PetscErrorCode apply(PC pc, Vec r, Vec z);
  void read_operator(PC pc);

  std::unique_ptr<SplitSsor> core_;
  double omega_;
  std::string who_;
  std::string shell_name_;
  std::exception_ptr callback_error_;
};

}  // namespace adasolve::backend::petsc_detail
