#include "common/app_main.hpp"

#include <boost/program_options/errors.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>
#include <string_view>

#include "adasolve/core/error.hpp"
#include "adasolve/core/version.hpp"
#include "common/launcher.hpp"
#include "common/options.hpp"

namespace adasolve::app {

std::string one_line(const std::string& message) {
  std::string out;
  out.reserve(message.size());
  for (char c : message) {
    if (c == '\n') {
      out += "; ";
    } else if (c != '\r') {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ';')) {
    out.pop_back();
  }
  return out;
}

void check_output_stream(std::ostream& out, const std::string& name) {
  errno = 0;
  out.flush();
  if (!out) {
    const int error = errno;
    throw InputError(name + ": write failed" +
                     (error != 0 ? std::string(" (") + std::strerror(error) + ")" : ""));
  }
}

void check_standard_output() {
  errno = 0;
  std::cout.flush();
  const bool stream_failed = !std::cout;
  const int error = errno;
  // std::cout shares stdio's buffer (sync_with_stdio): flush that too and look at its error flag.
  if (stream_failed || std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    const int last = error != 0 ? error : errno;
    std::cout.clear();
    std::clearerr(stdout);
    throw InputError(std::string("standard output: write failed") +
                     (last != 0 ? std::string(" (") + std::strerror(last) + ")" : ""));
  }
}

std::string version_line(const std::string& app_name) {
  return app_name + " " + std::string(version()) + " (git " + std::string(git_revision()) + ")";
}

namespace {

std::string& current_app_name() {
  static std::string name = "adasolve";
  return name;
}

}  // namespace

const std::string& app_name() { return current_app_name(); }

int run(const std::string& app_name, int argc, char** argv, const std::function<int(int, char**)>& body,
        MpiUse mpi) {
  current_app_name() = app_name;
  auto fail = [&](int code, const std::string& what) {
    std::cout.flush();
    std::cerr << app_name << ": error: " << one_line(what) << std::endl;
    return code;
  };
  // Before any parsing: every app and every subcommand answers --version the same way (an option value
  // that is literally "--version" is not a use case any app has).
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--version") {
      std::cout << version_line(app_name) << std::endl;
      return kSuccess;
    }
  }
  try {
    if (mpi == MpiUse::none) {
      require_single_process("");
    }
    const int code = body(argc, argv);
    // Results printed to a full disk or a closed pipe are lost: say so instead of exiting 0. Buffered
    // output reaches the device only here, so the check is made after the last write.
    check_standard_output();
    return code;
  } catch (const boost::program_options::error& e) {
    return fail(kUsageOrInput, option_error_message(e) + " (see --help)");
  } catch (const SingleProcessError& e) {
    // Every rank finds this alike: one of them says so.
    return launcher_rank() == 0 ? fail(kUsageOrInput, e.what()) : kUsageOrInput;
  } catch (const InputError& e) {
    return fail(kUsageOrInput, e.what());
  } catch (const UsageError& e) {
    return fail(kUsageOrInput, e.what());
  } catch (const BackendError& e) {
    return fail(kInternal, e.what());
  } catch (const std::bad_alloc&) {
    return fail(kInternal, "out of memory");
  } catch (const std::exception& e) {
    return fail(kInternal, e.what());
  }
}

}  // namespace adasolve::app
