#pragma once
// Running another program through the shell (the benchmarks drive the apps, mpiexec and the Ipopt peer):
// one quoting rule and one way to capture the output and the exit status.
#include <string>

namespace adasolve::app {

/// `text` as one shell word: unchanged when it is made of safe characters only (letters, digits, -_.,/=:),
/// otherwise in single quotes, a quote inside written '\''.
std::string shell_quote(const std::string& text);

struct CommandRun {
  std::string output;  ///< everything the command wrote to stdout (redirect 2>&1 in `command` for stderr too)
  int status = 0;      ///< its exit status; 128 + N when a signal N ended it
};

/// Runs `command` with /bin/sh and waits for it. InputError when it cannot be started.
CommandRun run_command(const std::string& command);

/// The last non-empty line of `output` ("" when none): where the apps print their summary.
std::string last_line(const std::string& output);

}  // namespace adasolve::app
