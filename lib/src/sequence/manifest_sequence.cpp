// Manifest, directory and glob sequences: matrix files (Matrix Market or PETSc binary) read lazily, one
// instance at a time.
#include <algorithm>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_file.hpp"
#include "adasolve/io/sequence_manifest.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "sequence/ones_rhs.hpp"

namespace adasolve::sequence {

namespace {

class ManifestSequence final : public InstanceSource {
 public:
  ManifestSequence(io::SequenceManifest manifest, std::string kind)
      : manifest_(std::move(manifest)), kind_(std::move(kind)) {
    if (manifest_.instances.empty()) {
      throw InputError(manifest_.source + ": the sequence is empty");
    }
  }

  std::string description() const override {
    return kind_ + " " + manifest_.source + " (" + std::to_string(manifest_.instances.size()) + " instances)";
  }
  std::vector<std::string> context_names() const override { return manifest_.context_names; }
  std::optional<std::pair<double, double>> context_range(const std::string& name) const override {
    const auto it = std::find(manifest_.context_names.begin(), manifest_.context_names.end(), name);
    if (it == manifest_.context_names.end()) {
      return std::nullopt;
    }
    const auto column = static_cast<std::size_t>(it - manifest_.context_names.begin());
    double lo = manifest_.instances.front().context[column];
    double hi = lo;
    for (const auto& instance : manifest_.instances) {
      lo = std::min(lo, instance.context[column]);
      hi = std::max(hi, instance.context[column]);
    }
    return std::make_pair(lo, hi);
  }
  std::optional<std::size_t> size() const override { return manifest_.instances.size(); }
  std::size_t position() const override { return position_; }
  bool done() const override { return position_ >= manifest_.instances.size(); }

  Instance next() override {
    const io::SequenceInstance& entry = manifest_.instances[position_];
    Instance instance;
    instance.index = position_;
    instance.name = entry.label;
    instance.origin =
        entry.line > 0 ? manifest_.source + ":" + std::to_string(entry.line) : entry.matrix.string();
    if (!matrix_ || entry.matrix != matrix_path_) {
      matrix_ = std::make_shared<const CsrMatrix>(io::read_matrix_file(entry.matrix));
      matrix_path_ = entry.matrix;
    }
    instance.matrix = matrix_;
    if (!matrix_->is_square()) {
      throw InputError(entry.matrix.string() + ": the sequence needs square matrices, this one is " +
                       std::to_string(matrix_->rows()) + " x " + std::to_string(matrix_->cols()));
    }
    if (entry.rhs.empty()) {
      instance.rhs = detail::ones_rhs(*matrix_);
    } else {
      instance.rhs = io::read_vector_file(entry.rhs);
    }
    for (std::size_t k = 0; k < manifest_.context_names.size(); ++k) {
      instance.context.push_back({manifest_.context_names[k], entry.context[k]});
    }
    ++position_;
    return instance;
  }

  nlohmann::json state() const override { return {{"position", position_}}; }
  void restore(const nlohmann::json& state) override {
    const auto target = state.at("position").get<std::size_t>();
    if (target > manifest_.instances.size()) {
      throw InputError(manifest_.source + ": cannot resume at instance " + std::to_string(target) + " of " +
                       std::to_string(manifest_.instances.size()));
    }
    position_ = target;
  }

 private:
  io::SequenceManifest manifest_;
  std::string kind_;
  std::size_t position_ = 0;
  std::shared_ptr<const CsrMatrix> matrix_;
  std::filesystem::path matrix_path_;
};

}  // namespace

std::unique_ptr<InstanceSource> make_manifest_sequence(const std::filesystem::path& manifest) {
  return std::make_unique<ManifestSequence>(io::read_sequence_manifest(manifest), "manifest");
}

std::unique_ptr<InstanceSource> make_glob_sequence(const std::string& dir_or_glob) {
  return std::make_unique<ManifestSequence>(io::list_sequence_directory(dir_or_glob), "files");
}

}  // namespace adasolve::sequence
