#pragma once
// PNG plots through the gnuplot program (gnuplot-nox; terminal pngcairo, falling back to png).
// Data go through a temporary folder; gnuplot's own messages are kept out of the app's output.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace adasolve::app {

struct LineSeries {
  std::string title;
  std::vector<double> y;   ///< plotted against 1, 2, ..., y.size()
};

struct ScatterSeries {
  std::string title;
  std::vector<std::pair<double, double>> points;
};

struct SequencePlot {
  std::string left_title, left_xlabel, left_ylabel;
  std::vector<LineSeries> lines;          ///< left panel
  std::string right_title, right_xlabel, right_ylabel;
  std::vector<ScatterSeries> scatter;     ///< right panel (omitted when empty)
};

/// Writes `png`. Throws UsageError when gnuplot is not installed, BackendError when it fails.
void write_png_plot(const std::filesystem::path& png, const SequencePlot& plot);

}  // namespace adasolve::app
