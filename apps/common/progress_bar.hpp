#pragma once
// A one-line progress bar on stderr, drawn only when stderr is a terminal (never in pipes, files or tests).
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace adasolve::app {

class ProgressBar {
 public:
  /// total: number of units when known (otherwise a counter is shown).
  ProgressBar(std::string label, std::optional<std::size_t> total);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// Sets the number of finished units; redraws at most every 0.1 s (and at the last unit). `note` follows
  /// the bar (e.g. "loss 1.2e-03").
  void update(std::size_t done, const std::string& note = "");
  /// Shows "label text" for a step that has no count (e.g. "cube 64^3: cg ..."), at once.
  void status(const std::string& text);
  /// Erases the bar (called by the destructor too).
  void finish();
  bool enabled() const { return enabled_; }

 private:
  std::string label_;
  std::optional<std::size_t> total_;
  bool enabled_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace adasolve::app
