#include "bench/report_entries.hpp"

#include "adasolve/core/error.hpp"

namespace adasolve::bench::report {

const std::vector<std::string>& Entry::arguments(Mode mode) const {
  return mode == Mode::tiny ? tiny : mode == Mode::quick ? quick : full;
}

const std::vector<Entry>& entries() {
  // Seconds: quick as measured by `adasolve-bench report --quick` on the development VM (2 cores, under load);
  // full from the pages' recorded run times where they give one, else measured.
  static const std::vector<Entry> list{
      {"mtx-read", "mtx-read.md", "Matrix Market reader throughput", "adasolve-bench",
       {"mtx-read", "--size-mb", "1", "--repeat", "1"},
       {"mtx-read", "--size-mb", "20", "--repeat", "3"},
       {"mtx-read", "--size-mb", "100", "--repeat", "3"}, 15, 60},
      {"pde-gen", "pde-gen.md", "Poisson generator cost", "adasolve-bench",
       {"pde-gen", "--n", "16"}, {"pde-gen", "--n", "64"}, {"pde-gen", "--n", "128"}, 5, 30},
      {"relax-e1", "relax-e1.md", "Learning to Relax, E1", "adasolve-bench",
       {"relax-e1", "--distribution", "high", "--instances", "20", "--trials", "1", "--format", "json"},
       {"relax-e1", "--distribution", "high", "--instances", "1000", "--trials", "1", "--format", "json"},
       {"relax-e1", "--distribution", "high", "--instances", "5000", "--trials", "10", "--format", "json"}, 60,
       2533},
      {"relax-e2", "relax-e2.md", "Learning to Relax, E2", "adasolve-bench",
       {"relax-e2", "--nx", "10", "--steps", "20", "--trials", "1", "--format", "json"},
       {"relax-e2", "--nx", "25", "--steps", "1000", "--trials", "1", "--format", "json"},
       {}, 60, 0},
      {"relax-kernels", "relax-kernels.md", "SOR / SSOR kernels", "adasolve-bench",
       {"relax-kernels", "--poisson2d", "100", "--poisson3d", "10", "--matrices", "662_bus.mtx", "--repetitions",
        "2", "--triad-mb", "10"},
       {"relax-kernels", "--poisson2d", "1000", "--poisson3d", "100", "--repetitions", "5", "--triad-mb", "100"},
       {"relax-kernels"}, 60, 300},
      {"nlp-pde", "nlp-pde.md", "PDE source control", "adasolve-bench",
       {"nlp-pde", "--grids", "4", "--kaczmarz-grids", "4"},
       {"nlp-pde", "--grids", "8,16", "--kaczmarz-grids", "8"},
       {"nlp-pde"}, 60, 600},
      {"dcdm-bench", "dcdm-bench.md", "DCDM and its variants against the baselines", "adasolve-dcdm",
       {"bench", "--grids", "8", "--domains", "cube", "--methods", "dcdm,dcdm-multigrid,cg,ic0-pcg", "--coarsest",
        "4", "--no-network-cost", "--format", "json"},
       {"bench", "--grids", "32,64", "--domains", "cube,sphere", "--methods",
        "dcdm,dcdm-twogrid,dcdm-multigrid,cg,ic0-pcg", "--threads", "2", "--format", "json"},
       {"bench", "--grids", "32,64,128", "--domains", "cube,sphere,boxes,blob", "--methods",
        "dcdm,dcdm-twogrid,dcdm-multigrid,cg,ic0-pcg,gamg,boomeramg", "--threads", "2", "--format", "json"},
       90, 360},
      {"dcdm-ablation", "dcdm-ablation.md", "What the network contributes to dcdm-multigrid", "adasolve-dcdm",
       {"bench", "--grids", "16", "--domains", "cube", "--methods", "dcdm-multigrid", "--coarsest", "8",
        "--coarse-solve", "network,cholmod,ic0", "--no-network-cost", "--format", "json"},
       {"bench", "--grids", "16,32,64", "--domains", "cube,sphere", "--methods", "dcdm-multigrid,ic0-pcg",
        "--coarse-solve", "network,cholmod,ic0", "--no-network-cost", "--threads", "1", "--format", "json"},
       {"bench", "--grids", "16,32,64,128", "--domains", "cube,sphere", "--methods", "dcdm-multigrid,ic0-pcg",
        "--coarse-solve", "network,cholmod,ic0", "--no-network-cost", "--threads", "1", "--format", "json"},
       60, 240},
  };
  return list;
}

Mode mode_from_name(const std::string& name) {
  if (name == "tiny") {
    return Mode::tiny;
  }
  if (name == "quick") {
    return Mode::quick;
  }
  if (name == "full") {
    return Mode::full;
  }
  throw UsageError("report: unknown mode '" + name + "' (tiny, quick, full)");
}

std::string mode_name(Mode mode) { return mode == Mode::tiny ? "tiny" : mode == Mode::quick ? "quick" : "full"; }

}  // namespace adasolve::bench::report
