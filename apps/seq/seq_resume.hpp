#pragma once
// --resume, for every solver of adasolve-seq: a parsed checkpoint (sequence/run_files.hpp) must come from a
// run with the same options; its runner state is restored, and its rows are returned to be printed again.
// Every failure is one InputError naming the checkpoint.
#include <nlohmann/json.hpp>
#include <utility>

#include "adasolve/core/error.hpp"
#include "seq/seq_config.hpp"

namespace adasolve::app {

template <class Runner, class Contents>
auto resume_run(const SeqConfig& config, Runner& runner, Contents contents) {
  const std::string& file = config.checkpoint;
  if (contents.identity != config.identity()) {
    throw InputError(file + ": written by a different run (" + contents.identity.dump() +
                     "); resume with the same options");
  }
  try {
    runner.resume(contents.runner);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file + ": malformed checkpoint (" + e.what() + ")");
  } catch (const Error& e) {  // InputError (a garbled RNG state, a source not positioned) or UsageError
    throw InputError(file + ": " + e.what());
  }
  return std::move(contents.records);
}

}  // namespace adasolve::app
