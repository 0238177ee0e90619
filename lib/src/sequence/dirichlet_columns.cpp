#include "adasolve/sequence/dirichlet_columns.hpp"

#include <vector>

#include "adasolve/core/error.hpp"

namespace adasolve::sequence {

namespace {

/// d[i] = a_ii for a Dirichlet row i (no nonzero off the diagonal, a nonzero diagonal), else 0.
std::vector<double> dirichlet_diagonal(const CsrMatrix& a) {
  std::vector<double> diagonal(static_cast<std::size_t>(a.rows()), 0.0);
  if (!a.is_square()) {
    return diagonal;
  }
  const auto offsets = a.row_offsets();
  const auto columns = a.column_indices();
  const auto values = a.values();
  for (Index i = 0; i < a.rows(); ++i) {
    double d = 0.0;
    bool coupled = false;
    for (Index k = offsets[i]; k < offsets[i + 1]; ++k) {
      if (columns[k] == i) {
        d = values[k];
      } else if (values[k] != 0.0) {
        coupled = true;
      }
    }
    diagonal[static_cast<std::size_t>(i)] = coupled ? 0.0 : d;
  }
  return diagonal;
}

/// True for a nonzero a_jk off the diagonal whose column k is a Dirichlet row.
bool couples_to_dirichlet(Index j, Index k, double value, const std::vector<double>& dirichlet) {
  return k != j && value != 0.0 && dirichlet[static_cast<std::size_t>(k)] != 0.0;
}

/// b_j -= a_ji b_i / a_ii for every coupling of row j to a Dirichlet row i (row i itself is unchanged).
void move_dirichlet_values_right(const CsrMatrix& a, const std::vector<double>& dirichlet,
                                 std::vector<double>& b) {
  const std::vector<double> given = b;
  const auto offsets = a.row_offsets();
  const auto columns = a.column_indices();
  const auto values = a.values();
  for (Index j = 0; j < a.rows(); ++j) {
    for (Index k = offsets[j]; k < offsets[j + 1]; ++k) {
      const Index i = columns[k];
      if (couples_to_dirichlet(j, i, values[k], dirichlet)) {
        b[static_cast<std::size_t>(j)] -=
            values[k] * given[static_cast<std::size_t>(i)] / dirichlet[static_cast<std::size_t>(i)];
      }
    }
  }
}

/// `a` less its couplings to Dirichlet rows.
CsrMatrix without_dirichlet_columns(const CsrMatrix& a, const std::vector<double>& dirichlet) {
  const auto offsets = a.row_offsets();
  const auto columns = a.column_indices();
  const auto values = a.values();
  std::vector<Index> kept_offsets{0};
  std::vector<Index> kept_columns;
  std::vector<double> kept_values;
  kept_columns.reserve(columns.size());
  kept_values.reserve(values.size());
  for (Index j = 0; j < a.rows(); ++j) {
    for (Index k = offsets[j]; k < offsets[j + 1]; ++k) {
      if (!couples_to_dirichlet(j, columns[k], values[k], dirichlet)) {
        kept_columns.push_back(columns[k]);
        kept_values.push_back(values[k]);
      }
    }
    kept_offsets.push_back(static_cast<Index>(kept_columns.size()));
  }
  return CsrMatrix(a.rows(), a.cols(), std::move(kept_offsets), std::move(kept_columns),
                   std::move(kept_values));
}

class EliminatingSource final : public ForwardingSource {
 public:
  using ForwardingSource::ForwardingSource;
  Instance next() override {
    Instance instance = ForwardingSource::next();
    const std::shared_ptr<const CsrMatrix> given = instance.matrix;
    if (given != last_given_ || !given || instance.rhs.size() != static_cast<std::size_t>(given->rows())) {
      instance = eliminate_dirichlet_columns(std::move(instance));
      last_given_ = given;
      last_made_ = instance.matrix;
    } else if (last_made_ != given) {
      // The matrix of the previous instance, already eliminated: only the right-hand side changes.
      move_dirichlet_values_right(*given, dirichlet_diagonal(*given), instance.rhs);
      instance.matrix = last_made_;
    }
    return instance;
  }
  void restore(const nlohmann::json& state) override {
    ForwardingSource::restore(state);
    last_given_.reset();
    last_made_.reset();
  }

 private:
  std::shared_ptr<const CsrMatrix> last_given_, last_made_;
};

}  // namespace

Index unmirrored_dirichlet_rows(const CsrMatrix& a) {
  const std::vector<double> dirichlet = dirichlet_diagonal(a);
  const auto offsets = a.row_offsets();
  const auto columns = a.column_indices();
  const auto values = a.values();
  std::vector<bool> coupled(dirichlet.size(), false);
  for (Index j = 0; j < a.rows(); ++j) {
    for (Index k = offsets[j]; k < offsets[j + 1]; ++k) {
      if (couples_to_dirichlet(j, columns[k], values[k], dirichlet)) {
        coupled[static_cast<std::size_t>(columns[k])] = true;
      }
    }
  }
  Index count = 0;
  for (bool c : coupled) {
    count += c ? 1 : 0;
  }
  return count;
}

Instance eliminate_dirichlet_columns(Instance instance) {
  const CsrMatrix& a = *instance.matrix;
  if (!a.is_square() || instance.rhs.size() != static_cast<std::size_t>(a.rows()) ||
      unmirrored_dirichlet_rows(a) == 0) {
    return instance;
  }
  const std::vector<double> dirichlet = dirichlet_diagonal(a);
  move_dirichlet_values_right(a, dirichlet, instance.rhs);
  instance.matrix = std::make_shared<const CsrMatrix>(without_dirichlet_columns(a, dirichlet));
  return instance;
}

std::unique_ptr<InstanceSource> with_dirichlet_columns_eliminated(std::unique_ptr<InstanceSource> source) {
  return std::make_unique<EliminatingSource>(std::move(source));
}

}  // namespace adasolve::sequence
