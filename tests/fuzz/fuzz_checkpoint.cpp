// libFuzzer target: the --resume checkpoint reader (sequence/run_files.hpp), then the policy state it
// carries restored into a Tsallis-INF policy, as adasolve-seq --resume does. Odd first byte: the input as
// it is; even first byte: the records' checksum is recomputed first, so that mutations reach the record
// and invariant checks. A finding is a crash, a sanitizer report, an exception other than InputError, a
// message that is not one line "fuzz: ...", or accepted contents that break the documented invariants.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "adasolve/bandit/policy_settings.hpp"
#include "adasolve/core/error.hpp"
#include "adasolve/sequence/run_files.hpp"

namespace {

std::string with_fresh_checksum(std::string_view text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_object() && j.contains("records")) {
    j["checksum"] = adasolve::sequence::canonical_checksum(j["records"]);
    return j.dump();
  }
  return std::string(text);
}

void check_one_line(const adasolve::InputError& e) {
  const std::string message = e.what();
  if (message.rfind("fuzz: ", 0) != 0 || message.find('\n') != std::string::npos) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view raw(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string text = (data[0] & 1) != 0 ? std::string(raw) : with_fresh_checksum(raw);
  try {
    const auto c = adasolve::sequence::parse_checkpoint(text, "fuzz");
    for (std::size_t i = 0; i < c.records.size(); ++i) {
      const auto& r = c.records[i];
      if (r.index != i || r.iterations < 0 || !(r.cost >= 0.0) || !std::isfinite(r.seconds)) {
        __builtin_trap();
      }
    }
    if (c.runner.at("position").get<std::size_t>() != c.records.size()) {
      __builtin_trap();
    }
    if (c.runner.contains("policy") && c.runner["policy"].is_object()) {
      adasolve::bandit::OmegaPolicySettings settings;
      settings.policy = "tsallis-inf";
      auto policy = adasolve::bandit::make_omega_policy(settings);
      try {
        // The same mapping as restore_learner_state: every failure is an InputError naming the file.
        const auto state = adasolve::sequence::make_learner_state(policy->name(), c.runner["policy"]);
        adasolve::sequence::restore_learner_state(state.dump(), "fuzz", *policy);
      } catch (const adasolve::InputError& e) {
        check_one_line(e);
      }
    }
  } catch (const adasolve::InputError& e) {
    check_one_line(e);
  }
  return 0;
}
