#include "bench/report_entries.hpp"

namespace adasolve::bench::report {

const std::vector<std::string>& Entry::arguments(Mode mode) const {
  return mode == Mode::tiny ? tiny : mode == Mode::quick ? quick : full;
}

const std::vector<Entry>& entries() {
  // Seconds: quick as measured by `adasolve-bench report --quick` on the development VM (2 cores, load
  // average 9-12 from other jobs); full from the pages' recorded run times where they give one, else
  // estimated from the quick run. The DCDM entries use one libtorch thread: under load, two threads lost
  // 10-50x to contention.
  static const std::vector<Entry> list{
      {"mtx-read",
       "mtx-read.md",
       "Matrix Market reader throughput",
       "adasolve-bench",
       {"mtx-read", "--size-mb", "1", "--repeat", "1"},
       {"mtx-read", "--size-mb", "20", "--repeat", "3"},
       {"mtx-read", "--size-mb", "100", "--repeat", "3"},
       1,
       10},
      {"pde-gen",
       "pde-gen.md",
       "Poisson generator cost",
       "adasolve-bench",
       {"pde-gen", "--n", "16"},
       {"pde-gen", "--n", "64"},
       {"pde-gen", "--n", "128"},
       1,
       10},
      {"relax-e1",
       "relax-e1.md",
       "Learning to Relax, E1",
       "adasolve-bench",
       {"relax-e1", "--distribution", "high", "--instances", "20", "--trials", "1", "--format", "json"},
       {"relax-e1", "--distribution", "high", "--instances", "1000", "--trials", "1", "--format", "json"},
       {"relax-e1", "--distribution", "high", "--instances", "5000", "--trials", "10", "--format", "json"},
       15,
       2533},
      {"relax-e2",
       "relax-e2.md",
       "Learning to Relax, E2",
       "adasolve-bench",
       {"relax-e2", "--nx", "10", "--steps", "20", "--trials", "1", "--format", "json"},
       {"relax-e2", "--nx", "25", "--steps", "1000", "--trials", "1", "--format", "json"},
       {},
       9,
       0},
      {"relax-kernels",
       "relax-kernels.md",
       "SOR / SSOR kernels",
       "adasolve-bench",
       {"relax-kernels", "--poisson2d", "100", "--poisson3d", "10", "--matrices", "662_bus.mtx",
        "--repetitions", "2", "--triad-mb", "10"},
       {"relax-kernels", "--poisson2d", "1000", "--poisson3d", "100", "--repetitions", "5", "--triad-mb",
        "100"},
       {"relax-kernels"},
       8,
       120},
      {"nlp-pde",
       "nlp-pde.md",
       "PDE source control",
       "adasolve-bench",
       {"nlp-pde", "--grids", "4", "--kaczmarz-grids", "4"},
       {"nlp-pde", "--grids", "8,16", "--kaczmarz-grids", "8"},
       {"nlp-pde"},
       9,
       600},
      {"nlp-logreg",
       "nlp-logreg.md",
       "Constrained logistic regression",
       "adasolve-bench",
       {},
       {"nlp-logreg", "--no-peer"},
       {"nlp-logreg"},
       98,
       150},
      {"sequences",
       "sequences.md",
       "--solver auto against every fixed solver and rebuild schedule",
       "adasolve-bench",
       {"sequences", "--quick", "--trials", "1", "--only", "e1-high"},
       {"sequences", "--quick", "--trials", "1"},
       {},  // hours: the page keeps its own command
       60,
       0},
      {"dcdm-bench",
       "dcdm-bench.md",
       "DCDM and its variants against the baselines",
       "adasolve-dcdm",
       {"bench", "--grids", "8", "--domains", "cube", "--methods", "dcdm,dcdm-multigrid,cg,ic0-pcg",
        "--coarsest", "4", "--no-network-cost", "--format", "json"},
       {"bench", "--grids", "32,64", "--domains", "cube,sphere", "--methods",
        "dcdm,dcdm-twogrid,dcdm-multigrid,cg,ic0-pcg", "--threads", "1", "--format", "json"},
       {"bench", "--grids", "32,64,128", "--domains", "cube,sphere,boxes,blob", "--methods",
        "dcdm,dcdm-twogrid,dcdm-multigrid,cg,ic0-pcg,gamg,boomeramg", "--threads", "2", "--format", "json"},
       78,
       360},
      {"dcdm-ablation",
       "dcdm-ablation.md",
       "What the network contributes to dcdm-multigrid",
       "adasolve-dcdm",
       {"bench", "--grids", "16", "--domains", "cube", "--methods", "dcdm-multigrid", "--coarsest", "8",
        "--coarse-solve", "network,cholmod,ic0", "--no-network-cost", "--format", "json"},
       {"bench", "--grids", "16,32,64", "--domains", "cube,sphere", "--methods", "dcdm-multigrid,ic0-pcg",
        "--coarse-solve", "network,cholmod,ic0", "--no-network-cost", "--threads", "1", "--format", "json"},
       {"bench", "--grids", "16,32,64,128", "--domains", "cube,sphere", "--methods", "dcdm-multigrid,ic0-pcg",
        "--coarse-solve", "network,cholmod,ic0", "--no-network-cost", "--threads", "1", "--format", "json"},
       8,
       90},
  };
  return list;
}

std::string mode_name(Mode mode) {
  return mode == Mode::tiny ? "tiny" : mode == Mode::quick ? "quick" : "full";
}

}  // namespace adasolve::bench::report
