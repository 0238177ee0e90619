// Omega policies under careless use (#12): zero costs, states reused on another context range, garbled
// random-number states. Each case failed before its fix.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "adasolve/bandit/chebcb.hpp"
#include "adasolve/bandit/policy_settings.hpp"
#include "adasolve/bandit/tsallis_inf.hpp"
#include "adasolve/core/error.hpp"

using namespace adasolve;
using namespace adasolve::bandit;

TEST_CASE("ChebCB: a first cost of 0 keeps every later probability finite", "[relax][bandit][hostile]") {
  ChebCbPolicy policy(OmegaGrid{}, ContextRange{}, ChebCbSettings{}, 5);
  for (int t = 0; t < 30; ++t) {
    const double c = -0.1 + 0.02 * t;
    const double omega = policy.choose(std::span<const double>(&c, 1));
    REQUIRE(std::isfinite(omega));
    policy.observe(t < 3 ? 0.0 : 40.0 + 100.0 * std::abs(omega - 1.6));  // 0: b = 0 or a passing warm start
  }
  const auto state = policy.state();
  CHECK(std::isfinite(state.at("scale").get<double>()));
  CHECK(std::isfinite(state.at("eta").get<double>()));
  for (const auto& arm : state.at("arms")) {
    for (const auto& v : arm.at("theta")) {
      CHECK(std::isfinite(v.get<double>()));
    }
  }
  for (const auto& p : state.at("last_p")) {
    CHECK(std::isfinite(p.get<double>()));
  }
}

TEST_CASE("ChebCB: a state learned on another context range is refused", "[relax][bandit][hostile]") {
  ChebCbPolicy learned(OmegaGrid{}, ContextRange{0.0, 1.0}, ChebCbSettings{}, 5);
  const double c = 0.5;
  learned.choose(std::span<const double>(&c, 1));
  learned.observe(50.0);
  ChebCbPolicy other(OmegaGrid{}, ContextRange{0.0, 10.0}, ChebCbSettings{}, 5);
  CHECK_THROWS_WITH(other.restore(learned.state()),
                    Catch::Contains("learned on the context range [0.0, 1.0], this run's is [0.0, 10.0]"));
  ChebCbPolicy same(OmegaGrid{}, ContextRange{0.0, 1.0}, ChebCbSettings{}, 5);
  CHECK_NOTHROW(same.restore(learned.state()));
}

TEST_CASE("policies refuse a garbled random-number state", "[relax][bandit][hostile]") {
  TsallisInfPolicy policy(OmegaGrid{}, TsallisInfSettings{}, 2);
  auto state = policy.state();
  const std::string rng = state.at("rng").get<std::string>();
  std::string first_word_garbled = rng;
  first_word_garbled[0] = 'x';
  std::string extra_word = rng;
  extra_word.append(" 7");
  std::string index_too_large = rng.substr(0, rng.rfind(' '));
  index_too_large.append(" 999");
  const std::vector<std::string> garbled_states{first_word_garbled, rng.substr(0, rng.size() / 2), extra_word,
                                                index_too_large};
  for (const std::string& bad : garbled_states) {
    auto garbled = state;
    garbled["rng"] = bad;
    CHECK_THROWS_AS(policy.restore(garbled), InputError);
  }
  CHECK_NOTHROW(policy.restore(state));
}
