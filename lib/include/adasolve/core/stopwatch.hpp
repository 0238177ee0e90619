#pragma once
// Wall-clock seconds on the steady clock (never adjusted, so a measured interval cannot go negative): the
// one seconds_since of the library and the apps.
#include <chrono>

namespace adasolve {

using SteadyClock = std::chrono::steady_clock;

/// Seconds elapsed since `start` (a SteadyClock::now()).
inline double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace adasolve
