#include "watchdog.hpp"

#include <utility>

#include "adasolve/core/vector_ops.hpp"

namespace adasolve::nlp::detail {

bool improves_objective_or_feasibility(const EvaluatedPoint& point, const EvaluatedPoint& trial) {
  constexpr double gamma = 1e-5;
  const double theta = vec::norm2(point.c);
  return trial.f <= point.f - gamma * theta || vec::norm2(trial.c) <= (1.0 - gamma) * theta;
}

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
