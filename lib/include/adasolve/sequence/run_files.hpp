#pragma once
// The files a sequence run keeps between processes: the checkpoint (--checkpoint / --resume) and the
// learner state (--state). Each is one JSON object:
//   checkpoint: {"kind": "adasolve-seq checkpoint", "format_version": 1, "identity": ..., "runner": ...,
//                "records": [...], "checksum": SHA-256 of records, "complete": bool}
//   (--solver auto: kind "adasolve-seq auto checkpoint", records with their arm and setup/solve seconds)
//   state:      {"kind": "adasolve-seq learner state", "format_version": 1, "policy": name, "state": ...,
//                "checksum": SHA-256 of state}
// The checksum is taken over the canonical serialisation of the protected member: nlohmann::json::dump()
// with no indent (compact, object keys sorted, numbers in shortest round-trip form). A reader refuses any
// other format_version, a checksum that does not match (a file edited by hand or cut short), and records
// that break the invariants (record i has index i; counts, costs and times finite and >= 0; the runner's
// position just after the last record). Every refusal is one InputError line "NAME: what".
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/sequence/portfolio_runner.hpp"
#include "adasolve/sequence/sequence_runner.hpp"

namespace adasolve::sequence {

inline constexpr int kRunFileFormatVersion = 1;

/// SHA-256 (hex) of member.dump().
std::string canonical_checksum(const nlohmann::json& member);

struct CheckpointContents {
  nlohmann::json identity;  ///< the options that must match to resume (a string when written by us)
  nlohmann::json runner;    ///< SequenceRunner::checkpoint()
  std::vector<InstanceRecord> records;
  bool complete = false;
};

/// The JSON object of a checkpoint.
nlohmann::json make_checkpoint(const std::string& identity, const nlohmann::json& runner,
                               const std::vector<InstanceRecord>& records, bool complete);
/// Parses and checks a checkpoint's text; `name` (the file) starts every error message.
CheckpointContents parse_checkpoint(std::string_view text, const std::string& name);

/// --solver auto's checkpoint: the same envelope and checks, kind "adasolve-seq auto checkpoint", its
/// records PortfolioRecords (each also has an arm and setup, solve and learner seconds finite and >= 0).
struct PortfolioCheckpointContents {
  nlohmann::json identity;
  nlohmann::json runner;  ///< PortfolioRunner::checkpoint()
  std::vector<PortfolioRecord> records;
  bool complete = false;
};
nlohmann::json make_portfolio_checkpoint(const std::string& identity, const nlohmann::json& runner,
                                         const std::vector<PortfolioRecord>& records, bool complete);
PortfolioCheckpointContents parse_portfolio_checkpoint(std::string_view text, const std::string& name);

struct LearnerStateContents {
  std::string policy;    ///< the policy's name
  nlohmann::json state;  ///< OmegaPolicy::state()
};

nlohmann::json make_learner_state(const std::string& policy, const nlohmann::json& state);
/// Parses and checks a learner state's text (envelope and checksum; the policy checks its own state).
LearnerStateContents parse_learner_state(std::string_view text, const std::string& name);
/// parse_learner_state, then policy.restore(): every failure (another policy's state, another grid or
/// context range, a garbled RNG state, a JSON value of the wrong type) is one InputError "NAME: ...".
void restore_learner_state(std::string_view text, const std::string& name, bandit::OmegaPolicy& policy);

}  // namespace adasolve::sequence
