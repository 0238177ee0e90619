#pragma once
// --threads of every adasolve-dcdm subcommand: the threads libtorch's operators use
// (dcdm::set_torch_threads).
#include <span>

#include "adasolve/core/setting_fields.hpp"

namespace adasolve::dcdm_app {

struct TorchThreads {
  int threads = 1;
  /// threads >= 1.
  static std::span<const SettingField<TorchThreads>> fields();
};

}  // namespace adasolve::dcdm_app
