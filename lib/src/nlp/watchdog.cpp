#include "watchdog.hpp"

#include <utility>

namespace adasolve::nlp::detail {

void Watchdog::start(SavedIterate saved) {
  saved_ = std::move(saved);
  relaxed_ = 1;
}

double Watchdog::saved_merit(double mu, double nu) const { return merit_value(saved_->point, mu, nu); }

double Watchdog::target(double mu, double nu, double beta) const {
  return saved_merit(mu, nu) + beta * saved_->slope;
}

void Watchdog::succeed() {
  saved_.reset();
  relaxed_ = 0;
}

SavedIterate Watchdog::fail() {
  SavedIterate saved = std::move(*saved_);
  saved_.reset();
  relaxed_ = 0;
  armed_ = false;
  return saved;
}

}  // namespace adasolve::nlp::detail
