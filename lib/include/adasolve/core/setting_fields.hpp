#pragma once
// What a settings struct tells the outside world about its fields: for a numeric field a key, the member,
// one line of help and the range of valid values (SettingField); for a field that takes one of a few names
// (an enum, or a rule spelt by name) a key, one line of help, the names and how a name is read and written
// (SettingChoice). The struct lists them once (static `fields()` and `choices()` next to it); its
// validate() checks the ranges with check_ranges, and the apps turn the same lists into command-line
// options (apps/common/settings_options.hpp). Names, defaults, ranges and help text so have one source.
//
// Keys are the settings' own names, as library messages use them: "stop.rtol", "stop.max_iters",
// "tsallis-inf.eta-scale". A command-line option is the key with '_' written '-' (--stop.max-iters).
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "adasolve/core/enum_names.hpp"
#include "adasolve/core/error.hpp"

namespace adasolve {

/// An interval of the real line, each end open, closed or absent (infinite). Every value it holds is finite.
struct SettingRange {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  bool lower_open = false;
  bool upper_open = false;

  bool operator==(const SettingRange&) const = default;
  bool contains(double x) const;
  /// ">= 1", "> 0", "<= 5", "in [0, 1)", "in (0, 2)" or "a finite number" (no end).
  std::string describe() const;

  static SettingRange any() { return {}; }
  static SettingRange at_least(double a) {
    return {a, std::numeric_limits<double>::infinity(), false, false};
  }
  static SettingRange above(double a) { return {a, std::numeric_limits<double>::infinity(), true, false}; }
  static SettingRange closed(double a, double b) { return {a, b, false, false}; }
  static SettingRange open(double a, double b) { return {a, b, true, true}; }
  static SettingRange closed_open(double a, double b) { return {a, b, false, true}; }
  static SettingRange open_closed(double a, double b) { return {a, b, true, false}; }
};

// GCC 12 false positives: std::visit inlines the access of every alternative of Member, and for a struct
// smaller than a `long` it flags the wider alternatives (never the active one) with -Warray-bounds, or
// with -Wmaybe-uninitialized when the struct is a local. Every access through a member pointer happens in
// this struct, so the warnings are silenced here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#if !defined(__clang__)  // GCC-only warning; clang would warn about the unknown option
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

/// One numeric field of Settings: the member it names, its key, its help line and its range.
template <class Settings>
struct SettingField {
  using Member = std::variant<double Settings::*, int Settings::*, long Settings::*, long long Settings::*,
                              unsigned Settings::*, unsigned long Settings::*>;
  const char* key;
  Member member;
  const char* help;
  SettingRange range;
  /// Null: the default is the member's value in a default-constructed struct. Otherwise the field has no
  /// default of its own and this says what an unset value becomes ("derived from the sequence"): the
  /// caller fills the member before it reads the given values over it.
  const char* unset = nullptr;

  /// f(value) with the field's value in s, of the member's own type.
  template <class F>
  decltype(auto) with_value(const Settings& s, F f) const {
    return std::visit([&s, &f](auto m) -> decltype(auto) { return f(s.*m); }, member);
  }
  /// The field's value in s, as a double (every described integer fits in one exactly).
  double get(const Settings& s) const {
    return with_value(s, [](auto value) { return static_cast<double>(value); });
  }
  /// s.*member = value_of(T{}) for the member's type T.
  template <class ValueOf>
  void assign(Settings& s, ValueOf value_of) const {
    std::visit([&s, &value_of](auto m) { s.*m = value_of(std::remove_reference_t<decltype(s.*m)>{}); },
               member);
  }
  /// Sets the field of s to x (converted to the member's type).
  void set(Settings& s, double x) const {
    assign(s, [x](auto member_type) { return static_cast<decltype(member_type)>(x); });
  }
};

#pragma GCC diagnostic pop

/// One field of Settings that takes one of a few names. `set` parses a name with the enum's own parser
/// (core/enum_names.hpp) and throws UsageError "KEY must be a, b or c, got 'x'" for another one; `names`
/// lists the names a user is offered, in the order help shows them (a parser may also accept a deprecated
/// name that is not offered).
template <class Settings>
struct SettingChoice {
  const char* key;
  const char* help;
  std::vector<std::string> names;
  std::function<std::string(const Settings&)> get;
  std::function<void(Settings&, const std::string&)> set;
  /// As SettingField::unset: null, or what an unset value becomes (the field is read only when given).
  const char* unset = nullptr;
};

/// The SettingChoice of an enum member, offering `values` spelt by the enum's to_string and parsed by
/// parse_enum over the same values.
template <class Settings, class Enum, std::size_t N>
SettingChoice<Settings> enum_choice(const char* key, Enum Settings::*member, const char* help,
                                    const std::array<Enum, N>& values, const char* unset = nullptr) {
  std::vector<std::string> names;
  for (const Enum value : values) {
    names.push_back(to_string(value));
  }
  return {key,
          help,
          std::move(names),
          [member](const Settings& s) { return to_string(s.*member); },
          [member, key, values](Settings& s, const std::string& name) {
            s.*member = parse_enum(key, name, values);
          },
          unset};
}

/// The SettingChoice of a bool member, spelt "true" or "false".
template <class Settings>
SettingChoice<Settings> bool_choice(const char* key, bool Settings::*member, const char* help) {
  return {key,
          help,
          {"true", "false"},
          [member](const Settings& s) { return std::string(s.*member ? "true" : "false"); },
          [member, key](Settings& s, const std::string& name) {
            if (name != "true" && name != "false") {
              throw UsageError(std::string(key) + " must be true or false, got '" + name + "'");
            }
            s.*member = name == "true";
          },
          nullptr};
}

/// A setting's value as messages write it: shortest form, 6 significant digits ("1e-08", "1.95", "-3").
std::string setting_value_text(double value);

/// "KEY must be RANGE, got VALUE" ("KEY must be a finite number, got nan" for NaN and Inf).
std::string setting_range_message(const std::string& key, const SettingRange& range, double value);

/// Throws UsageError(setting_range_message(...)) for the first field of s outside its range.
template <class Settings>
void check_ranges(const Settings& s, std::span<const SettingField<Settings>> fields) {
  for (const auto& field : fields) {
    const double value = field.get(s);
    if (!field.range.contains(value)) {
      throw UsageError(setting_range_message(field.key, field.range, value));
    }
  }
}

}  // namespace adasolve
