// Every described setting (core/setting_fields.hpp) against the two places that enforce it: the struct's
// validate() and the command-line binder (apps/common/settings_options.hpp). For each field of each struct
// the apps bind: the default lies in the range, the binder's option is the key with '_' written '-' and
// defaults to the struct's value, and a value just outside the range (and NaN, for reals) is refused by both.
// A field added with a range that validate() or the binder does not enforce fails here.
#include "common/settings_options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "adasolve/bandit/policy_settings.hpp"
#include "adasolve/core/stopping.hpp"
#include "adasolve/pde/grid.hpp"
#include "adasolve/sequence/instance_source.hpp"
#ifdef ADASOLVE_TEST_NLP_SETTINGS
#include "adasolve/nlp/adasketch_newton.hpp"
#endif
#ifdef ADASOLVE_TEST_DCDM_SETTINGS
#include "adasolve/dcdm/dcdm_solver.hpp"
#include "adasolve/dcdm/training_data.hpp"
#endif

namespace {

using namespace adasolve;
using namespace adasolve::bandit;
namespace po = boost::program_options;

/// Parses one "--option=value" against the options the binder makes for Settings.
template <class Settings>
po::variables_map bind_and_parse(const std::vector<std::string>& args) {
  po::options_description options;
  app::add_setting_options<Settings>(options);
  std::vector<std::string> argv{"test"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (auto& arg : argv) {
    pointers.push_back(arg.data());
  }
  po::variables_map values;
  po::store(
      po::command_line_parser(static_cast<int>(pointers.size()), pointers.data()).options(options).run(),
      values);
  return values;
}

/// Values just outside the range (a half-width beyond each finite end, 1 for integers), and NaN for reals.
std::vector<double> outside(const SettingRange& range, bool integer) {
  std::vector<double> probes;
  if (std::isfinite(range.lower)) {
    probes.push_back(range.lower_open ? range.lower
                                      : range.lower - (integer ? 1.0 : (std::abs(range.lower) + 1) / 2));
  }
  if (std::isfinite(range.upper)) {
    probes.push_back(range.upper_open ? range.upper
                                      : range.upper + (integer ? 1.0 : (std::abs(range.upper) + 1) / 2));
  }
  if (!integer) {
    probes.push_back(std::numeric_limits<double>::quiet_NaN());
  }
  return probes;
}

template <class Settings>
void check_described_fields() {
  const Settings defaults{};
  REQUIRE_NOTHROW(defaults.validate());
  REQUIRE_FALSE(Settings::fields().empty());
  const auto parsed_defaults = bind_and_parse<Settings>({});
  for (const auto& field : Settings::fields()) {
    const std::string option = app::option_name(field.key);
    INFO("setting " << field.key << ", option --" << option);
    CHECK(option.find('_') == std::string::npos);
    CHECK(field.range.contains(field.get(defaults)));
    CHECK(std::string(field.help).size() > 3);
    field.with_value(defaults, [&](auto default_value) {
      using T = decltype(default_value);
      if (field.unset != nullptr) {
        CHECK(parsed_defaults.count(option) == 0U);  // no default of its own: read only when given
      } else {
        CHECK(parsed_defaults[option].template as<T>() == default_value);
      }
      for (const double x : outside(field.range, !std::is_same_v<T, double>)) {
        INFO("value " << x);
        const std::string text = fmt::format("{}", x);
        CHECK_THROWS_WITH(bind_and_parse<Settings>({"--" + option + "=" + text}),
                          Catch::StartsWith("--" + option + " must be "));
        if (std::is_unsigned_v<T> && x < 0) {
          continue;  // not representable in the member: the binder's refusal above is the whole check
        }
        Settings outside_range = defaults;
        field.set(outside_range, x);
        CHECK_THROWS_WITH(outside_range.validate(), Catch::StartsWith(std::string(field.key) + " must be "));
      }
    });
    // The ends of a closed range are accepted by the binder.
    for (const double x : {field.range.lower, field.range.upper}) {
      const bool closed_end =
          std::isfinite(x) && (x == field.range.lower ? !field.range.lower_open : !field.range.upper_open);
      if (closed_end) {
        CHECK_NOTHROW(bind_and_parse<Settings>({"--" + option + "=" + fmt::format("{}", x)}));
      }
    }
  }
}

/// Every described choice of Settings: its option is the key with '_' written '-' and defaults to the
/// struct's name; every name it offers is accepted by the binder and reads back as itself (the getter and
/// setter agree); another name is refused by the binder and by the setter, each with the range of names.
template <class Settings>
void check_described_choices() {
  const Settings defaults{};
  REQUIRE_FALSE(Settings::choices().empty());
  const auto parsed_defaults = bind_and_parse<Settings>({});
  for (const auto& choice : Settings::choices()) {
    const std::string option = app::option_name(choice.key);
    INFO("setting " << choice.key << ", option --" << option);
    CHECK(option.find('_') == std::string::npos);
    CHECK(std::string(choice.help).size() > 3);
    REQUIRE(choice.names.size() >= 2U);
    const std::string default_name = choice.get(defaults);
    CHECK(std::find(choice.names.begin(), choice.names.end(), default_name) != choice.names.end());
    CHECK(parsed_defaults[option].template as<std::string>() == default_name);
    for (const auto& name : choice.names) {
      INFO("name " << name);
      Settings read = defaults;
      app::read_setting_options(bind_and_parse<Settings>({"--" + option + "=" + name}), read);
      CHECK(choice.get(read) == name);
      CHECK_NOTHROW(read.validate());
    }
    CHECK_THROWS_WITH(
        bind_and_parse<Settings>({"--" + option + "=no-such-name"}),
        Catch::StartsWith("--" + option + " must be ") && Catch::EndsWith("got 'no-such-name'"));
    Settings refused = defaults;
    CHECK_THROWS_WITH(choice.set(refused, "no-such-name"),
                      Catch::StartsWith(std::string(choice.key) + " must be "));
  }
}

}  // namespace

TEST_CASE("SettingRange describes and holds its values") {
  CHECK(SettingRange::at_least(1).describe() == ">= 1");
  CHECK(SettingRange::above(0).describe() == "> 0");
  CHECK(SettingRange::closed_open(0, 1).describe() == "in [0, 1)");
  CHECK(SettingRange::open(0, 2).describe() == "in (0, 2)");
  CHECK(SettingRange::any().describe() == "a finite number");
  CHECK(SettingRange::open(0, 2).contains(1.0));
  CHECK_FALSE(SettingRange::open(0, 2).contains(2.0));
  CHECK_FALSE(SettingRange::any().contains(std::numeric_limits<double>::infinity()));
  CHECK(setting_range_message("stop.rtol", SettingRange::closed_open(0, 1), 2) ==
        "stop.rtol must be in [0, 1), got 2");
  CHECK(app::option_name("stop.max_iters") == "stop.max-iters");
}

TEST_CASE("stopping criteria: described ranges are enforced by validate and the binder") {
  check_described_fields<StoppingCriteria>();
  check_described_choices<StoppingCriteria>();
}

TEST_CASE("a choice's help lists the names it offers and a config file's bad name is refused") {
  po::options_description options;
  app::add_setting_options<StoppingCriteria>(options);
  std::ostringstream help;
  help << options;
  CHECK_THAT(help.str(), Catch::Contains("--stop.baseline arg (=rhs_norm)"));
  CHECK_THAT(help.str(), Catch::Contains("(rhs_norm | initial_residual)"));
  std::istringstream config("stop.baseline = initial\n");  // the parser's short name is still read
  po::variables_map values;
  po::store(po::parse_config_file(config, options), values);
  StoppingCriteria read;
  app::read_setting_options(values, read);
  CHECK(read.baseline == Baseline::initial_residual);
  std::istringstream bad("stop.baseline = start\n");
  po::variables_map refused;
  CHECK_THROWS_WITH(po::store(po::parse_config_file(bad, options), refused),
                    "--stop.baseline must be 'rhs_norm' or 'initial_residual', got 'start'");
}

TEST_CASE("omega policy settings: described ranges are enforced by validate and the binder") {
  check_described_fields<OmegaGrid>();
  check_described_fields<TsallisInfSettings>();
  check_described_fields<TsallisInfCbSettings>();
  check_described_fields<ChebCbSettings>();
  check_described_fields<YoungSettings>();
  check_described_fields<ZoomDescentSettings>();
  check_described_fields<ContextRange>();
  check_described_fields<OmegaPolicySettings>();
}

TEST_CASE("the omega policy is a choice without a default of its own") {
  po::options_description options;
  app::add_setting_options<OmegaPolicySettings>(options);
  std::ostringstream help;
  help << options;
  CHECK_THAT(help.str(), Catch::Contains("--policy arg (unset = the solver's own default)"));
  CHECK(bind_and_parse<OmegaPolicySettings>({}).count("policy") == 0U);
  for (const auto& name : omega_policy_names()) {
    OmegaPolicySettings read;
    app::read_setting_options(bind_and_parse<OmegaPolicySettings>({"--policy=" + name}), read);
    CHECK(read.policy == name);
  }
  CHECK_THROWS_WITH(bind_and_parse<OmegaPolicySettings>({"--policy=magic"}),
                    Catch::StartsWith("--policy must be fixed, young,") && Catch::EndsWith("got 'magic'"));
}

TEST_CASE("a field without a default of its own says what unset means") {
  po::options_description options;
  app::add_setting_options<ContextRange>(options);
  std::ostringstream help;
  help << options;
  CHECK_THAT(help.str(), Catch::Contains("--context.min arg (unset = derived from the sequence"));
  ContextRange range{-1.0, 3.0};  // the caller's derived values; a given value is read over them
  const auto values = bind_and_parse<ContextRange>({"--context.max=7"});
  app::read_setting_options(values, range);
  CHECK(range.min == -1.0);
  CHECK(range.max == 7.0);
}

TEST_CASE("pde grid settings: described ranges are enforced by validate and the binder") {
  check_described_fields<pde::CubeGridSettings>();
}

TEST_CASE("sequence generator settings: described ranges are enforced by validate and the binder") {
  check_described_fields<sequence::PoissonSequenceSettings>();
  check_described_fields<sequence::ShiftedLaplacianSequenceSettings>();
  check_described_choices<sequence::ShiftedLaplacianSequenceSettings>();
  check_described_fields<sequence::HeatSequenceSettings>();
}

#ifdef ADASOLVE_TEST_NLP_SETTINGS
TEST_CASE("AdaSketch-Newton settings: described ranges and choices are enforced by validate and the binder") {
  check_described_fields<nlp::SketchSettings>();
  check_described_choices<nlp::SketchSettings>();
  check_described_fields<nlp::AdaSketchSettings>();
  check_described_choices<nlp::AdaSketchSettings>();
}
#endif

#ifdef ADASOLVE_TEST_DCDM_SETTINGS
TEST_CASE("DCDM settings: described ranges are enforced by validate and the binder") {
  check_described_fields<dcdm::DcdmSettings>();
  check_described_fields<dcdm::RhsSynthesis>();
}
#endif

TEST_CASE("an unsigned setting refuses a negative number instead of wrapping it") {
  // PoissonSequenceSettings::count is a std::size_t: "-1" would otherwise read as 2^64 - 1.
  CHECK_THROWS_WITH(bind_and_parse<sequence::PoissonSequenceSettings>({"--instances=-3"}),
                    "--instances must be >= 1, got -3");
}
