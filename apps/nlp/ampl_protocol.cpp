#include "nlp/ampl_protocol.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace adasolve::app {

AmplInvocation ampl_arguments(int argc, char** argv) {
  AmplInvocation out;
  for (int i = 0; i < argc; ++i) {
    if (std::string(argv[i]) == "-AMPL") {
      out.active = true;
    } else {
      out.args.emplace_back(argv[i]);
    }
  }
  if (!out.active) {
    return out;
  }
  // STUB or STUB.nl: the first argument that is not an option
  for (std::size_t i = 1; i < out.args.size(); ++i) {
    if (out.args[i].rfind("-", 0) != 0) {
      if (!std::filesystem::exists(out.args[i]) && std::filesystem::exists(out.args[i] + ".nl")) {
        out.args[i] += ".nl";
      }
      break;
    }
  }
  // adasolve_options: "key=value key2=value2" -> --key=value --key2=value2 (a bare key is a switch)
  if (const char* env = std::getenv("adasolve_options")) {
    std::istringstream in(env);
    std::string token;
    while (in >> token) {
      out.args.push_back("--" + token);
    }
  }
  return out;
}

int ampl_solve_result(const nlp::NlpResult& r) {
  switch (r.status) {
    case nlp::NlpStatus::solved:
      return 0;
    case nlp::NlpStatus::not_converged:
      return 400;
    case nlp::NlpStatus::singular:
      return r.constraint_norm > r.settings.kkt_tol ? 200 : 500;
    case nlp::NlpStatus::failed:
      return 500;
  }
  return 500;
}

std::string ampl_message(const nlp::NlpResult& r) {
  return fmt::format("adasolve-nlp: {} ({}); objective {:.10g}, KKT residual {:.2e}, {} outer iterations",
                     nlp::to_string(r.status), r.message, r.objective, r.kkt_residual, r.outer_iterations);
}

}  // namespace adasolve::app
