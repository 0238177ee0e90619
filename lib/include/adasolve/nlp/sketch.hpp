#pragma once
// Randomized iterative sketching (sketch-and-project, Gower & Richtarik 2015) for the Newton-KKT system
// K z = b of AdaSketchNewton (alsketch.md §3.3). With r = K z - b and a sketch S (N x s), one step is
//
//     z <- z - K S (S^T K^2 S)^+ S^T r          (project z onto {z : S^T K z = S^T b}, Euclidean norm)
//
// and r <- r - K (K S y) is updated with the same sparse work (the true r = K z - b is recomputed every N
// steps and before every return, so rounding drift cannot fake convergence). K must be symmetric: it is the
// KKT matrix [[B, G^T], [G, 0]]. Sketches:
//   gaussian          S ~ N(0, I), one column (the authors' GV);           O(nnz(K)) per step here
//   kaczmarz          S = e_i, i uniform (the authors' RK);                O(sum of the row lengths touched)
//   kaczmarz-rownorm  S = e_i, P(i) proportional to ||K_i||^2 (Strohmer-Vershynin)
//   block-gaussian    S = N x s Gaussian (the spec's block extension)
//   block-kaczmarz    S = s rows drawn proportional to ||K_i||^2
//   preconditioned    (not in the paper; see below)
//
// The preconditioned sketch (not in the paper) is sketch-and-project with an adaptive Krylov sketch: step j
// projects onto the equations sketched by the j-th preconditioned Lanczos vector of (P^-1 K, P^-1 b), in the
// geometry that minimises ||K z - b||_{P^-1} over everything sketched so far. Gower and Richtarik note that
// such adaptive Krylov sketches turn sketch-and-project into a Krylov method; with this geometry it is
// exactly preconditioned MINRES, run by its three-term recurrence (one K product and one P^-1 solve per
// step, no stored history). P = blkdiag(D, G D^-1 G^T) with D_i = ||B_i||_2 (floored; = |B_ii| for diagonal
// B), the Schur complement factored once per Newton system by CHOLMOD. When B is diagonal (PDE control: B =
// diag(I, 0.1 I)) P is the ideal block preconditioner of Murphy, Golub and Wathen: P^-1 K has three
// eigenvalues and the residual falls to rounding in a few steps. block_size is not used by this sketch.
#include <functional>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/setting_fields.hpp"

namespace adasolve::nlp {

enum class SketchKind {
  gaussian,
  kaczmarz,
  kaczmarz_rownorm,
  block_gaussian,
  block_kaczmarz,
  preconditioned
};

std::string to_string(SketchKind kind);
/// "gaussian", "kaczmarz", "kaczmarz-rownorm", "block-gaussian", "block-kaczmarz", "preconditioned";
/// throws UsageError otherwise.
SketchKind parse_sketch_kind(const std::string& name);

struct SketchSettings {
  /// The randomized sketch of InnerSolver::sketch (the paper's GV by default). `preconditioned` is the
  /// deterministic MINRES + CHOLMOD solver that InnerSolver::minres_cholmod selects.
  SketchKind kind = SketchKind::gaussian;
  /// s: columns of a block sketch (block-gaussian, block-kaczmarz); the other sketches do not read it.
  int block_size = 4;
  /// Cap on sketch steps per Newton system (alsketch.md §3.3: 1e5).
  long max_steps = 100000;
  /// sketch.block_size, sketch.max_steps.
  static std::span<const SettingField<SketchSettings>> fields();
  /// sketch (the kind).
  static std::span<const SettingChoice<SketchSettings>> choices();
  void validate() const;
};

/// What one call of SketchProjectSolver::run did.
struct SketchRun {
  long steps = 0;              ///< sketch steps in this call
  double residual_norm = 0.0;  ///< ||K z - b||_2 on return (recomputed)
  double flops = 0.0;          ///< floating-point operations of those steps (multiply-add = 2)
  bool capped = false;         ///< stopped by max_steps, not by the accuracy test
};

class SketchProjectSolver {
 public:
  /// K is (n + m) x (n + m), symmetric; primal_size = n (used by the preconditioned sketch). The solver
  /// draws its random sketches from `rng`, which the caller seeds.
  SketchProjectSolver(std::shared_ptr<const CsrMatrix> k, Index primal_size, SketchSettings settings,
                      std::mt19937_64& rng);
  ~SketchProjectSolver();
  SketchProjectSolver(const SketchProjectSolver&) = delete;
  SketchProjectSolver& operator=(const SketchProjectSolver&) = delete;

  /// z <- 0, r <- -b.
  void reset(std::span<const double> b);
  /// Sketches from the current z until accurate(r) holds for the residual r = K z - b, or the cap is
  /// reached. Call again after a tighter test to resume from the current z (warm start).
  SketchRun run(const std::function<bool(std::span<const double>)>& accurate);
  std::span<const double> solution() const;
  /// Work done before the first step (the preconditioner: G D^-1 G^T and its Cholesky factorisation).
  double setup_flops() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace adasolve::nlp
