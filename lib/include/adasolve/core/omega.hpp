#pragma once
// The relaxation-factor range of SOR and SSOR, in core because both the solvers (linear) and the policies
// that choose omega (bandit) check it, and bandit sits beside linear, not above it.
#include <string>

namespace adasolve {

/// Throws UsageError "<setting> must be in (0, 2), got <omega>" (e.g. "sor.omega must be in (0, 2),
/// got 2.5").
void check_omega(const std::string& setting, double omega);

}  // namespace adasolve
