// libFuzzer target: the --state reader (sequence/run_files.hpp) restoring into each omega policy.
// Odd first byte: the input is taken as it is (envelope, format_version and checksum are fuzzed). Even
// first byte: the checksum is recomputed before reading, so that mutations reach the policies' own
// restore() (the part a checksum would otherwise shield from the fuzzer). A finding is a crash, a
// sanitizer report, an exception other than InputError, or a message that is not one line "fuzz: ...".
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "adasolve/bandit/policy_settings.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/sequence/run_files.hpp"

namespace {

std::string with_fresh_checksum(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_object() && j.contains("state")) {
    j["checksum"] = adasolve::sequence::canonical_checksum(j["state"]);
    return j.dump();
  }
  return std::string(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view raw(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string text = (data[0] & 1) != 0 ? std::string(raw) : with_fresh_checksum(raw);
  for (const char* name : {"tsallis-inf", "chebcb", "tsallis-inf-cb", "zoom-descent", "fixed"}) {
    adasolve::bandit::OmegaPolicySettings settings;
    settings.policy = name;
    settings.omega = 1.5;
    auto policy = adasolve::bandit::make_omega_policy(settings);
    try {
      adasolve::sequence::restore_learner_state(text, "fuzz", *policy);
      // A restored policy must still be usable: one choice and one observation.
      const double context = 0.25;
      const double omega = policy->choose(std::span<const double>(&context, 1));
      if (!(omega > 0.0 && omega < 2.0)) {
        __builtin_trap();
      }
      policy->observe(40.0);
    } catch (const adasolve::InputError& e) {
      const std::string message = e.what();
      if (message.rfind("fuzz: ", 0) != 0 || message.find('\n') != std::string::npos) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
