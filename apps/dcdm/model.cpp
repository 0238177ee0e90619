#include "dcdm/model.hpp"

#include "common/data_dir.hpp"

namespace adasolve::dcdm_app {

std::filesystem::path default_model_path() { return app::data_dir() / "models" / "dcdm32-from64.pt"; }

std::shared_ptr<const dcdm::Network> load_model(const std::string& file) {
  return std::make_shared<const dcdm::Network>(dcdm::Network::load(file));
}

}  // namespace adasolve::dcdm_app
