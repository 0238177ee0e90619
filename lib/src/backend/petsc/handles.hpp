#pragma once
// RAII owners of PETSc objects (private to the PETSc boundary): each destroys its object exactly once,
// moves but never copies, and converts to the raw handle for PETSc calls.
#include <petscksp.h>

#include <utility>

namespace adasolve::backend::petsc_detail {

template <typename Handle, PetscErrorCode (*Destroy)(Handle*)>
class Owned {
 public:
  Owned() = default;
  ~Owned() { reset(); }
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  Owned(Owned&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Owned& operator=(Owned&& other) noexcept {
    if (this != &other) {
      reset();
      handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
  }

  /// The raw handle (nullptr when empty).
  Handle get() const { return handle_; }
  operator Handle() const { return handle_; }  // NOLINT: used directly in PETSc calls
  /// For creation calls: MatCreate(comm, owned.out()). Destroys what was held before.
  Handle* out() {
    reset();
    return &handle_;
  }
  void reset() {
    if (handle_ != nullptr) {
      Destroy(&handle_);  // errors on destruction cannot be reported; PETSc sets the handle to nullptr
      handle_ = nullptr;
    }
  }
  explicit operator bool() const { return handle_ != nullptr; }

 private:
  Handle handle_ = nullptr;
};

using OwnedMat = Owned<Mat, MatDestroy>;
using OwnedVec = Owned<Vec, VecDestroy>;
using OwnedKsp = Owned<KSP, KSPDestroy>;

}  // namespace adasolve::backend::petsc_detail
