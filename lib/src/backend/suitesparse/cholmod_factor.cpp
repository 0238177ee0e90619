#include <cholmod.h>

#include <string>

#include "adasolve/backend/suitesparse.hpp"
#include "adasolve/core/error.hpp"

namespace adasolve::backend {

struct CholmodFactor::Impl {
  cholmod_common common{};
  cholmod_factor* factor = nullptr;
  Index n = 0;
  double flops = 0.0;

  Impl() { cholmod_start(&common); }
  ~Impl() {
    if (factor != nullptr) {
      cholmod_free_factor(&factor, &common);
    }
    cholmod_finish(&common);
  }
};

CholmodFactor::CholmodFactor(const CsrMatrix& a) : impl_(std::make_unique<Impl>()) {
  if (!a.is_square()) {
    throw InputError("CHOLMOD needs a square matrix, got " + std::to_string(a.rows()) + " x " +
                     std::to_string(a.cols()));
  }
  impl_->n = a.rows();
  cholmod_common* c = &impl_->common;
  c->print = 0;
  // CSR of A is CSC of A^T = A (symmetric): hand the arrays over as a CSC matrix whose upper triangle
  // (stype = 1) is read. Row i of CSR = column i of CSC, entries with column >= i are its upper part.
  cholmod_sparse view{};
  view.nrow = static_cast<size_t>(a.rows());
  view.ncol = static_cast<size_t>(a.cols());
  view.nzmax = static_cast<size_t>(a.nnz());
  view.p = const_cast<Index*>(a.row_offsets().data());
  view.i = const_cast<Index*>(a.column_indices().data());
  view.x = const_cast<double*>(a.values().data());
  view.stype = 1;
  view.itype = CHOLMOD_INT;
  view.xtype = CHOLMOD_REAL;
  view.dtype = CHOLMOD_DOUBLE;
  view.sorted = 1;
  view.packed = 1;
  impl_->factor = cholmod_analyze(&view, c);
  if (impl_->factor == nullptr) {
    throw BackendError("CHOLMOD analyze failed (status " + std::to_string(c->status) + ")");
  }
  impl_->flops = c->fl;  // set by cholmod_analyze for the ordering it chose
  cholmod_factorize(&view, impl_->factor, c);
  if (c->status == CHOLMOD_NOT_POSDEF) {
    throw InputError("matrix is not positive definite (CHOLMOD failed at column " +
                     std::to_string(impl_->factor->minor + 1) + ")");
  }
  if (c->status < CHOLMOD_OK) {
    throw BackendError("CHOLMOD factorize failed (status " + std::to_string(c->status) + ")");
  }
  // A simplicial LDL^T (CHOLMOD's choice for sparse factors with little fill) does not pivot and stops only
  // at a zero pivot: an indefinite A factors "successfully" with negative entries in D. A is positive
  // definite iff every pivot is positive (Sylvester), so D is checked here; D(j,j) is the first entry of
  // column j of the simplicial factor.
  const cholmod_factor* f = impl_->factor;
  if (!f->is_super && !f->is_ll) {
    const auto* col = static_cast<const Index*>(f->p);
    const auto* x = static_cast<const double*>(f->x);
    for (std::size_t j = 0; j < f->n; ++j) {
      if (!(x[col[j]] > 0.0)) {
        throw InputError("matrix is not positive definite (CHOLMOD: pivot " + std::to_string(j + 1) +
                         " of the LDL^T factorisation is not positive)");
      }
    }
  }
}

CholmodFactor::~CholmodFactor() = default;

Index CholmodFactor::size() const { return impl_->n; }

double CholmodFactor::factor_flops() const { return impl_->flops; }

double CholmodFactor::factor_nnz() const {
  cholmod_factor* f = impl_->factor;
  if (f->is_super) {
    return static_cast<double>(f->xsize);
  }
  double count = 0;
  const int* nz = static_cast<const int*>(f->nz);
  for (size_t j = 0; j < f->n; ++j) {
    count += nz[j];
  }
  return count;
}

void CholmodFactor::solve(std::span<const double> b, std::span<double> x) const {
  const std::size_t n = static_cast<std::size_t>(impl_->n);
  if (b.size() != n || x.size() != n) {
    throw UsageError("CholmodFactor::solve: size mismatch");
  }
  cholmod_common* c = &impl_->common;
  cholmod_dense rhs{};
  rhs.nrow = n;
  rhs.ncol = 1;
  rhs.nzmax = n;
  rhs.d = n;
  rhs.x = const_cast<double*>(b.data());
  rhs.xtype = CHOLMOD_REAL;
  rhs.dtype = CHOLMOD_DOUBLE;
  cholmod_dense* sol = cholmod_solve(CHOLMOD_A, impl_->factor, &rhs, c);
  if (sol == nullptr) {
    throw BackendError("CHOLMOD solve failed (status " + std::to_string(c->status) + ")");
  }
  const double* values = static_cast<const double*>(sol->x);
  std::copy(values, values + n, x.begin());
  cholmod_free_dense(&sol, c);
}

std::vector<double> cholmod_solve(const CsrMatrix& a, std::span<const double> b) {
  CholmodFactor factor(a);
  std::vector<double> x(b.size());
  factor.solve(b, x);
  return x;
}

}  // namespace adasolve::backend
