#include "dcdm/torch_threads.hpp"

namespace adasolve::dcdm_app {

std::span<const SettingField<TorchThreads>> TorchThreads::fields() {
  static const SettingField<TorchThreads> described[] = {
      {"threads", &TorchThreads::threads, "libtorch threads", SettingRange::at_least(1.0)},
  };
  return described;
}

}  // namespace adasolve::dcdm_app
