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
#include "common/options.hpp"

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

/// "a | b | c": the names a choice offers, as help shows them.
std::string choice_names_text(const std::vector<std::string>& names);

/// The help text of a described choice: its help line, then the names it offers.
std::string choice_help(const std::string& help, const std::vector<std::string>& names);

/// A string option whose every value must be a name the described choice accepts: it is checked while it
/// is parsed, from the command line or a config file, by the enum's own parser.
template <class Settings>
class ChoiceValue : public po::typed_value<std::string> {
 public:
  ChoiceValue(std::string option, SettingChoice<Settings> choice)
      : po::typed_value<std::string>(nullptr), option_(std::move(option)), choice_(std::move(choice)) {}

  std::string name() const override {
    return choice_.unset == nullptr ? po::typed_value<std::string>::name()
                                    : unset_argument_name(choice_.unset);
  }

  void xparse(boost::any& store, const std::vector<std::string>& tokens) const override {
    po::typed_value<std::string>::xparse(store, tokens);
    Settings scratch{};
    try {
      choice_.set(scratch, boost::any_cast<std::string>(store));
    } catch (const UsageError& e) {
      throw UsageError(option_choice_message(option_, e.what()));
    }
  }

 private:
  std::string option_;
  SettingChoice<Settings> choice_;
};

/// Settings that describe fields by name as well as by number.
template <class Settings>
concept HasSettingChoices = requires {
  Settings::choices();
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

/// Settings that describe numeric fields.
template <class Settings>
concept HasSettingFields = requires {
  Settings::fields();
};

/// Whether `key` is selected by a key list (an empty list selects every key).
bool key_selected(const std::vector<std::string>& keys, const std::string& key);

/// Adds one option per described field and choice of Settings (only those of `keys` when it is not empty),
/// with the defaults of `defaults`. One with an `unset` meaning gets no default: it is read only when given.
template <class Settings>
void add_setting_options(po::options_description& options, const Settings& defaults = Settings{},
                         const std::vector<std::string>& keys = {}) {
  if constexpr (HasSettingFields<Settings>) {
    for (const auto& field : Settings::fields()) {
      if (!key_selected(keys, field.key)) {
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
  if constexpr (HasSettingChoices<Settings>) {
    for (const auto& choice : Settings::choices()) {
      if (!key_selected(keys, choice.key)) {
        continue;
      }
      const std::string name = option_name(choice.key);
      auto* value = new ChoiceValue<Settings>(name, choice);  // owned by `options`
      if (choice.unset == nullptr) {
        value->default_value(choice.get(defaults));
      }
      options.add_options()(name.c_str(), value, choice_help(choice.help, choice.names).c_str());
    }
  }
}

/// Sets every described field and choice of `settings` (only those of `keys` when it is not empty) that
/// `values` holds (given or defaulted; one with an `unset` meaning keeps its value unless given).
template <class Settings>
void read_setting_options(const po::variables_map& values, Settings& settings,
                          const std::vector<std::string>& keys = {}) {
  if constexpr (HasSettingFields<Settings>) {
    for (const auto& field : Settings::fields()) {
      const std::string name = option_name(field.key);
      if (!key_selected(keys, field.key) || values.count(name) == 0U) {
        continue;
      }
      field.assign(settings,
                   [&](auto member_type) { return values[name].template as<decltype(member_type)>(); });
    }
  }
  if constexpr (HasSettingChoices<Settings>) {
    for (const auto& choice : Settings::choices()) {
      const std::string name = option_name(choice.key);
      if (key_selected(keys, choice.key) && values.count(name) != 0U) {
        choice.set(settings, values[name].template as<std::string>());
      }
    }
  }
}

/// The command-line arguments ("--stop.max-iters", "500", ...) that give every described field and choice of
/// `s` whose value differs from a default-constructed Settings its value: how a benchmark hands its settings
/// to an app that it runs as a child process. Fields with an `unset` meaning are passed whenever they differ.
template <class Settings>
std::vector<std::string> setting_arguments(const Settings& s) {
  const Settings defaults{};
  std::vector<std::string> args;
  if constexpr (HasSettingFields<Settings>) {
    for (const auto& field : Settings::fields()) {
      const std::string value = field.with_value(s, [](auto v) { return fmt::format("{}", v); });
      if (value != field.with_value(defaults, [](auto v) { return fmt::format("{}", v); })) {
        args.push_back("--" + option_name(field.key));
        args.push_back(value);
      }
    }
  }
  if constexpr (HasSettingChoices<Settings>) {
    for (const auto& choice : Settings::choices()) {
      if (choice.get(s) != choice.get(defaults)) {
        args.push_back("--" + option_name(choice.key));
        args.push_back(choice.get(s));
      }
    }
  }
  return args;
}

}  // namespace adasolve::app
