#include "dcdm/model.hpp"

namespace adasolve::dcdm_app {

std::filesystem::path default_model_path() {
  return std::filesystem::path(ADASOLVE_SOURCE_DIR) / "data" / "models" / "dcdm32-from64.pt";
}

std::shared_ptr<const dcdm::Network> load_model(const std::string& file) {
  return std::make_shared<const dcdm::Network>(dcdm::Network::load(file));
}

}  // namespace adasolve::dcdm_app
