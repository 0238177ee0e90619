#pragma once
// The output contract of every app's --format json (docs/schema/README.md): JSON lines, one object per
// line, flushed as it is written, and every object carries
//   "schema"        the record type, "<app>/<type>" ("adasolve-seq/summary"); its JSON Schema is
//                   docs/schema/<app>/<type>.json
//   "version"       the version of the build that wrote it (core/version.hpp)
//   "git_revision"  the git revision of that build
// Counts are JSON integers: callers pass integer types, or json_count() for a count kept in a double.
// JSON has no NaN or Inf. A non-finite number is written as null (json_number(), and write_json_line()
// replaces any that remain), never as 0 and never as invalid JSON; the schemas type every field that can
// be non-finite as ["number", "null"] (or ["integer", "null"]).
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

namespace adasolve::app {

/// v, or null when v is NaN or +-Inf.
nlohmann::json json_number(double v);

/// A count held in a double (an iteration total summed in floating point): the nearest integer as a JSON
/// integer, or null when v is not finite.
nlohmann::json json_count(double v);

/// `fields` (an object) with "schema", "version" and "git_revision" added, and every non-finite number
/// in it, however deeply nested, replaced by null. Throws std::logic_error when `fields` is not an object
/// or already has a "schema" key.
nlohmann::json json_record(std::string_view schema, nlohmann::json fields);

/// Writes json_record(schema, fields) as one line and flushes `out`, so an interrupted run keeps every
/// record written so far.
void write_json_line(std::ostream& out, std::string_view schema, nlohmann::json fields);

}  // namespace adasolve::app
