#include "seq/seq_config.hpp"

#include <fmt/format.h>

#include "adasolve/core/error.hpp"
#include "adasolve/pde/shifted_laplacian.hpp"
#include "adasolve/sequence/portfolio_runner.hpp"
#include "common/settings_options.hpp"

namespace adasolve::app {

using namespace adasolve::bandit;

std::span<const SettingField<CheckpointInterval>> CheckpointInterval::fields() {
  static const SettingField<CheckpointInterval> described[] = {
      {"checkpoint_interval", &CheckpointInterval::seconds, "seconds between periodic checkpoints",
       SettingRange::above(0.0)},
  };
  return described;
}

po::options_description seq_options() {
  using sequence::PoissonSequenceSettings;
  using sequence::ShiftedLaplacianSequenceSettings;
  // --instances and --m set both generators: unset, each keeps its own default.
  const std::string instances_unset =
      fmt::format("the generator's: shifted-laplacian {}, poisson {}",
                  ShiftedLaplacianSequenceSettings{}.count, PoissonSequenceSettings{}.count);
  const std::string m_unset = fmt::format("the generator's: shifted-laplacian {}, poisson {}",
                                          ShiftedLaplacianSequenceSettings{}.m, PoissonSequenceSettings{}.m);
  // One option per line reads better than the formatter's packing.
  // clang-format off
  po::options_description sequence("Sequence (exactly one of)");
  sequence.add_options()
      ("preset", po::value<std::string>(), "a named run: demo (one period of kappa of the E2 heat equation, nx = 50, SSOR-PCG, omega by ChebCB, warm-started; other options refine it)")
      ("manifest", po::value<std::string>(), "manifest FILE: one instance per line, `matrix.mtx [rhs.mtx] [name=value ...]`")
      ("glob", po::value<std::string>(), "every Matrix Market file matching PATTERN (or in a folder), sorted by name")
      ("petsc-binary", po::value<std::string>(),
       "PETSc binary FILE of matrices, e.g. a PETSc program's -ksp_view_mat binary:A.bin dump: instance k is its "
       "k-th matrix (right-hand sides: --rhs, else the file's own vectors, else A * ones)")
      ("rhs", po::value<std::string>(), "--petsc-binary: PETSc binary FILE of right-hand sides, one per matrix (-ksp_view_rhs binary:b.bin)")
      ("generator", po::value<std::string>(), "in-process generator: heat | shifted-laplacian | poisson")
      ("instances", ranged_value<long long>("instances", setting_field<PoissonSequenceSettings>("instances").range)->unset_means(instances_unset),
       "shifted-laplacian, poisson: number of instances")
      ("m", ranged_value<Index>("m", setting_field<ShiftedLaplacianSequenceSettings>("m").range)->unset_means(m_unset),
       "shifted-laplacian, poisson: interior grid points per side");
  add_setting_options<ShiftedLaplacianSequenceSettings>(sequence, {}, {"distribution"});
  add_setting_options<sequence::HeatSequenceSettings>(sequence);  // --preset demo: 1000 steps, one period of kappa
  po::options_description method("Method");
  method.add_options()
      ("solver", po::value<std::string>(), "cg | sor | ssor-pcg | auto (default ssor-pcg). omega is learned by --policy, by default zoom-descent for ssor-pcg (and the ssor-pcg arm of auto) and chebcb for sor (and --preset demo); sor measures stop.rtol against the initial residual unless --stop.baseline is given. auto: the solver is chosen per system from --portfolio, and when to rebuild its setup is learned")
      ("portfolio", po::value<std::string>(), "--solver auto: comma list of arms: ssor-pcg (omega by --policy), ic0-pcg, petsc-icc (one rank), gamg[:THRESHOLD], hypre[:STRONG_THRESHOLD] (PETSc CG + GAMG / BoomerAMG), first tried in the order given; default: all that this build has, in the order ssor-pcg, ic0-pcg, petsc-icc, hypre, gamg")
      ("rebuild", po::value<std::string>(), "--solver auto: when an arm's setup is rebuilt: auto (learned, default) | every | every:K | once")
      ("cost", po::value<std::string>(), "--solver auto: what an instance costs: seconds (measured, default) | model (each arm's setup and iteration priced once on the first system, then charged per rebuild and iteration: the choices depend on the iterations only, for reproducible runs)");
  // --policy (unset: zoom-descent for ssor-pcg and the ssor-pcg arm of --solver auto, chebcb for sor and
  // --preset demo; the --solver help says so) and --omega, which sets --policy fixed.
  add_setting_options<OmegaPolicySettings>(method);
  add_setting_options<OmegaGrid>(method);
  add_setting_options<ContextRange>(method);
  add_setting_options<TsallisInfSettings>(method);
  add_setting_options<TsallisInfCbSettings>(method);
  add_setting_options<ChebCbSettings>(method);
  add_setting_options<YoungSettings>(method);
  add_setting_options<ZoomDescentSettings>(method);
  add_setting_options<StoppingCriteria>(method);  // a solve that reaches stop.max-iters costs the cap
  method.add_options()
      ("context", po::value<std::string>()->default_value("source"),
       "context the policy sees: source (the sequence's own: shift, kappa, the first manifest column), NAME (a manifest column) or auto (diagonal excess of each matrix)")
      ("warm-start", po::bool_switch(), "start each solve from the previous instance's solution")
      ("seed", seed_value(), "seed of the generators and the policy")
      ("backend", po::value<std::string>()->default_value("native"),
       "native | petsc: solve with PETSc KSPs, distributed over the MPI ranks (mpiexec -n N adasolve-seq ...)")
      ("petsc", po::value<std::string>(), "--backend petsc: PETSc options, e.g. \"-pc_type gamg\" (they override --solver)")
      ("petsc-ssor", po::value<std::string>(),
       "--backend petsc --solver ssor-pcg: interface | local | pipelined. interface (default): a global SSOR whose "
       "sweeps run in parallel (every rank's interior rows first, then the rows coupled to other ranks, colour by "
       "colour); local: PETSc's PCSOR, SSOR inside each rank's rows and block Jacobi between ranks. On 2 ranks "
       "interface takes 9-17% fewer iterations than local up to omega 1.8, about as many at 1.9. pipelined: the "
       "one-rank SSOR exactly (same iterations on any number of ranks), its sweeps pipelined over the ranks in "
       "blocks of grid columns, at more time per iteration; grid generators only (heat, shifted-laplacian, "
       "poisson). docs/guide/mpi.md");
  po::options_description output("Output");
  output.add_options()
      ("format", po::value<std::string>()->default_value("table"), "table | csv | json (JSON lines: one object per instance, then a summary object)")
      ("output", po::value<std::string>(), "write the rows to FILE instead of stdout")
      ("oracle", po::value<std::string>(), "also run a comparator and report the regret: best-fixed | instance-grid | both. With --solver auto: best-fixed only, every arm with every rebuild schedule (every:1, 2, 5, 10, 20, once) replayed")
      ("oracle.schedules", po::value<std::string>(), "--solver auto --oracle best-fixed: comma list of the rebuild schedules replayed (default every:1,every:2,every:5,every:10,every:20,once)")
      ("plot", po::value<std::string>(), "PNG: cumulative iterations per method, and omega chosen against context (gnuplot)")
      ("state", po::value<std::string>(), "learner state FILE (JSON): loaded if it exists, saved at the end")
      ("checkpoint", po::value<std::string>(), "checkpoint FILE, written every few seconds, on SIGTERM/SIGINT and at the end")
      ("resume", po::bool_switch(), "continue from --checkpoint");
  // clang-format on
  add_setting_options<CheckpointInterval>(output);
  po::options_description all;
  all.add(sequence).add(method).add(output);
  return all;
}

namespace {

template <class T>
std::optional<T> optional_value(const po::variables_map& v, const char* name) {
  if (v.count(name) == 0U) {
    return std::nullopt;
  }
  return v[name].as<T>();
}

}  // namespace

const std::vector<DeprecatedOption>& seq_deprecated_options() {
  static const std::vector<DeprecatedOption> renamed{{"stop.max_iters", "stop.max-iters"}};
  return renamed;
}

SeqConfig read_seq_config(const po::variables_map& v) {
  SeqConfig c;
  const auto manifest = optional_value<std::string>(v, "manifest");
  const auto glob = optional_value<std::string>(v, "glob");
  const auto generator = optional_value<std::string>(v, "generator");
  const auto petsc_binary = optional_value<std::string>(v, "petsc-binary");
  const auto preset = optional_value<std::string>(v, "preset");
  if (preset && *preset != "demo") {
    throw UsageError("--preset must be demo, got '" + *preset + "'");
  }
  const int sources_given = static_cast<int>(manifest.has_value()) + static_cast<int>(glob.has_value()) +
                            static_cast<int>(generator.has_value()) +
                            static_cast<int>(petsc_binary.has_value()) + static_cast<int>(preset.has_value());
  if (sources_given > 1) {
    throw UsageError("give only one of --preset, --manifest, --glob, --petsc-binary and --generator");
  }
  if (sources_given == 0) {
    throw UsageError("no sequence given (try --preset demo)");
  }
  c.manifest = manifest.value_or("");
  c.glob = glob.value_or("");
  c.petsc_binary = petsc_binary.value_or("");
  c.rhs = optional_value<std::string>(v, "rhs").value_or("");
  if (!c.rhs.empty() && c.petsc_binary.empty()) {
    throw UsageError("--rhs names the right-hand sides of --petsc-binary (a manifest names its own)");
  }
  // --preset demo (the README's first command): one period of kappa of the E2 heat equation on a
  // 49 x 49 grid (nx = 50), SSOR-PCG with omega chosen by ChebCB from kappa, warm-started (about a second).
  const bool builtin_default = preset.has_value();
  c.builtin_default = builtin_default;
  c.generator = generator.value_or(builtin_default ? "heat" : "");
  if (!c.generator.empty() && c.generator != "heat" && c.generator != "shifted-laplacian" &&
      c.generator != "poisson") {
    throw UsageError("--generator must be heat, shifted-laplacian or poisson, got '" + c.generator + "'");
  }

  c.seed = v["seed"].as<std::uint64_t>();                                  // "-1" refused by its RangedValue
  const auto instances_given = optional_value<long long>(v, "instances");  // >= 1: its RangedValue
  const auto instances =
      instances_given ? std::optional<std::size_t>(static_cast<std::size_t>(*instances_given)) : std::nullopt;
  const auto m = optional_value<Index>(v, "m");
  c.poisson.count = instances.value_or(c.poisson.count);
  c.poisson.m = m.value_or(c.poisson.m);
  c.poisson.seed = c.seed;
  c.shifted.count = instances.value_or(c.shifted.count);
  c.shifted.m = m.value_or(c.shifted.m);
  c.shifted.seed = c.seed;
  read_setting_options(v, c.shifted, {"distribution"});  // m and instances: above, for both generators
  read_setting_options(v, c.heat);
  if (builtin_default && v["steps"].defaulted()) {
    c.heat.steps = 1000;
  }
  if (c.generator == "poisson") {
    c.poisson.validate();
  } else if (c.generator == "shifted-laplacian") {
    c.shifted.validate();
  } else if (c.generator == "heat") {
    c.heat.validate();
  }

  // The default, SSOR-PCG with omega by zoom-descent, won the table of candidate defaults over the benchmark
  // sequences (docs/results/defaults.md, adasolve-bench sequences --defaults).
  c.solver = optional_value<std::string>(v, "solver").value_or("ssor-pcg");
  if (c.solver != "cg" && c.solver != "sor" && c.solver != "ssor-pcg" && c.solver != "auto") {
    throw UsageError("--solver must be cg, sor, ssor-pcg or auto, got '" + c.solver + "'");
  }
  const auto portfolio = optional_value<std::string>(v, "portfolio");
  const auto rebuild = optional_value<std::string>(v, "rebuild");
  const auto cost = optional_value<std::string>(v, "cost");
  if ((portfolio || rebuild || cost) && c.solver != "auto") {
    throw UsageError(std::string(portfolio ? "--portfolio"
                                 : rebuild ? "--rebuild"
                                           : "--cost") +
                     " chooses among solvers: it needs --solver auto");
  }
  c.cost = cost.value_or("seconds");
  if (c.cost != "seconds" && c.cost != "model") {
    throw UsageError("--cost must be seconds or model, got '" + c.cost + "'");
  }
  c.portfolio = portfolio.value_or("");
  c.rebuild = rebuild.value_or("auto");
  try {
    sequence::RebuildRule::parse(c.rebuild);  // validated here, before anything runs
  } catch (const UsageError& e) {
    throw UsageError(std::string("--") + e.what());
  }
  c.policy = optional_value<std::string>(v, "policy").value_or("");
  c.omega = optional_value<double>(v, "omega");
  if (c.solver == "auto" && c.omega) {
    throw UsageError("--omega fixes SSOR's omega: with --solver auto the ssor-pcg arm learns it (--policy)");
  }
  if (c.solver == "cg" && (!c.policy.empty() || c.omega)) {
    throw UsageError("--solver cg takes no omega: --policy and --omega need --solver sor or ssor-pcg");
  }
  if (c.omega && !c.policy.empty() && c.policy != "fixed") {
    throw UsageError("--omega is the value of --policy fixed, not of --policy " + c.policy);
  }
  if (c.omega && c.policy.empty()) {
    c.policy = "fixed";
  }
  if (c.solver != "cg" && c.policy.empty()) {
    // SSOR-PCG: zoom-descent won the table of candidate defaults (docs/results/defaults.md). --solver auto
    // compares its SSOR arm with the others from its recent costs, and zoom-descent's omega settles without
    // ChebCB's sweeps, which made that arm look dearer than it is (docs/methods/solver-auto.md). SOR (E1,
    // where ChebCB is the paper's method) and the demo keep ChebCB.
    c.policy = (c.solver == "ssor-pcg" || c.solver == "auto") && !builtin_default ? "zoom-descent" : "chebcb";
  }
  auto& p = c.policy_settings;
  p.policy = c.policy.empty() ? "fixed" : c.policy;
  p.omega = c.omega.value_or(1.0);
  p.seed = c.seed;
  read_setting_options(v, p.grid);
  p.grid.validate();  // always: --oracle uses the grid without a policy, and a huge count allocates at once
  read_setting_options(v, p.tsallis_inf);
  read_setting_options(v, p.tsallis_inf_cb);
  read_setting_options(v, p.chebcb);
  read_setting_options(v, p.young);
  read_setting_options(v, p.zoom_descent);
  c.context_min = optional_value<double>(v, "context.min");
  c.context_max = optional_value<double>(v, "context.max");
  if (!c.policy.empty()) {
    p.validate();  // the context range is validated once it is known (it may come from the sequence)
  }

  read_setting_options(v, c.stop);
  if (v["stop.baseline"].defaulted() && c.solver == "sor") {
    c.stop.baseline = Baseline::initial_residual;  // the SOR experiments' (methods/relax.md)
  }
  c.stop.validate();

  c.backend = v["backend"].as<std::string>();
  if (c.backend != "native" && c.backend != "petsc") {
    throw UsageError("--backend must be native or petsc, got '" + c.backend + "'");
  }
  c.petsc_options = optional_value<std::string>(v, "petsc").value_or("");
  if (!c.petsc_options.empty() && c.backend != "petsc") {
    throw UsageError("--petsc passes options to PETSc: it needs --backend petsc");
  }
  const auto petsc_ssor = optional_value<std::string>(v, "petsc-ssor");
  if (petsc_ssor) {
    if (*petsc_ssor != "interface" && *petsc_ssor != "local" && *petsc_ssor != "pipelined") {
      throw UsageError("--petsc-ssor must be interface, local or pipelined, got '" + *petsc_ssor + "'");
    }
    if (c.backend != "petsc" || c.solver != "ssor-pcg") {
      throw UsageError(
          "--petsc-ssor chooses PETSc's SSOR-PCG preconditioner: it needs --backend petsc --solver ssor-pcg");
    }
    // Pipelined SSOR sweeps the grid in column blocks: only the generators know the grid's width.
    if (*petsc_ssor == "pipelined" && c.generator.empty()) {
      throw UsageError(
          "--petsc-ssor pipelined needs the grid's width: use it with --generator heat, shifted-laplacian or "
          "poisson (for --manifest, --glob or --petsc-binary choose interface or local)");
    }
    c.petsc_ssor = *petsc_ssor;
  }

  c.context = v["context"].as<std::string>();
  c.warm_start = v["warm-start"].as<bool>() || builtin_default;

  c.format = parse_report_format(v["format"].as<std::string>());
  c.output = optional_value<std::string>(v, "output").value_or("");
  c.oracle = optional_value<std::string>(v, "oracle").value_or("");
  if (!c.oracle.empty() && c.oracle != "best-fixed" && c.oracle != "instance-grid" && c.oracle != "both") {
    throw UsageError("--oracle must be best-fixed, instance-grid or both, got '" + c.oracle + "'");
  }
  if (!c.oracle.empty() && c.solver == "cg") {
    throw UsageError("--oracle compares omega values: it needs --solver sor or ssor-pcg");
  }
  c.oracle_schedules = optional_value<std::string>(v, "oracle.schedules").value_or("");
  if (!c.oracle_schedules.empty()) {
    if (c.solver != "auto" || c.oracle != "best-fixed") {
      throw UsageError("--oracle.schedules needs --solver auto --oracle best-fixed");
    }
    const auto items = split_comma_list(c.oracle_schedules);
    if (items.empty()) {
      throw UsageError("--oracle.schedules names no schedule");
    }
    for (const auto& item : items) {
      if (item == "auto") {
        throw UsageError("--oracle.schedules: 'auto' is not a fixed schedule");
      }
      try {
        sequence::RebuildRule::parse(item);
      } catch (const UsageError& e) {
        throw UsageError(std::string("--oracle.schedules: ") + e.what());
      }
    }
  }
  if (c.solver == "auto" && !c.oracle.empty() && c.oracle != "best-fixed") {
    throw UsageError(
        "--oracle " + c.oracle +
        " compares omega values per instance: it does not apply to --solver auto (use best-fixed)");
  }
  c.plot = optional_value<std::string>(v, "plot").value_or("");
  c.state = optional_value<std::string>(v, "state").value_or("");
  if (!c.state.empty() && c.policy.empty()) {
    throw UsageError("--state saves a learner: it needs --solver sor or ssor-pcg and a policy");
  }
  c.checkpoint = optional_value<std::string>(v, "checkpoint").value_or("");
  c.resume = v["resume"].as<bool>();
  if (c.resume && c.checkpoint.empty()) {
    throw UsageError("--resume needs --checkpoint FILE");
  }
  if (c.solver == "auto") {
    for (const auto& [given, name] :
         {std::pair{!c.state.empty(), "--state"}, std::pair{!c.plot.empty(), "--plot"}}) {
      if (given) {
        throw UsageError(std::string(name) + " is not available with --solver auto yet");
      }
    }
  }
  CheckpointInterval interval;
  read_setting_options(v, interval);  // > 0: its RangedValue
  c.checkpoint_seconds = interval.seconds;
  return c;
}

Index SeqConfig::grid_columns() const {
  if (generator == "heat") {
    return heat.nx - 1;
  }
  if (generator == "shifted-laplacian") {
    return shifted.m;
  }
  if (generator == "poisson") {
    return poisson.m;
  }
  return 0;
}

std::string SeqConfig::identity() const {
  std::string source;
  if (!manifest.empty()) {
    source = "manifest=" + manifest;
  } else if (!glob.empty()) {
    source = "glob=" + glob;
  } else if (!petsc_binary.empty()) {
    source = "petsc-binary=" + petsc_binary + " rhs=" + rhs;
  } else if (generator == "poisson") {
    source = fmt::format("generator=poisson m={} instances={}", poisson.m, poisson.count);
  } else if (generator == "shifted-laplacian") {
    source = fmt::format("generator=shifted-laplacian m={} instances={} distribution={}", shifted.m,
                         shifted.count, pde::to_string(shifted.distribution));
  } else {
    source = fmt::format("generator=heat nx={} steps={} dt={} t0={}", heat.nx, heat.steps, heat.dt, heat.t0);
  }
  std::string learner;
  if (!policy.empty()) {
    const auto& p = policy_settings;
    learner = fmt::format(" grid=[{},{}]x{}", p.grid.min, p.grid.max, p.grid.count);
    if (omega) {
      learner += fmt::format(" omega={}", *omega);
    }
    if (context_min || context_max) {
      learner += fmt::format(" context.range=[{},{}]", context_min ? fmt::format("{}", *context_min) : "auto",
                             context_max ? fmt::format("{}", *context_max) : "auto");
    }
    learner += fmt::format(
        " tsallis-inf.eta-scale={} tsallis-inf-cb.bins={} chebcb.features={} young.lanczos-steps={}"
        " zoom-descent.split-min={} zoom-descent.split-growth={}",
        p.tsallis_inf.eta_scale, p.tsallis_inf_cb.bins, p.chebcb.features, p.young.lanczos_steps,
        p.zoom_descent.split_min, p.zoom_descent.split_growth);
  }
  const std::string backend_identity =
      backend == "native" ? std::string()
                          : fmt::format(" backend={} petsc=\"{}\"{}", backend, petsc_options,
                                        solver == "ssor-pcg" ? " petsc-ssor=" + petsc_ssor : std::string());
  return fmt::format(
      "{} solver={} policy={}{} context={} warm_start={} seed={} stop.rtol={} stop.atol={} "
      "stop.max_iters={} stop.baseline={}{}",
      source,
      solver == "auto" ? fmt::format("auto portfolio={} rebuild={} cost={}", portfolio, rebuild, cost)
                       : solver,
      policy.empty() ? "none" : policy, learner, context, warm_start ? 1 : 0, seed, stop.rtol, stop.atol,
      stop.max_iters, to_string(stop.baseline), backend_identity);
}

}  // namespace adasolve::app
