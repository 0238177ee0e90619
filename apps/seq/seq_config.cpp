#include "seq/seq_config.hpp"

#include <fmt/format.h>

#include "adasolve/core/error.hpp"

namespace adasolve::app {

po::options_description seq_options() {
  po::options_description sequence("Sequence (one of; none: the built-in default, see below)");
  sequence.add_options()
      ("manifest", po::value<std::string>(), "manifest FILE: one instance per line, `matrix.mtx [rhs.mtx] [name=value ...]`")
      ("glob", po::value<std::string>(), "every Matrix Market file matching PATTERN (or in a folder), sorted by name")
      ("generator", po::value<std::string>(), "in-process generator: heat | shifted-laplacian | poisson")
      ("instances", po::value<std::size_t>(), "shifted-laplacian, poisson: number of instances (default 5000, 20)")
      ("m", po::value<Index>(), "shifted-laplacian, poisson: interior grid points per side (default 10, 32)")
      ("distribution", po::value<std::string>()->default_value("high"), "shifted-laplacian: shift distribution high | low")
      ("nx", po::value<Index>()->default_value(50), "heat: intervals per side (n = (nx-1)^2)")
      ("steps", po::value<int>()->default_value(5000), "heat: time steps")
      ("dt", po::value<double>()->default_value(1e-3), "heat: step size");
  po::options_description method("Method");
  method.add_options()
      ("solver", po::value<std::string>(), "cg | sor | ssor-pcg (default cg)")
      ("policy", po::value<std::string>(), "omega policy for sor / ssor-pcg: fixed | young | tsallis-inf | tsallis-inf-cb | chebcb")
      ("omega", po::value<double>(), "omega for --policy fixed")
      ("stop.rtol", po::value<double>()->default_value(1e-8), "relative tolerance on ||b - A x||_2")
      ("stop.atol", po::value<double>()->default_value(0.0), "absolute tolerance on ||b - A x||_2")
      ("stop.max_iters", po::value<int>()->default_value(10000), "iteration cap; a solve that hits it costs the cap")
      ("stop.baseline", po::value<std::string>(), "rhs_norm | initial_residual (default: initial_residual for sor, rhs_norm otherwise)")
      ("context", po::value<std::string>()->default_value("source"),
       "context the policy sees: source (the sequence's own: shift, kappa, the first manifest column), NAME (a manifest column) or auto (diagonal excess of each matrix)")
      ("warm-start", po::bool_switch(), "start each solve from the previous instance's solution")
      ("seed", po::value<std::uint64_t>()->default_value(1), "seed of the generators and the policy")
      ("backend", po::value<std::string>()->default_value("native"),
       "native | petsc: solve with PETSc KSPs, distributed over the MPI ranks (mpiexec -n N adasolve-seq ...)")
      ("petsc", po::value<std::string>(), "--backend petsc: PETSc options, e.g. \"-pc_type gamg\" (they override --solver)");
  po::options_description output("Output");
  output.add_options()
      ("format", po::value<std::string>()->default_value("table"), "table | csv | json (JSON lines: one object per instance, then a summary object)")
      ("output", po::value<std::string>(), "write the rows to FILE instead of stdout")
      ("oracle", po::value<std::string>(), "also run a comparator and report the regret: best-fixed | instance-grid | both")
      ("plot", po::value<std::string>(), "PNG: cumulative iterations per method, and omega chosen against context (gnuplot)")
      ("state", po::value<std::string>(), "learner state FILE (JSON): loaded if it exists, saved at the end")
      ("checkpoint", po::value<std::string>(), "checkpoint FILE, written every few seconds, on SIGTERM/SIGINT and at the end")
      ("resume", po::bool_switch(), "continue from --checkpoint")
      ("checkpoint-interval", po::value<double>()->default_value(5.0), "seconds between periodic checkpoints");
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

SeqConfig read_seq_config(const po::variables_map& v) {
  SeqConfig c;
  const auto manifest = optional_value<std::string>(v, "manifest");
  const auto glob = optional_value<std::string>(v, "glob");
  const auto generator = optional_value<std::string>(v, "generator");
  if (static_cast<int>(manifest.has_value()) + static_cast<int>(glob.has_value()) +
          static_cast<int>(generator.has_value()) > 1) {
    throw UsageError("give only one of --manifest, --glob and --generator");
  }
  c.manifest = manifest.value_or("");
  c.glob = glob.value_or("");
  const bool builtin_default = !manifest && !glob && !generator;
  c.generator = generator.value_or(builtin_default ? "poisson" : "");
  if (!c.generator.empty() && c.generator != "heat" && c.generator != "shifted-laplacian" &&
      c.generator != "poisson") {
    throw UsageError("--generator must be heat, shifted-laplacian or poisson, got '" + c.generator + "'");
  }

  c.seed = v["seed"].as<std::uint64_t>();
  const auto instances = optional_value<std::size_t>(v, "instances");
  const auto m = optional_value<Index>(v, "m");
  c.poisson.count = instances.value_or(c.poisson.count);
  c.poisson.m = m.value_or(c.poisson.m);
  c.poisson.seed = c.seed;
  c.shifted.count = instances.value_or(c.shifted.count);
  c.shifted.m = m.value_or(c.shifted.m);
  c.shifted.seed = c.seed;
  const auto distribution = v["distribution"].as<std::string>();
  if (distribution != "high" && distribution != "low") {
    throw UsageError("--distribution must be high or low, got '" + distribution + "'");
  }
  c.shifted.high_variance = distribution == "high";
  c.heat.nx = v["nx"].as<Index>();
  c.heat.steps = v["steps"].as<int>();
  c.heat.dt = v["dt"].as<double>();
  if (c.generator == "poisson") {
    c.poisson.validate();
  } else if (c.generator == "shifted-laplacian") {
    c.shifted.validate();
  } else if (c.generator == "heat") {
    c.heat.validate();
  }

  c.solver = optional_value<std::string>(v, "solver").value_or("cg");
  if (c.solver != "cg" && c.solver != "sor" && c.solver != "ssor-pcg") {
    throw UsageError("--solver must be cg, sor or ssor-pcg, got '" + c.solver + "'");
  }
  c.policy = optional_value<std::string>(v, "policy").value_or("");
  c.omega = optional_value<double>(v, "omega");
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
    c.policy = "chebcb";
  }

  c.stop.rtol = v["stop.rtol"].as<double>();
  c.stop.atol = v["stop.atol"].as<double>();
  c.stop.max_iters = v["stop.max_iters"].as<int>();
  const auto baseline = optional_value<std::string>(v, "stop.baseline");
  c.stop.baseline = baseline ? parse_baseline(*baseline)
                             : (c.solver == "sor" ? Baseline::initial_residual : Baseline::rhs_norm);
  c.stop.validate();

  c.backend = v["backend"].as<std::string>();
  if (c.backend != "native" && c.backend != "petsc") {
    throw UsageError("--backend must be native or petsc, got '" + c.backend + "'");
  }
  c.petsc_options = optional_value<std::string>(v, "petsc").value_or("");
  if (!c.petsc_options.empty() && c.backend != "petsc") {
    throw UsageError("--petsc passes options to PETSc: it needs --backend petsc");
  }

  c.context = v["context"].as<std::string>();
  c.warm_start = v["warm-start"].as<bool>();

  c.format = parse_report_format(v["format"].as<std::string>());
  c.output = optional_value<std::string>(v, "output").value_or("");
  c.oracle = optional_value<std::string>(v, "oracle").value_or("");
  if (!c.oracle.empty() && c.oracle != "best-fixed" && c.oracle != "instance-grid" && c.oracle != "both") {
    throw UsageError("--oracle must be best-fixed, instance-grid or both, got '" + c.oracle + "'");
  }
  if (!c.oracle.empty() && c.solver == "cg") {
    throw UsageError("--oracle compares omega values: it needs --solver sor or ssor-pcg");
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
  c.checkpoint_seconds = v["checkpoint-interval"].as<double>();
  if (!(c.checkpoint_seconds > 0.0)) {
    throw UsageError("--checkpoint-interval must be > 0 seconds");
  }
  return c;
}

std::string SeqConfig::identity() const {
  std::string source;
  if (!manifest.empty()) {
    source = "manifest=" + manifest;
  } else if (!glob.empty()) {
    source = "glob=" + glob;
  } else if (generator == "poisson") {
    source = fmt::format("generator=poisson m={} instances={}", poisson.m, poisson.count);
  } else if (generator == "shifted-laplacian") {
    source = fmt::format("generator=shifted-laplacian m={} instances={} distribution={}", shifted.m, shifted.count,
                         shifted.high_variance ? "high" : "low");
  } else {
    source = fmt::format("generator=heat nx={} steps={} dt={}", heat.nx, heat.steps, heat.dt);
  }
  const std::string backend_identity =
      backend == "native" ? std::string() : fmt::format(" backend={} petsc=\"{}\"", backend, petsc_options);
  return fmt::format("{} solver={} policy={}{} context={} warm_start={} seed={} stop.rtol={} stop.atol={} "
                     "stop.max_iters={} stop.baseline={}{}",
                     source, solver, policy.empty() ? "none" : policy,
                     omega ? fmt::format(" omega={}", *omega) : std::string(), context, warm_start ? 1 : 0, seed,
                     stop.rtol, stop.atol, stop.max_iters, to_string(stop.baseline), backend_identity);
}

}  // namespace adasolve::app
