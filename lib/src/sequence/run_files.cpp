#include "adasolve/sequence/run_files.hpp"

#include <cmath>

#include "adasolve/core/error.hpp"
#include "adasolve/core/sha256.hpp"

namespace adasolve::sequence {

namespace {

constexpr const char* kCheckpointKind = "adasolve-seq checkpoint";
constexpr const char* kStateKind = "adasolve-seq learner state";
constexpr const char* kPortfolioCheckpointKind = "adasolve-seq auto checkpoint";

nlohmann::json parse_json(std::string_view text, const std::string& name) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(name + ": not valid JSON (" + e.what() + ")");
  }
}

// The envelope shared by both files: kind, format_version, and the checksum over `member`.
void check_envelope(const std::string& name, const nlohmann::json& j, const char* kind, const char* what,
                    const char* member) {
  const auto k = j.is_object() ? j.find("kind") : j.end();
  if (!j.is_object() || k == j.end() || *k != kind) {
    throw InputError(name + ": not " + what);
  }
  const auto version = j.find("format_version");
  if (version == j.end() || !version->is_number_integer()) {
    throw InputError(name + ": no integer format_version (written by an older adasolve-seq?)");
  }
  if (*version != kRunFileFormatVersion) {
    throw InputError(name + ": format_version " + version->dump() +
                     " is not supported (this adasolve-seq reads " + std::to_string(kRunFileFormatVersion) +
                     ")");
  }
  if (!j.contains(member)) {
    throw InputError(name + ": no \"" + member + "\"");
  }
  const auto checksum = j.find("checksum");
  if (checksum == j.end() || !checksum->is_string()) {
    throw InputError(name + ": no checksum");
  }
  if (checksum->get<std::string>() != canonical_checksum(j.at(member))) {
    throw InputError(name + ": checksum does not match its \"" + member +
                     "\" (the file was edited or cut short)");
  }
}

bool finite_nonnegative(double v) { return v >= 0.0 && std::isfinite(v); }

void check_records(const std::string& name, const std::vector<InstanceRecord>& records,
                   const nlohmann::json& runner) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    const std::string where = name + ": record " + std::to_string(i) + ": ";
    if (r.index != i) {
      throw InputError(where + "index " + std::to_string(r.index) + " out of sequence");
    }
    if (r.iterations < 0 || !finite_nonnegative(r.cost) || !finite_nonnegative(r.seconds) ||
        !finite_nonnegative(r.choice_matvecs)) {
      throw InputError(where + "iterations, cost, seconds and choice_matvecs must be finite and >= 0");
    }
  }
  const auto& position = runner.at("position");
  if (!position.is_number_unsigned() || position.get<std::size_t>() != records.size()) {
    throw InputError(name + ": runner position " + position.dump() + " does not follow the " +
                     std::to_string(records.size()) + " records");
  }
}

// Errors from the JSON library or the record parser, as one line naming the file.
template <typename Work>
auto naming(const std::string& name, const char* what, Work&& work) {
  try {
    return work();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(name + ": malformed " + what + " (" + e.what() + ")");
  } catch (const InputError& e) {
    const std::string message = e.what();
    throw InputError(message.starts_with(name + ":") ? message : name + ": " + message);
  }
}

}  // namespace

std::string canonical_checksum(const nlohmann::json& member) { return sha256_hex(member.dump()); }

nlohmann::json make_checkpoint(const std::string& identity, const nlohmann::json& runner,
                               const std::vector<InstanceRecord>& records, bool complete) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : records) {
    list.push_back(to_json(r));
  }
  return {{"kind", kCheckpointKind}, {"format_version", kRunFileFormatVersion},
          {"identity", identity},    {"runner", runner},
          {"records", list},         {"checksum", canonical_checksum(list)},
          {"complete", complete}};
}

CheckpointContents parse_checkpoint(std::string_view text, const std::string& name) {
  const auto j = parse_json(text, name);
  check_envelope(name, j, kCheckpointKind, "an adasolve-seq checkpoint", "records");
  return naming(name, "checkpoint", [&] {
    CheckpointContents c;
    c.identity = j.at("identity");
    c.runner = j.at("runner");
    c.complete = j.at("complete").get<bool>();
    for (const auto& r : j.at("records")) {
      c.records.push_back(record_from_json(r));
    }
    check_records(name, c.records, c.runner);
    return c;
  });
}

nlohmann::json make_portfolio_checkpoint(const std::string& identity, const nlohmann::json& runner,
                                         const std::vector<PortfolioRecord>& records, bool complete) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : records) {
    list.push_back(to_json(r));
  }
  return {{"kind", kPortfolioCheckpointKind},
          {"format_version", kRunFileFormatVersion},
          {"identity", identity},
          {"runner", runner},
          {"records", list},
          {"checksum", canonical_checksum(list)},
          {"complete", complete}};
}

PortfolioCheckpointContents parse_portfolio_checkpoint(std::string_view text, const std::string& name) {
  const auto j = parse_json(text, name);
  check_envelope(name, j, kPortfolioCheckpointKind, "a portfolio (solver auto) checkpoint", "records");
  return naming(name, "checkpoint", [&] {
    PortfolioCheckpointContents c;
    c.identity = j.at("identity");
    c.runner = j.at("runner");
    c.complete = j.at("complete").get<bool>();
    std::vector<InstanceRecord> instances;
    for (const auto& r : j.at("records")) {
      c.records.push_back(portfolio_record_from_json(r));
      const auto& p = c.records.back();
      if (p.arm.empty() || !finite_nonnegative(p.setup_seconds) || !finite_nonnegative(p.solve_seconds) ||
          !finite_nonnegative(p.learner_seconds)) {
        throw InputError(name + ": record " + std::to_string(c.records.size() - 1) +
                         ": an arm and finite, nonnegative setup, solve and learner seconds are needed");
      }
      instances.push_back(p.instance);
    }
    check_records(name, instances, c.runner);
    return c;
  });
}

nlohmann::json make_learner_state(const std::string& policy, const nlohmann::json& state) {
  return {{"kind", kStateKind},
          {"format_version", kRunFileFormatVersion},
          {"policy", policy},
          {"state", state},
          {"checksum", canonical_checksum(state)}};
}

LearnerStateContents parse_learner_state(std::string_view text, const std::string& name) {
  const auto j = parse_json(text, name);
  check_envelope(name, j, kStateKind, "an adasolve-seq learner state file", "state");
  return naming(name, "learner state", [&] {
    LearnerStateContents s;
    s.policy = j.at("policy").get<std::string>();
    s.state = j.at("state");
    return s;
  });
}

void restore_learner_state(std::string_view text, const std::string& name, bandit::OmegaPolicy& policy) {
  const auto contents = parse_learner_state(text, name);
  if (contents.policy != policy.name()) {
    throw InputError(name + ": holds the state of policy '" + contents.policy + "', not of '" +
                     policy.name() + "'");
  }
  try {
    policy.restore(contents.state);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(name + ": malformed learner state (" + e.what() + ")");
  } catch (const Error& e) {  // InputError (a garbled RNG state) or UsageError (another grid or range)
    throw InputError(name + ": " + e.what());
  }
}

}  // namespace adasolve::sequence
