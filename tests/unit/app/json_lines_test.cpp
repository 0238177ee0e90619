#include "common/json_lines.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "adasolve/core/version.hpp"

using adasolve::app::json_count;
using adasolve::app::json_number;
using adasolve::app::json_record;
using adasolve::app::write_json_line;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("json_record adds schema, version and git_revision") {
  const auto j = json_record("adasolve-seq/summary", {{"instances", 3}});
  CHECK(j.at("schema") == "adasolve-seq/summary");
  CHECK(j.at("version") == std::string(adasolve::version()));
  CHECK(j.at("git_revision") == std::string(adasolve::git_revision()));
  CHECK(j.at("instances") == 3);
}

TEST_CASE("json_record refuses a non-object and a record that names its own schema") {
  CHECK_THROWS_AS(json_record("x/y", nlohmann::json::array()), std::logic_error);
  CHECK_THROWS_AS(json_record("x/y", {{"schema", "other"}}), std::logic_error);
}

TEST_CASE("non-finite numbers become null at any depth, finite ones stay") {
  const auto j = json_record("x/y", {{"a", kNaN}, {"b", {{"c", kInf}, {"d", 2.5}}}, {"e", {1.0, -kInf}}});
  CHECK(j.at("a").is_null());
  CHECK(j.at("b").at("c").is_null());
  CHECK(j.at("b").at("d") == 2.5);
  CHECK(j.at("e").at(0) == 1.0);
  CHECK(j.at("e").at(1).is_null());
}

TEST_CASE("counts held in doubles are written as JSON integers") {
  CHECK(json_count(104.0).is_number_integer());
  CHECK(json_count(104.0).dump() == "104");
  CHECK(json_count(kNaN).is_null());
  CHECK(json_number(0.5) == 0.5);
  CHECK(json_number(kInf).is_null());
}

TEST_CASE("write_json_line writes one line per record") {
  std::ostringstream out;
  write_json_line(out, "x/y", {{"total_iterations", 104LL}, {"r", kNaN}});
  write_json_line(out, "x/z", nlohmann::json::object());
  const std::string text = out.str();
  REQUIRE(std::count(text.begin(), text.end(), '\n') == 2);
  const auto first = nlohmann::json::parse(text.substr(0, text.find('\n')));
  CHECK(first.at("schema") == "x/y");
  CHECK(text.find("\"total_iterations\":104,") != std::string::npos);
  CHECK(text.find("\"r\":null") != std::string::npos);
}
