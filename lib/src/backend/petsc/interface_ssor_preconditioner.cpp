// InterfaceSsorPreconditioner: the public face of petsc_detail::InterfaceSsor on PETSC_COMM_WORLD.
#include <petscsys.h>

#include "adasolve/backend/interface_ssor.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/linear/sor.hpp"
#include "backend/petsc/interface_ssor.hpp"
#include "backend/petsc/split_of_rows.hpp"

namespace adasolve::backend {

struct InterfaceSsorPreconditioner::Impl {
  petsc_detail::InterfaceSsor core{PETSC_COMM_WORLD};
};

InterfaceSsorPreconditioner::InterfaceSsorPreconditioner(double omega) : omega_(omega) {
  check_omega("interface-ssor omega", omega);
  if (!PetscSession::active()) {
    throw UsageError("InterfaceSsorPreconditioner needs a PetscSession");
  }
  impl_ = std::make_unique<Impl>();
}

InterfaceSsorPreconditioner::~InterfaceSsorPreconditioner() = default;

void InterfaceSsorPreconditioner::set_omega(double omega) {
  check_omega("interface-ssor omega", omega);
  omega_ = omega;
}

void InterfaceSsorPreconditioner::setup(const CsrMatrix& local_rows, const RowPartition& rows) {
  impl_->core.setup(petsc_detail::split_of_rows(local_rows, rows, "interface-ssor"), "interface-ssor");
}

void InterfaceSsorPreconditioner::apply(std::span<const double> r, std::span<double> z) {
  const auto n = static_cast<std::size_t>(impl_->core.local_rows());
  if (r.size() != n || z.size() != n) {
    throw UsageError("interface-ssor: apply() needs " + std::to_string(n) + " entries of r and z, got " +
                     std::to_string(r.size()) + " and " + std::to_string(z.size()));
  }
  impl_->core.apply(r, z, omega_);
}

int InterfaceSsorPreconditioner::colour() const { return impl_->core.colour(); }
int InterfaceSsorPreconditioner::colours() const { return impl_->core.colours(); }
Index InterfaceSsorPreconditioner::interface_rows() const { return impl_->core.interface_rows(); }
int InterfaceSsorPreconditioner::halo_phases_per_apply() const { return impl_->core.halo_phases_per_apply(); }

}  // namespace adasolve::backend
