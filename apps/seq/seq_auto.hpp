#pragma once
// adasolve-seq --solver auto (seq_auto.cpp).
#include "seq/seq_config.hpp"

namespace adasolve::app {

/// 0 every instance solved (by its arm or the fallback), 1 some were not, 128 + signal when interrupted.
int run_seq_auto(const SeqConfig& config);

}  // namespace adasolve::app
