#pragma once
// PNG plots through the gnuplot program (gnuplot-nox; terminal pngcairo, falling back to png).
// Data go through a temporary folder; gnuplot's own messages are kept out of the app's output.
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace adasolve::app {

struct LineSeries {
  std::string title;
  std::vector<double> y;  ///< plotted against 1, 2, ..., y.size()
};

struct ScatterSeries {
  std::string title;
  std::vector<std::pair<double, double>> points;
};

struct SequencePlot {
  std::string left_title, left_xlabel, left_ylabel;
  std::vector<LineSeries> lines;  ///< left panel
  std::string right_title, right_xlabel, right_ylabel;
  std::vector<ScatterSeries> scatter;  ///< right panel (omitted when empty)
};

/// A gnuplot script: given the quoted output path to use in "set output", the terminal ("pngcairo" or
/// "png") and a private temporary folder for data files.
using GnuplotScript = std::function<std::string(const std::string& quoted_output, const std::string& terminal,
                                                const std::filesystem::path& dir)>;

/// Runs gnuplot on the script in a private temporary folder, its messages kept in a log there, then copies
/// the picture onto `png` atomically. Throws UsageError when gnuplot is not installed, InputError when
/// `png` cannot be written (exit 2: a user's path), BackendError when gnuplot fails.
void render_png(const std::filesystem::path& png, const GnuplotScript& script);

/// Writes `png` (render_png).
void write_png_plot(const std::filesystem::path& png, const SequencePlot& plot);

}  // namespace adasolve::app
