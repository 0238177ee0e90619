#include "common/json_lines.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "adasolve/core/version.hpp"

namespace adasolve::app {

namespace {

// nlohmann::json would itself print a non-finite double as null; doing it here keeps the in-memory record
// equal to what is written, and makes the rule visible rather than a property of the serializer.
void null_non_finite(nlohmann::json& j) {
  if (j.is_number_float()) {
    if (!std::isfinite(j.get<double>())) {
      j = nullptr;
    }
  } else if (j.is_structured()) {
    for (auto& item : j) {
      null_non_finite(item);
    }
  }
}

}  // namespace

nlohmann::json json_number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(); }

nlohmann::json json_count(double v) {
  return std::isfinite(v) ? nlohmann::json(std::llround(v)) : nlohmann::json();
}

nlohmann::json json_record(std::string_view schema, nlohmann::json fields) {
  if (!fields.is_object()) {
    throw std::logic_error("json_record: a " + std::string(schema) + " record must be a JSON object");
  }
  if (fields.contains("schema")) {
    throw std::logic_error("json_record: a " + std::string(schema) + " record sets \"schema\" itself");
  }
  null_non_finite(fields);
  fields["schema"] = std::string(schema);
  add_version_keys(fields);
  return fields;
}

void write_json_line(std::ostream& out, std::string_view schema, nlohmann::json fields) {
  out << json_record(schema, std::move(fields)).dump() << '\n';
  out.flush();
}

}  // namespace adasolve::app
