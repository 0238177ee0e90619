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

  /// Sets the number of finished units; redraws at most every 0.1 s.
  void update(std::size_t done);
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
