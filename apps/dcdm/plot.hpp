#pragma once
#include <filesystem>

namespace adasolve::dcdm_app {

/// Training and validation loss per epoch (log scale) from training_log.csv to a PNG, through gnuplot.
/// Throws adasolve::Error if gnuplot fails.
void plot_training_log(const std::filesystem::path& csv, const std::filesystem::path& png);

}  // namespace adasolve::dcdm_app
