#include "common/settings_options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace adasolve::app {

std::string option_name(const std::string& key) {
  std::string name = key;
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

std::string option_help(const std::string& help, const SettingRange& range) {
  return range == SettingRange::any() ? help : fmt::format("{} ({})", help, range.describe());
}

bool key_selected(const std::vector<std::string>& keys, const std::string& key) {
  return keys.empty() || std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::string choice_names_text(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) {
    text += (text.empty() ? "" : " | ") + name;
  }
  return text;
}

std::string choice_help(const std::string& help, const std::vector<std::string>& names) {
  return fmt::format("{} ({})", help, choice_names_text(names));
}

RangedValue<std::uint64_t>* seed_value(std::uint64_t* seed) {
  auto* value = new RangedValue<std::uint64_t>("seed", SettingRange::at_least(0.0), seed);
  value->default_value(*seed);
  return value;  // owned by the options_description it is added to
}

RangedValue<std::uint64_t>* seed_value() {
  auto* value = new RangedValue<std::uint64_t>("seed", SettingRange::at_least(0.0));
  value->default_value(1);
  return value;  // owned by the options_description it is added to
}

std::string unset_argument_name(const std::string& unset) { return fmt::format("arg (unset = {})", unset); }

std::string option_range_message(const std::string& option, const SettingRange& range, double value,
                                 const std::string& token) {
  const auto first = token.find_first_not_of(" \t");
  return fmt::format("--{} must be {}, got {}", option,
                     std::isfinite(value) ? range.describe() : "a finite number",
                     first == std::string::npos ? token : token.substr(first));
}

void refuse_negative_token(const std::string& option, const SettingRange& range, const std::string& token) {
  const auto first = token.find_first_not_of(" \t");
  if (first != std::string::npos && token[first] == '-') {
    throw UsageError(option_range_message(option, range, -1.0, token));
  }
}

}  // namespace adasolve::app
