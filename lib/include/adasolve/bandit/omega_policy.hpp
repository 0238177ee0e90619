#pragma once
// OmegaPolicy: chooses the relaxation factor omega for each system of a sequence and learns from the
// iteration count the solve needed (methods/relax.md section 2). Strategy object: seeded explicitly,
// serialisable (state()/restore() round-trip reproduces the same next choices), named in reports.
//
// Protocol per instance t:  omega_t = choose(context_t);  k_t = solve(omega_t);  observe(k_t).
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

namespace adasolve {

class OmegaPolicy {
 public:
  virtual ~OmegaPolicy() = default;
  /// "fixed", "young", "tsallis-inf", "tsallis-inf-cb", "chebcb", ...
  virtual std::string name() const = 0;
  /// omega for the next instance. context may be empty for non-contextual policies.
  virtual double choose(std::span<const double> context) = 0;
  /// Feedback: the cost (iterations) of the solve that used the last choice.
  virtual void observe(double cost) = 0;
  /// Full learner state (including RNG) as JSON, and its inverse.
  virtual nlohmann::json state() const = 0;
  virtual void restore(const nlohmann::json& state) = 0;
};

}  // namespace adasolve
