#pragma once
// Which scalar a contextual omega policy sees for each instance.
//
//   source   the source's natural context (its first context name: "shift" for E1, "kappa" for E2, the
//            first name=value column of a manifest); when the source has none, falls back to automatic;
//   named    the instance's context value of that name (a manifest column); an instance without it is an
//            InputError naming the instance's origin ("seq.txt:4: no context value 'kappa' (has: c)");
//   automatic  a cheap scalar computed from the matrix alone, O(nnz): the relative diagonal excess
//
//              delta(A) = (sum_i a_ii - sum_i sum_{j != i} |a_ij|) / sum_i |a_ii|,
//
//            i.e. by which fraction the diagonal outweighs the off-diagonal mass. delta <= 1; delta = 1 for a
//            diagonal matrix, delta = 0 for a graph Laplacian with zero row sums, delta < 0 when the matrix is
//            not diagonally dominant on average. For a diagonal-shift family A + cI (E1) and for the heat
//            equation's I + s(-Laplacian) (E2, s proportional to kappa) delta is a monotone function of the
//            shift, which is the quantity the optimal omega depends on (Young: omega* depends on rho_J).
#include <span>
#include <string>
#include <vector>

#include "adasolve/core/csr_matrix.hpp"
#include "adasolve/sequence/instance_source.hpp"

namespace adasolve::sequence {

enum class ContextMode { source, named, automatic };

struct ContextChoice {
  ContextMode mode = ContextMode::source;
  std::string name;  ///< for ContextMode::named

  /// Parses the --context value: "auto" -> automatic, "source" or "" -> source, anything else -> named.
  static ContextChoice parse(const std::string& text);
};

/// The name used for the automatic context in reports.
inline constexpr const char* kAutoContextName = "auto:diagonal-excess";

/// delta(A) as defined above. A matrix with an all-zero diagonal gives -infinity (never NaN).
double diagonal_excess(const CsrMatrix& a);

/// Resolves a choice against a source once, before the run: which name the runner will use and how it
/// reads it. Throws UsageError when a named context is not among source.context_names() (for sources that
/// declare their names); description() says which context was used, e.g. "kappa (from the generator)".
class ContextReader {
 public:
  ContextReader(ContextChoice choice, const InstanceSource& source);
  /// The context value of this instance.
  double read(const Instance& instance) const;
  /// Column name for reports: the context name or kAutoContextName.
  const std::string& name() const { return name_; }
  /// One line: which context was used and where it came from.
  std::string description() const;
  bool automatic() const { return automatic_; }

 private:
  std::string name_;
  bool automatic_ = false;
  std::string source_kind_;
};

}  // namespace adasolve::sequence
