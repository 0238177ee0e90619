#pragma once
// InstanceSource: where a sequence of related linear systems A_t x = b_t comes from (methods/relax.md
// section 2): a manifest or glob of Matrix Market files, or an in-process generator (E1 shifted Laplacian,
// E2 heat equation, a plain 2D Poisson sequence).
//
// Protocol, one instance at a time (SequenceRunner follows it):
//   while (!source.done()) { Instance i = source.next(); x = solve(i); source.advance(x); }
// advance() hands back the solution: trajectory sources (the heat equation) build the next right-hand side
// from it; other sources ignore it. next() must not be called twice without advance() in between.
//
// Sources are deterministic given their settings and seed, and resumable: state() captures the position
// (and for trajectories the current solution) so that restore() on a freshly built source with the same
// settings continues with bit-identical instances.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/setting_fields.hpp"
#include "adasolve/pde/shifted_laplacian.hpp"

namespace adasolve::sequence {

/// One named scalar that describes an instance (a shift, a diffusion coefficient, a manifest column).
struct ContextValue {
  std::string name;
  double value = 0.0;
};

struct Instance {
  std::size_t index = 0;  ///< 0-based position in the sequence
  std::string name;       ///< e.g. "a.mtx", "heat-step-12"
  std::string origin;     ///< where it was defined, for messages ("seq.txt:4"); may be empty
  std::shared_ptr<const CsrMatrix> matrix;  ///< shared: consecutive instances may reuse one matrix
  std::vector<double> rhs;                  ///< b, matrix->rows() entries
  std::vector<ContextValue> context;        ///< the instance's named context values (possibly none)
};

class InstanceSource {
 public:
  virtual ~InstanceSource() = default;
  /// One line naming the source and its settings, e.g. "heat nx=50 steps=200 dt=0.001".
  virtual std::string description() const = 0;
  /// Names of the context values every instance carries, first = the natural context (may be empty).
  virtual std::vector<std::string> context_names() const = 0;
  /// The known range [min, max] of a context value, when the source knows it (a contextual policy maps it
  /// onto its feature interval). Default: unknown.
  virtual std::optional<std::pair<double, double>> context_range(const std::string& name) const {
    (void)name;
    return std::nullopt;
  }
  /// Total number of instances when known in advance.
  virtual std::optional<std::size_t> size() const = 0;
  /// Number of instances handed out so far (= index of the next one).
  virtual std::size_t position() const = 0;
  virtual bool done() const = 0;
  /// The next instance. Throws InputError (one line, "file:line: problem") for unreadable input.
  virtual Instance next() = 0;
  /// The solution of the instance last returned by next(). Default: ignored.
  virtual void advance(std::span<const double> solution) { (void)solution; }
  /// Resume point (after the last advance()) and its inverse on a source built with the same settings.
  virtual nlohmann::json state() const = 0;
  virtual void restore(const nlohmann::json& state) = 0;
};

/// A source around another that forwards every member to it: a decorator overrides only what it changes
/// (the instances it hands out, a collective read). Throws UsageError when `inner` is null.
class ForwardingSource : public InstanceSource {
 public:
  explicit ForwardingSource(std::unique_ptr<InstanceSource> inner);
  std::string description() const override { return inner_->description(); }
  std::vector<std::string> context_names() const override { return inner_->context_names(); }
  std::optional<std::pair<double, double>> context_range(const std::string& name) const override {
    return inner_->context_range(name);
  }
  std::optional<std::size_t> size() const override { return inner_->size(); }
  std::size_t position() const override { return inner_->position(); }
  bool done() const override { return inner_->done(); }
  Instance next() override { return inner_->next(); }
  void advance(std::span<const double> solution) override { inner_->advance(solution); }
  nlohmann::json state() const override { return inner_->state(); }
  void restore(const nlohmann::json& state) override { inner_->restore(state); }

 protected:
  InstanceSource& inner() { return *inner_; }

