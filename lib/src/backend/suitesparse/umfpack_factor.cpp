#include <umfpack.h>

#include <string>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"

namespace adasolve::backend {

struct UmfpackFactor::Impl {
  void* numeric = nullptr;
  double flops = 0.0;
  Index n = 0;
  // UMFPACK keeps pointers to nothing of ours after factorisation, but solve needs the matrix again:
  // keep a copy of the CSR arrays (solved as the transpose system of CSC = A^T).
  std::vector<Index> offsets, columns;
  std::vector<double> values;

  ~Impl() {
    if (numeric != nullptr) {
      umfpack_di_free_numeric(&numeric);
    }
  }
};

namespace {

std::string umfpack_status(int status) {
  switch (status) {
    case UMFPACK_WARNING_singular_matrix:
      return "matrix is singular";
    case UMFPACK_ERROR_out_of_memory:
      return "out of memory";
    case UMFPACK_ERROR_invalid_matrix:
      return "invalid matrix";
    default:
      return "UMFPACK status " + std::to_string(status);
  }
}

}  // namespace

UmfpackFactor::UmfpackFactor(const CsrMatrix& a, UmfpackStrategy strategy) : impl_(std::make_unique<Impl>()) {
  if (!a.is_square()) {
    throw InputError("UMFPACK needs a square matrix, got " + std::to_string(a.rows()) + " x " +
                     std::to_string(a.cols()));
  }
  impl_->n = a.rows();
  impl_->offsets.assign(a.row_offsets().begin(), a.row_offsets().end());
  impl_->columns.assign(a.column_indices().begin(), a.column_indices().end());
  impl_->values.assign(a.values().begin(), a.values().end());
  // Our CSR arrays are the CSC arrays of A^T: factor A^T and solve with UMFPACK_At to get A x = b.
  double control[UMFPACK_CONTROL];
  umfpack_di_defaults(control);
  if (strategy == UmfpackStrategy::symmetric_nested_dissection) {
    control[UMFPACK_STRATEGY] = UMFPACK_STRATEGY_SYMMETRIC;
    control[UMFPACK_ORDERING] = UMFPACK_ORDERING_METIS;
  }
  void* symbolic = nullptr;
  int status = umfpack_di_symbolic(impl_->n, impl_->n, impl_->offsets.data(), impl_->columns.data(),
                                   impl_->values.data(), &symbolic, control, nullptr);
  if (status != UMFPACK_OK) {
    throw BackendError("UMFPACK symbolic analysis failed: " + umfpack_status(status));
  }
  double info[UMFPACK_INFO];
  status = umfpack_di_numeric(impl_->offsets.data(), impl_->columns.data(), impl_->values.data(), symbolic,
                              &impl_->numeric, control, info);
  impl_->flops = info[UMFPACK_FLOPS];
  umfpack_di_free_symbolic(&symbolic);
  if (status == UMFPACK_WARNING_singular_matrix) {
    throw InputError("matrix is singular (UMFPACK)");
  }
  if (status != UMFPACK_OK) {
    throw BackendError("UMFPACK factorisation failed: " + umfpack_status(status));
  }
}

UmfpackFactor::~UmfpackFactor() = default;

Index UmfpackFactor::size() const { return impl_->n; }

double UmfpackFactor::factor_flops() const { return impl_->flops; }

void UmfpackFactor::solve(std::span<const double> b, std::span<double> x) const {
  const std::size_t n = static_cast<std::size_t>(impl_->n);
  if (b.size() != n || x.size() != n) {
    throw UsageError("UmfpackFactor::solve: size mismatch");
  }
  const int status =
      umfpack_di_solve(UMFPACK_At, impl_->offsets.data(), impl_->columns.data(), impl_->values.data(),
                       x.data(), b.data(), impl_->numeric, nullptr, nullptr);
  if (status != UMFPACK_OK) {
    throw BackendError("UMFPACK solve failed: " + umfpack_status(status));
  }
}

}  // namespace adasolve::backend
