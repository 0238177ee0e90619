#pragma once
// Which adasolve made a result: the project version and the git revision of the source it was built from.
// Every JSON summary and every state or checkpoint file carries both (keys "version" and "git_revision").
#include <string>
#include <string_view>

namespace adasolve {

/// The project version, "MAJOR.MINOR.PATCH".
std::string_view version();

/// The git revision of the build's source tree: 12 hex digits, "-dirty" appended when tracked files had
/// uncommitted changes, or "unknown" when it was built outside a git checkout.
std::string_view git_revision();

/// Adds "version" and "git_revision" to a JSON object (nlohmann::json or ordered_json).
template <class Json>
void add_version_keys(Json& object) {
  object["version"] = std::string(version());
  object["git_revision"] = std::string(git_revision());
}

/// The same on a copy: `out << with_version_keys(json{...}).dump()`.
template <class Json>
Json with_version_keys(Json object) {
  add_version_keys(object);
  return object;
}

}  // namespace adasolve
