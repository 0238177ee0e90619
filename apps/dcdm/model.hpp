#pragma once
// The shipped model and how a command loads one.
#include <filesystem>
#include <memory>
#include <string>

#include "adasolve/dcdm/network.hpp"

namespace adasolve::dcdm_app {

/// data/models/dcdm32-from64.pt of the source tree: the model adasolve ships (trained by adasolve-dcdm train
/// on the 16^3 cube, then refined on the 32^3 cube with --init; see data/models/README.md).
std::filesystem::path default_model_path();
/// Network::load, with the file name in every error.
std::shared_ptr<const dcdm::Network> load_model(const std::string& file);

}  // namespace adasolve::dcdm_app
