#pragma once
// The body of adasolve-seq: builds source, solver and policy from a SeqConfig, runs the sequence with
// checkpoints, learner state, oracles and plot, writes the report, and returns the exit code.
#include "seq/seq_config.hpp"

namespace adasolve::app {

/// 0 every instance converged, 1 some did not, 128 + signal when interrupted (checkpoint written).
int run_seq(const SeqConfig& config);

}  // namespace adasolve::app
