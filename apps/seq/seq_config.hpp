#pragma once
// adasolve-seq's settings, filled from the command line / --config file, validated in one place.
#include <cstdint>
#include <optional>
#include <string>

#include "adasolve/bandit/policy_settings.hpp"
#include "adasolve/core/stopping.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "common/options.hpp"
#include "common/sequence_report.hpp"

namespace adasolve::app {

/// --checkpoint-interval: seq's own numeric setting (every other number is a field of a library struct).
struct CheckpointInterval {
  double seconds = 5.0;
  /// checkpoint_interval > 0.
  static std::span<const SettingField<CheckpointInterval>> fields();
};

struct SeqConfig {
  // Where the instances come from: exactly one of manifest, glob, petsc_binary, generator (--preset demo:
  // the heat generator).
  std::string manifest;
  std::string glob;
  std::string petsc_binary;  ///< a PETSc binary file of matrices (a PETSc program's -ksp_view_mat dump)
  std::string rhs;           ///< with petsc_binary: a PETSc binary file of right-hand sides
  std::string generator;     ///< heat | shifted-laplacian | poisson
  sequence::PoissonSequenceSettings poisson;
  sequence::ShiftedLaplacianSequenceSettings shifted;
  sequence::HeatSequenceSettings heat;

  std::string solver = "cg";     ///< cg | sor | ssor-pcg | auto
  std::string portfolio;         ///< --solver auto: comma list of arms (seq_auto.hpp); "" = default
  std::string rebuild = "auto";  ///< --solver auto: auto | every | every:K | once
  std::string cost =
      "seconds";       ///< --solver auto: seconds (measured) | model (priced, sequence/arm_prices.hpp)
  std::string policy;  ///< empty: none for cg, the default learner (chebcb) otherwise
  std::optional<double> omega;                  ///< for --policy fixed
  bandit::OmegaPolicySettings policy_settings;  ///< grid, learner constants, seed (policy name and omega too)
  std::optional<double> context_min, context_max;  ///< --context.min/max; otherwise the source's known range
  StoppingCriteria stop;
  std::string context = "source";  ///< source | auto | NAME
  bool warm_start = false;
  std::uint64_t seed = 1;
  bool builtin_default = false;    ///< --preset demo
  std::string backend = "native";  ///< native | petsc (seq_backend.hpp)
  std::string petsc_options;       ///< --petsc: PETSc options for --backend petsc
  /// --petsc-ssor: interface | local | pipelined (--backend petsc --solver ssor-pcg; pipelined: generators
  /// only, which know the grid's width)
  std::string petsc_ssor = "interface";

  ReportFormat format = ReportFormat::table;
  std::string output;
  std::string oracle;  ///< "" | best-fixed | instance-grid | both
  std::string
      oracle_schedules;  ///< --solver auto --oracle best-fixed: the rebuild schedules replayed ("": all six)
  std::string plot;
  std::string state;
  std::string checkpoint;
  bool resume = false;
  double checkpoint_seconds = CheckpointInterval{}.seconds;

  /// The generator's grid width (unknowns per grid row, row-major): heat nx - 1, shifted-laplacian and
  /// poisson m; 0 for files.
  Index grid_columns() const;

  /// Everything that determines the per-instance results, one line (checkpoints must match it).
  std::string identity() const;
};

/// The options description (for --help and parsing).
po::options_description seq_options();
/// The renamed options still read for one release (parse_options warns).
const std::vector<DeprecatedOption>& seq_deprecated_options();
/// Fills and validates the config (UsageError naming the option on bad values).
SeqConfig read_seq_config(const po::variables_map& values);

}  // namespace adasolve::app
