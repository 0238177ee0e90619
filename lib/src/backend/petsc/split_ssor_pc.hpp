#pragma once
// Interface-ordered SSOR (interface_ssor.hpp) as a PETSc preconditioner: a PCSHELL whose setup reads the
// rank's rows of the preconditioning matrix (MatGetRow: global columns, no second copy of the matrix) and
// whose apply is InterfaceSsor::apply (private to the PETSc boundary).
#include <petscksp.h>

#include <exception>
#include <string>

#include "backend/petsc/interface_ssor.hpp"

namespace adasolve::petsc_detail {

class InterfaceSsorPc {
 public:
  InterfaceSsorPc(MPI_Comm comm, double omega, std::string who);
  InterfaceSsorPc(const InterfaceSsorPc&) = delete;
  InterfaceSsorPc& operator=(const InterfaceSsorPc&) = delete;

  /// Makes `pc` a PCSHELL that calls this object (which must outlive the PC's use).
  void attach(PC pc);
  /// Omega of the following applies (range checked by the caller).
  void set_omega(double omega) { omega_ = omega; }
  /// Rethrows, once, an exception raised inside a PETSc callback (PETSc saw only an error code).
  void rethrow_callback_error();
  const InterfaceSsor& core() const { return core_; }

 private:
  static PetscErrorCode setup(PC pc);
  static PetscErrorCode apply(PC pc, Vec r, Vec z);
  void read_operator(PC pc);

  InterfaceSsor core_;
  double omega_;
  std::string who_;
  std::exception_ptr callback_error_;
};

}  // namespace adasolve::petsc_detail
