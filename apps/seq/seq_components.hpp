#pragma once
// adasolve-seq's names -> library objects: sources, solvers and omega policies.
#include <memory>

#include "adasolve/bandit/omega_policy.hpp"
#include "adasolve/sequence/oracle.hpp"
#include "adasolve/sequence/sequence_runner.hpp"
#include "seq/seq_config.hpp"

namespace adasolve::app {

/// A factory for fresh, identical sources (the oracles replay the sequence).
sequence::SourceFactory source_factory(const SeqConfig& config);
/// Solvers by name with the configured stopping criteria.
sequence::SolverFactory solver_factory(const SeqConfig& config);
/// The omega policy (null for cg). Contextual policies get the context range from --context.min/max, else
/// from `known_range` (the sequence's, ContextReader::range()); UsageError when neither gives one.
std::unique_ptr<bandit::OmegaPolicy> make_seq_policy(const SeqConfig& config,
                                                     std::optional<std::pair<double, double>> known_range);

}  // namespace adasolve::app
