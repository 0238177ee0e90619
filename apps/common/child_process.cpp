#include "common/child_process.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>

#include "adasolve/core/error.hpp"

namespace adasolve::app {

namespace {

/// In the child after fork: stdout to the pipe, stderr to /dev/null, the CPU limit, then exec. Only
/// async-signal-safe calls here; _exit(127) when exec fails.
[[noreturn]] void exec_child(const std::vector<std::string>& argv, int pipe_write, double cpu_limit_s) {
  ::dup2(pipe_write, STDOUT_FILENO);
  ::close(pipe_write);
  if (const int null = ::open("/dev/null", O_WRONLY); null >= 0) {
    ::dup2(null, STDERR_FILENO);
    ::close(null);
  }
  if (cpu_limit_s > 0.0) {
    // Soft limit: SIGXCPU; hard limit one second later: SIGKILL.
    const auto soft = static_cast<rlim_t>(cpu_limit_s);
    const rlimit limit{soft, soft + 1};
    ::setrlimit(RLIMIT_CPU, &limit);
  }
  std::vector<char*> args;
  for (const auto& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));
  }
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  ::_exit(127);
}

}  // namespace

ChildRun run_measured(const std::vector<std::string>& argv, double cpu_limit_s) {
  if (argv.empty()) {
    throw InputError("run_measured: no program");
  }
  std::array<int, 2> fds{};
  if (::pipe(fds.data()) != 0) {
    throw InputError("cannot start '" + argv[0] + "': no pipe");
  }
  std::fflush(nullptr);  // nothing buffered in this process is written twice by the child
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw InputError("cannot start '" + argv[0] + "': fork failed");
  }
  if (pid == 0) {
    ::close(fds[0]);
    exec_child(argv, fds[1], cpu_limit_s);
  }
  ::close(fds[1]);
  ChildRun run;
  std::array<char, 4096> buffer{};
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer.data(), buffer.size());
    if (n > 0) {
      run.output.append(buffer.data(), static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(fds[0]);
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
  if (WIFEXITED(status)) {
    run.status = WEXITSTATUS(status);
  } else {
    const int signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    run.status = 128 + signal;
    // SIGXCPU at the soft limit (only the kernel sends it), SIGKILL at the hard one; a SIGKILL from
    // elsewhere is not the limit. ru_utime + ru_stime fall short of the time the limit counts by a few
    // percent (under load, 9.77 s at a 10 s limit), so a SIGKILL counts when the child used 90% of it.
    const double cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                               1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
    run.cpu_limit_hit =
        cpu_limit_s > 0.0 && (signal == SIGXCPU || (signal == SIGKILL && cpu_seconds >= 0.9 * cpu_limit_s));
  }
  if (run.status == 127 && run.output.empty()) {
    throw InputError("cannot start '" + argv[0] + "'");
  }
  return run;
}

}  // namespace adasolve::app
