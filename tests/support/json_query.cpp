// json_query FILE ASSERTION...: parses the JSON a command printed and checks values in it, so that CLI
// tests compare parsed values instead of matching regular expressions against JSON text.
// FILE holds either one JSON document (pretty-printed or not) or JSON lines (every line that starts with
// '{' must parse; other lines are ignored). An ASSERTION is WHICH:POINTER[=VALUE]:
//   WHICH    last (the last document), first, or any (at least one document satisfies it)
//   POINTER  a JSON pointer, e.g. /oracles/best-fixed/omega
//   VALUE    JSON to compare with (2, "summary", true); a string that is not JSON is compared as a string.
//            Without =VALUE the pointer must exist. "=~TYPE" checks the type: number, integer, string,
//            object, array, boolean.
// Exit 0 when every assertion holds; otherwise prints each failure and exits 1 (2 for bad usage/JSON).
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

using nlohmann::json;

namespace {

bool has_type(const json& v, const std::string& type) {
  return (type == "number" && v.is_number()) || (type == "integer" && v.is_number_integer()) ||
         (type == "string" && v.is_string()) || (type == "object" && v.is_object()) ||
         (type == "array" && v.is_array()) || (type == "boolean" && v.is_boolean());
}

bool holds(const json& doc, const json::json_pointer& pointer, const std::string& expected, bool has_value) {
  if (!doc.contains(pointer)) {
    return false;
  }
  if (!has_value) {
    return true;
  }
  const json& v = doc.at(pointer);
  if (expected.starts_with("~")) {
    return has_type(v, expected.substr(1));
  }
  const json want = json::parse(expected, nullptr, false);
  return want.is_discarded() ? v == json(expected) : v == want;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: json_query FILE WHICH:POINTER[=VALUE]...\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::vector<json> docs;
  if (json whole = json::parse(text, nullptr, false); !whole.is_discarded()) {
    docs.push_back(std::move(whole));
  } else {
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
      ++number;
      if (line.starts_with("{")) {
        json doc = json::parse(line, nullptr, false);
        if (doc.is_discarded()) {
          std::cerr << "json_query: line " << number << " is not valid JSON: " << line.substr(0, 200) << "\n";
          return 2;
        }
        docs.push_back(std::move(doc));
      }
    }
  }
  if (docs.empty()) {
    std::cerr << "json_query: no JSON in the output\n";
    return 2;
  }
  int failures = 0;
  for (int i = 2; i < argc; ++i) {
    const std::string assertion = argv[i];
    const auto colon = assertion.find(':');
    const auto eq = assertion.find('=', colon == std::string::npos ? 0 : colon);
    if (colon == std::string::npos) {
      std::cerr << "json_query: bad assertion " << assertion << "\n";
      return 2;
    }
    const std::string which = assertion.substr(0, colon);
    const std::string pointer_text =
        assertion.substr(colon + 1, eq == std::string::npos ? std::string::npos : eq - colon - 1);
    const bool has_value = eq != std::string::npos;
    const std::string expected = has_value ? assertion.substr(eq + 1) : "";
    json::json_pointer pointer;
    try {
      pointer = json::json_pointer(pointer_text);
    } catch (const json::exception& e) {
      std::cerr << "json_query: bad pointer in " << assertion << ": " << e.what() << "\n";
      return 2;
    }
    bool ok = false;
    if (which == "last") {
      ok = holds(docs.back(), pointer, expected, has_value);
    } else if (which == "first") {
      ok = holds(docs.front(), pointer, expected, has_value);
    } else if (which == "any") {
      for (const auto& doc : docs) {
        ok = ok || holds(doc, pointer, expected, has_value);
      }
    } else {
      std::cerr << "json_query: WHICH must be last, first or any in " << assertion << "\n";
      return 2;
    }
    if (!ok) {
      const json& shown = which == "first" ? docs.front() : docs.back();
      std::cerr << "json_query: " << assertion << " does not hold; " << which
                << " document: " << shown.dump().substr(0, 400) << "\n";
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
