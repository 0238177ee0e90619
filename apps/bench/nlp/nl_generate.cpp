// adasolve-bench nl-generate: writes test problems of any size as AMPL .nl text files (nl_writer.hpp), so
// that adasolve-nlp and Ipopt read the same file.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "adasolve/core/error.hpp"
#include "bench/benchmark_registry.hpp"
#include "bench/nlp/nl_writer.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"

namespace adasolve::bench {

namespace {

/// The size of the generated problem.
struct NlGenerateSettings {
  int points = 165;
  static std::span<const SettingField<NlGenerateSettings>> fields() {
    static const SettingField<NlGenerateSettings> described[] = {
        {"N", &NlGenerateSettings::points,
         "catenary: interior points (n = 3N + 1, m = N + 1; N = 165 is the shared catenary.nl); chain: links "
         "(n = 2N - 2, m = N)",
         SettingRange::at_least(1.0)},
    };
    return described;
  }
};

int run_nl_generate(int argc, char** argv) {
  std::string problem = "catenary", output;
  NlGenerateSettings size;
  app::po::options_description opts("nl-generate options");
  opts.add_options()("problem", app::po::value(&problem)->default_value(problem),
                     "catenary (CUTE's CATENARY) or chain (COPS's hanging chain of N rigid links)");
  app::add_setting_options(opts, size);
  opts.add_options()("output", app::po::value(&output), "the .nl file to write");
  const auto parsed = app::parse_options(argc, argv, opts);
  app::read_setting_options(parsed.values, size);
  if (parsed.help) {
    app::print_help("adasolve-bench nl-generate --output FILE.nl [options]",
                    "Writes a scalable test problem as an AMPL .nl text file.", opts);
    return 0;
  }
  const auto p = nl::generated_problem(problem, size.points);
  if (output.empty()) {
    throw UsageError("--output FILE.nl is required");
  }
  std::ofstream out(output);
  if (!out) {
    throw InputError(output + ": cannot write");
  }
  nl::write_nl(out, p);
  std::cout << fmt::format("{}: {} (n = {}, m = {})\n", output, p.name, p.n, p.constraints.size());
  return 0;
}

const Registration registration{"nl-generate", "scalable test problems (catenary, chain) as AMPL .nl files",
                                &run_nl_generate};

}  // namespace

}  // namespace adasolve::bench
