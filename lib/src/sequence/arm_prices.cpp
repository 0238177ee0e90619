// --cost model: each arm's setup, reuse and iteration priced once on the sequence's first system.
#include "adasolve/sequence/arm_prices.hpp"

#include <algorithm>
#include <chrono>

#include "adasolve/core/error.hpp"

namespace adasolve::sequence {

namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

nlohmann::json to_json(const ArmPrice& price) {
  return {{"arm", price.arm},
          {"setup_seconds", price.setup_seconds},
          {"reuse_seconds", price.reuse_seconds},
          {"seconds_per_iteration", price.seconds_per_iteration}};
}

std::vector<ArmPrice> calibrate_prices(const std::vector<std::unique_ptr<SolverArm>>& arms,
                                       const Instance& first, const PriceCalibration& calibration) {
  if (calibration.repeats < 1) {
    throw UsageError("calibrate_prices: repeats must be >= 1, got " + std::to_string(calibration.repeats));
  }
  const auto clock = calibration.clock ? calibration.clock : steady_seconds;
  const auto agree = [&](double seconds) { return calibration.agree ? calibration.agree(seconds) : seconds; };
  const auto n = static_cast<std::size_t>(first.matrix->rows());
  std::vector<ArmPrice> prices;
  // One arm's measurements on `first`, `repeats` times each.
  const auto measure = [&](SolverArm& arm, std::vector<double>& setup, std::vector<double>& reuse,
                           std::vector<double>& per_iteration) {
    for (int r = 0; r < calibration.repeats; ++r) {
      std::vector<double> x(n, 0.0);
      const double start = clock();
      LinearSolver& solver = arm.prepare(first.matrix, true, 1.0);
      const double built = clock();
      const SolveReport report = solver.solve(first.rhs, x);
      const double solved = clock();
      setup.push_back(agree(built - start));
      per_iteration.push_back(agree((solved - built) / std::max(1, report.iterations)));
      if (arm.can_reuse(*first.matrix)) {
        const double again = clock();
        (void)arm.prepare(first.matrix, false, 1.0);
        reuse.push_back(agree(clock() - again));
      }
    }
  };
  for (const auto& arm : arms) {
    std::vector<double> setup, reuse, per_iteration;
    try {
      measure(*arm, setup, reuse, per_iteration);
    } catch (const InputError& e) {
      ArmPrice failed;
      failed.arm = arm->name();
      failed.failure = e.what();
      prices.push_back(failed);
      continue;
    }
    prices.push_back({arm->name(), median(setup), reuse.empty() ? median(setup) : median(reuse),
                      median(per_iteration), ""});
  }
  return prices;
}

}  // namespace adasolve::sequence
