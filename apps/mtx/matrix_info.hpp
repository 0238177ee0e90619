#pragma once
// What `adasolve-mtx info` reports about a matrix: storage, symmetry, diagonal, magnitudes, definiteness.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/io/matrix_market.hpp"

namespace adasolve::mtx {

struct MatrixInfo {
  std::string file;
  std::string format;  ///< "coordinate" or "array" (Matrix Market), or "petsc-binary"
  io::MatrixMarketHeader header;
  std::int64_t full_entries = 0;       ///< stored entries of the full-storage CSR (duplicates summed)
  bool numerically_symmetric = false;  ///< a_ij == a_ji exactly, for every stored entry
  double asymmetry = 0.0;              ///< max |a_ij - a_ji| / max |a_ij| (0 when symmetric)
  std::int64_t missing_diagonal = 0;   ///< rows whose diagonal entry is not stored
  std::int64_t zero_diagonal = 0;      ///< rows whose stored diagonal entry is 0
  std::int64_t rows_not_dominant = 0;  ///< rows with |a_ii| < sum_{j != i} |a_ij|
  std::int64_t rows_not_strict = 0;    ///< rows with |a_ii| <= sum_{j != i} |a_ij|
  std::int64_t explicit_zeros = 0;     ///< stored entries equal to 0
  std::int64_t non_finite = 0;         ///< stored entries that are inf or nan
  double min_abs = 0.0;                ///< smallest nonzero |a_ij| (0 when there is none)
  double max_abs = 0.0;                ///< largest |a_ij|
  std::string spd;                     ///< "yes", "no (reason)", or "not decided (reason)"
  double spd_seconds = 0.0;            ///< time of the Cholesky attempt (0 when none was made)

  /// "strictly", "weakly" or "no" (row diagonal dominance; "n/a" when not square).
  std::string diagonal_dominance() const;
};

/// Largest n for which SPD is decided by a CHOLMOD factorisation attempt.
inline constexpr Index kSpdCheckLimit = 20000;

/// max_ij |a_ij - a_ji| over the union of both patterns (A square); nan when a nan or inf meets a different
/// value. 0 exactly when A is symmetric, so it decides symmetric storage too.
double max_asymmetry(const CsrMatrix& a);

MatrixInfo describe(const std::string& file, const io::MatrixMarketHeader& header, const CsrMatrix& a);

nlohmann::json to_json(const MatrixInfo& info);
/// Two aligned columns, one property per line.
std::string to_table(const MatrixInfo& info);

}  // namespace adasolve::mtx
