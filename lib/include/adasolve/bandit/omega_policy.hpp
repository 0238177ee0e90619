#pragma once
// OmegaPolicy: chooses the relaxation factor omega for each system of a sequence and learns from the
// iteration count the solve needed (methods/relax.md section 2). Strategy object: seeded explicitly,
// serialisable (state()/restore() round-trip reproduces the same next choices), named in reports.
//
// Protocol per instance t:  [inspect(A_t);]  omega_t = choose(context_t);  k_t = solve(omega_t);
// observe(k_t). inspect() is for policies that look at the matrix itself (young estimates the Jacobi spectral
// radius); learners ignore it. A runner calls it before every choose(); its extra work is reported by
// choice_overhead(), in matrix-vector products.
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"

namespace adasolve::bandit {

class OmegaPolicy {
 public:
  virtual ~OmegaPolicy() = default;
  /// "fixed", "young", "tsallis-inf", "tsallis-inf-cb", "chebcb", ...
  virtual std::string name() const = 0;
  /// Lets a policy look at the next instance's matrix (default: ignores it).
  virtual void inspect(const CsrMatrix& /*a*/) {}
  /// omega for the next instance. context may be empty for non-contextual policies; contextual policies
  /// throw UsageError when it is empty.
  virtual double choose(std::span<const double> context) = 0;
  /// Feedback: the cost (iterations) of the solve that used the last choice.
  virtual void observe(double cost) = 0;
  /// Extra work the last choice cost, in matrix-vector products (young's Lanczos steps; 0 for learners).
  virtual double choice_overhead() const { return 0.0; }
  /// Full learner state (including RNG) as JSON, and its inverse. restore() throws UsageError when the
  /// state belongs to another policy or does not fit its settings (e.g. another grid size).
  virtual nlohmann::json state() const = 0;
  virtual void restore(const nlohmann::json& state) = 0;
};

}  // namespace adasolve::bandit
