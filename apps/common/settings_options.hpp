#pragma once
// The one binder from a settings struct's field descriptions (core/setting_fields.hpp) to command-line
// options: each described field becomes the option named by its key ('_' written '-'), with the default of
// a default-constructed struct (or the defaults given), the field's help line and its range. A value outside
// the range is refused while it is parsed, from the command line or a config file, with the key's range:
//   "--stop.rtol must be in [0, 1), got 2"
// so an app never repeats a name, a default, a range or a help text that the library states.
#include <fmt/format.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "adasolve/core/error.hpp"
#include "adasolve/core/setting_fields.hpp"

namespace adasolve::app {

namespace po = boost::program_options;

/// The option of a setting key: "stop.max_iters" -> "stop.max-iters".
std::string option_name(const std::string& key);

/// The help text of a described field: its help line, and its range where it has one.
std::string option_help(const std::string& help, const SettingRange& range);

/// "--OPTION must be RANGE, got TOKEN" ("a finite number" for NaN and Inf), the value named as it was given
/// ("100000000", not "1e+08").
std::string option_range_message(const std::string& option, const SettingRange& range, double value,
                                 const std::string& token);

/// UsageError "--OPTION must be RANGE, got TOKEN" when TOKEN is a negative number for an unsigned option
/// (Boost's lexical_cast would read "-1" as 2^64 - 1).
void refuse_negative_token(const std::string& option, const SettingRange& range, const std::string& token);

/// The argument column of an option without a default: "arg (unset = derived from the sequence)".
std::string unset_argument_name(const std::string& unset);

/// A typed option value whose every parsed value must lie in `range` (UsageError otherwise).
template <class T>
class RangedValue : public po::typed_value<T> {
 public:
  RangedValue(std::string option, SettingRange range, T* store = nullptr)
      : po::typed_value<T>(store), option_(std::move(option)), range_(range) {}

  /// The value has no default; `meaning` says what an unset value becomes (shown in --help).
  RangedValue* unset_means(std::string meaning) {
    unset_ = std::move(meaning);
    return this;
  }

  std::string name() const override {
    return unset_.empty() ? po::typed_value<T>::name() : unset_argument_name(unset_);
  }

  void xparse(boost::any& store, const std::vector<std::string>& tokens) const override {
    if constexpr (std::is_unsigned_v<T>) {
      for (const auto& token : tokens) {
        refuse_negative_token(option_, range_, token);
      }
    }
    po::typed_value<T>::xparse(store, tokens);
    const double value = static_cast<double>(boost::any_cast<T>(store));
    if (!range_.contains(value)) {
      throw UsageError(option_range_message(option_, range_, value, tokens.empty() ? "" : tokens.back()));
    }
  }

 private:
  std::string option_;
  SettingRange range_;
  std::string unset_;
};

/// A value for an app's own option that takes the range of a described field (e.g. seq's --instances,
/// which sets the count of two generators).
template <class T>
RangedValue<T>* ranged_value(const std::string& option, const SettingRange& range) {
  return new RangedValue<T>(option, range);  // owned by the options_description it is added to
}

/// The --seed option: an unsigned 64-bit seed stored in *seed, its value the default; "-1" is refused
/// ("--seed must be >= 0, got -1"), not wrapped to 2^64 - 1.
RangedValue<std::uint64_t>* seed_value(std::uint64_t* seed);
/// The same, default 1, read with values["seed"].as<std::uint64_t>().
RangedValue<std::uint64_t>* seed_value();

/// The described field of Settings with this key (std::logic_error when there is none: a programming error).
template <class Settings>
const SettingField<Settings>& setting_field(const std::string& key) {
  for (const auto& field : Settings::fields()) {
    if (key == field.key) {
      return field;
    }
  }
  throw std::logic_error("no setting '" + key + "'");
}

/// Adds one option per described field of Settings (only those of `keys` when it is not empty), with the
/// defaults of `defaults`. A field with an `unset` meaning gets no default: it is read only when given.
template <class Settings>
void add_setting_options(po::options_description& options, const Settings& defaults = Settings{},
                         const std::vector<std::string>& keys = {}) {
  for (const auto& field : Settings::fields()) {
    if (!keys.empty() && std::find(keys.begin(), keys.end(), field.key) == keys.end()) {
      continue;
    }
    field.with_value(defaults, [&](auto default_value) {
      const std::string name = option_name(field.key);
      auto* value = ranged_value<decltype(default_value)>(name, field.range);
      if (field.unset != nullptr) {
        value->unset_means(field.unset);
      } else {
        value->default_value(default_value, fmt::format("{}", default_value));  // 1e-06, not 9.99...e-07
      }
      options.add_options()(name.c_str(), value, option_help(field.help, field.range).c_str());
    });
  }
}

/// Sets every described field of `settings` that `values` holds (given or defaulted; a field with an
/// `unset` meaning keeps its value unless given).
template <class Settings>
void read_setting_options(const po::variables_map& values, Settings& settings) {
  for (const auto& field : Settings::fields()) {
    const std::string name = option_name(field.key);
    if (values.count(name) == 0U) {
      continue;
    }
    field.assign(settings,
                 [&](auto member_type) { return values[name].template as<decltype(member_type)>(); });
  }
}

}  // namespace adasolve::app
