#include "common/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace adasolve::app {

ProgressBar::ProgressBar(std::string label, std::optional<std::size_t> total)
    : label_(std::move(label)), total_(total), enabled_(::isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::size_t done, const std::string& note) {
  if (!enabled_) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  const bool last = total_ && done >= *total_;
  if (drawn_ && !last && now - last_draw_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_draw_ = now;
  drawn_ = true;
  if (total_ && *total_ > 0) {
    constexpr int kWidth = 30;
    const double fraction = static_cast<double>(done) / static_cast<double>(*total_);
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%s [%s] %zu/%zu (%3.0f%%)%s%s", label_.c_str(), bar.c_str(), done, *total_,
                 100.0 * fraction, note.empty() ? "" : " ", note.c_str());
  } else {
    std::fprintf(stderr, "\r%s %zu%s%s", label_.c_str(), done, note.empty() ? "" : " ", note.c_str());
  }
  std::fflush(stderr);
}

void ProgressBar::status(const std::string& text) {
  if (!enabled_) {
    return;
  }
  drawn_ = true;
  std::fprintf(stderr, "\r\033[K%s %s", label_.c_str(), text.c_str());
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace adasolve::app