 private:
  std::unique_ptr<InstanceSource> inner_;
};

// ---- sources --------------------------------------------------------------------------------------------

/// A plain sequence: the 2D 5-point Poisson matrix on an m x m interior grid (diagonal 4, off-diagonals
/// -1; one matrix shared by all instances) with `count` seeded standard Gaussian right-hand sides.
/// No context. The built-in default of adasolve-seq before any learner is involved.
struct PoissonSequenceSettings {
  Index m = 32;
  std::size_t count = 20;
  std::uint64_t seed = 1;
  /// m, instances (the count).
  static std::span<const SettingField<PoissonSequenceSettings>> fields();
  void validate() const;
};
std::unique_ptr<InstanceSource> make_poisson_sequence(PoissonSequenceSettings settings);

/// Experiment E1 (pde/shifted_laplacian.hpp): `count` instances A + c_t I, context "shift" = c_t, with the
/// spec's context range [-0.15, 0.65] (methods/relax.md section 4; the shifts reach 0.45 at most).
struct ShiftedLaplacianSequenceSettings {
  Index m = 10;
  pde::ShiftDistribution distribution = pde::ShiftDistribution::high_variance;
  std::size_t count = 5000;
  std::uint64_t seed = 1;
  /// m, instances (the count).
  static std::span<const SettingField<ShiftedLaplacianSequenceSettings>> fields();
  /// distribution.
  static std::span<const SettingChoice<ShiftedLaplacianSequenceSettings>> choices();
  void validate() const;
};
std::unique_ptr<InstanceSource> make_shifted_laplacian_sequence(ShiftedLaplacianSequenceSettings settings);

/// Experiment E2 (pde/heat.hpp): the Crank-Nicolson steps of the 2D heat equation; context "kappa" = kappa(t)
/// at the start of the step, range [0, 10]. A trajectory: advance(u) makes u the state the next step starts
/// from; state() holds the current u (restore() replays the step count and sets u, bit-exact).
struct HeatSequenceSettings {
  Index nx = 50;
  int steps = 5000;
  double dt = 1e-3;
  /// Start time: a window of the period from u = 0 at t0 (e.g. t0 = 0.3, 400 steps: t in [0.3, 0.7), where
  /// kappa switches from weak to strong diffusion).
  double t0 = 0.0;
  /// nx, steps, dt, t0.
  static std::span<const SettingField<HeatSequenceSettings>> fields();
  void validate() const;
};
std::unique_ptr<InstanceSource> make_heat_sequence(HeatSequenceSettings settings);

/// Instances from a manifest file (io/sequence_manifest.hpp: `matrix.mtx [rhs.mtx] [name=value ...]` per
/// line, paths relative to the manifest, # comments). A file may be Matrix Market or a PETSc binary file
/// holding one matrix (one vector for a right-hand side), told apart by its first bytes
/// (io/matrix_file.hpp). Matrices and right-hand sides are read lazily, one
/// instance at a time; a matrix path that repeats the previous instance's is not read again. Context names
/// are the manifest's columns; context_range() is [min, max] of each column over the manifest. An instance
/// without a right-hand-side file gets b = A * ones (so that x* = ones). Read errors are InputError
/// "FILE:LINE: ...".
std::unique_ptr<InstanceSource> make_manifest_sequence(const std::filesystem::path& manifest);
/// The same for the directory and glob forms ("dir", "dir/A_*.mtx"): files in natural order, no context.
std::unique_ptr<InstanceSource> make_glob_sequence(const std::string& dir_or_glob);

/// The systems a PETSc program dumped (`-ksp_view_mat binary:A.bin -ksp_view_rhs binary:b.bin`): instance k
/// is the k-th matrix of `matrix_file` with the k-th vector of `rhs_file` (io/petsc_binary.hpp). Without
/// `rhs_file`, the vectors of `matrix_file` itself are the right-hand sides when it holds one per matrix
/// (both options pointed at one file interleave them), and b = A * ones when it holds none. The vector and
/// matrix counts must match, and each vector must have its matrix's rows (InputError "FILE: vector K: ..."
/// otherwise). Objects are read lazily, one instance at a time. No context values.
std::unique_ptr<InstanceSource> make_petsc_binary_sequence(const std::filesystem::path& matrix_file,
                                                           const std::filesystem::path& rhs_file = {});

}  // namespace adasolve::sequence
