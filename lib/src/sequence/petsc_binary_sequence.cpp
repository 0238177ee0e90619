// A PETSc program's dump as a sequence: the k-th matrix of one PETSc binary file with the k-th vector of
// another (or of the same) file, read lazily.
#include <optional>

#include "adasolve/core/error.hpp"
#include "adasolve/io/petsc_binary.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "sequence/ones_rhs.hpp"

namespace adasolve::sequence {

namespace {

class PetscBinarySequence final : public InstanceSource {
 public:
  PetscBinarySequence(const std::filesystem::path& matrix_file, const std::filesystem::path& rhs_file)
      : matrices_(matrix_file), label_(matrix_file.stem().string()) {
    if (matrices_.matrix_count() == 0) {
      throw InputError::at(matrices_.name(), 0,
                           "holds no matrix, only " + std::to_string(matrices_.vector_count()) + " vectors");
    }
    if (!rhs_file.empty()) {
      rhs_.emplace(rhs_file);
    } else if (matrices_.vector_count() > 0) {
      rhs_ = matrices_;  // one file holding both (-ksp_view_mat and -ksp_view_rhs on one viewer)
    }
    if (rhs_ && rhs_->vector_count() != matrices_.matrix_count()) {
      // Instance k pairs the k-th matrix with the k-th vector: any other count would pair them wrongly.
      throw InputError::at(rhs_->name(), 0,
                           "holds " + std::to_string(rhs_->vector_count()) +
                               " right-hand-side vectors, but " + matrices_.name() + " holds " +
                               std::to_string(matrices_.matrix_count()) +
                               " matrices: the k-th matrix is solved with the k-th vector");
    }
  }

  std::string description() const override {
    return "petsc-binary " + matrices_.name() + (rhs_ ? " rhs " + rhs_->name() : std::string(" rhs A*ones")) +
           " (" + std::to_string(matrices_.matrix_count()) + " instances)";
  }
  std::vector<std::string> context_names() const override { return {}; }
  std::optional<std::size_t> size() const override { return matrices_.matrix_count(); }
  std::size_t position() const override { return position_; }
  bool done() const override { return position_ >= matrices_.matrix_count(); }

  Instance next() override {
    const std::size_t k = position_;
    const std::string number = std::to_string(k + 1);
    Instance instance;
    instance.index = k;
    instance.name = label_ + "-" + number;
    instance.origin = matrices_.name() + ": matrix " + number;
    auto matrix = std::make_shared<const CsrMatrix>(matrices_.read_matrix(k));
    if (!matrix->is_square()) {
      throw InputError(instance.origin + ": the sequence needs square matrices, this one is " +
                       std::to_string(matrix->rows()) + " x " + std::to_string(matrix->cols()));
    }
    if (rhs_) {
      instance.rhs = rhs_->read_vector(k);
      if (instance.rhs.size() != static_cast<std::size_t>(matrix->rows())) {
        throw InputError(rhs_->name() + ": vector " + number + " has " + std::to_string(instance.rhs.size()) +
                         " entries, matrix " + number + " of " + matrices_.name() + " has " +
                         std::to_string(matrix->rows()) + " rows");
      }
    } else {
      instance.rhs = detail::ones_rhs(*matrix);
    }
    instance.matrix = std::move(matrix);
    ++position_;
    return instance;
  }

  nlohmann::json state() const override { return {{"position", position_}}; }
  void restore(const nlohmann::json& state) override {
    const auto target = state.at("position").get<std::size_t>();
    if (target > matrices_.matrix_count()) {
      throw InputError(matrices_.name() + ": cannot resume at instance " + std::to_string(target) + " of " +
                       std::to_string(matrices_.matrix_count()));
    }
    position_ = target;
  }

 private:
  io::PetscBinaryFile matrices_;
  std::optional<io::PetscBinaryFile> rhs_;
  std::string label_;
  std::size_t position_ = 0;
};

}  // namespace

std::unique_ptr<InstanceSource> make_petsc_binary_sequence(const std::filesystem::path& matrix_file,
                                                           const std::filesystem::path& rhs_file) {
  return std::make_unique<PetscBinarySequence>(matrix_file, rhs_file);
}

}  // namespace adasolve::sequence
