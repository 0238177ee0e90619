// Temporary: the generator and file sources need pde/ and io/ implementations that are not merged yet.
#include "adasolve/core/error.hpp"
#include "adasolve/sequence/instance_source.hpp"

namespace adasolve::sequence {

void ShiftedLaplacianSequenceSettings::validate() const {}
void HeatSequenceSettings::validate() const {}
std::unique_ptr<InstanceSource> make_shifted_laplacian_sequence(ShiftedLaplacianSequenceSettings) {
  throw UsageError("--generator shifted-laplacian is not available in this build");
}
std::unique_ptr<InstanceSource> make_heat_sequence(HeatSequenceSettings) {
  throw UsageError("--generator heat is not available in this build");
}
std::unique_ptr<InstanceSource> make_manifest_sequence(const std::filesystem::path&) {
  throw UsageError("--manifest is not available in this build");
}
std::unique_ptr<InstanceSource> make_glob_sequence(const std::string&) {
  throw UsageError("--glob is not available in this build");
}

}  // namespace adasolve::sequence
