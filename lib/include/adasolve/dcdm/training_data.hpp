#pragma once
// Training right-hand sides for DCDM (spec section 3.1, after src/datasetcreate.py of the authors):
//   1. Lanczos on the training matrix A from q1 ~ A g (g Gaussian), m steps with full re-orthogonalisation;
//   2. Ritz pairs from the tridiagonal T = Q^T A Q (eigh, ascending), Ritz vectors Y = Q W;
//   3. b = sum_j c_j y_j, c_j = low_weight * N(0,1) for the lowest m/2 + theta Ritz vectors and N(0,1) for
//   the
//      rest, normalised to ||b|| = 1.
// So the data set is rich in the smooth, slowly converging modes that CG struggles with.
// Storage is float32 throughout (Q, Y and the data set), as the spec advises: m = 1000 at 32^3 is 131 MB
// each.
#include <cstdint>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/core/setting_fields.hpp"

namespace adasolve::dcdm {

struct RitzBasis {
  Index n = 0;                          ///< rows of A
  int count = 0;                        ///< Ritz pairs kept (values above the null-space cut 1e-8)
  std::vector<double> values;           ///< ascending
  std::vector<float> vectors;           ///< column-major n x count: vector j at [j * n, (j + 1) * n)
  double max_orthogonality_loss = 0.0;  ///< max |q_i . q_j - delta_ij| of the Lanczos basis (diagnostic)
};

/// m Lanczos steps (m <= n) from A g, g ~ N(0, I) seeded. Stops early on an invariant subspace.
RitzBasis lanczos_ritz(const CsrMatrix& a, int steps, std::uint64_t seed);

struct RhsSynthesis {
  int theta = 50;           ///< extra low modes weighted up beyond m/2 (the authors: 500 of m = 10,000)
  double low_weight = 9.0;  ///< weight of the low modes (the authors: 9)
  /// theta >= 0, low_weight > 0.
  static std::span<const SettingField<RhsSynthesis>> fields();
  void validate() const;
};

/// `count` unit-norm right-hand sides, row-major count x n float32, from the seeded coefficients.
std::vector<float> synthesize_rhs(const RitzBasis& basis, int count, const RhsSynthesis& synthesis,
                                  std::uint64_t seed);

}  // namespace adasolve::dcdm
