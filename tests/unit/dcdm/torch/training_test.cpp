// The training loss and a tiny training run.
#include "adasolve/dcdm/training.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "adasolve/core/error.hpp"
#include "adasolve/dcdm/dcdm_solver.hpp"
#include "adasolve/dcdm/neural_direction.hpp"
#include "adasolve/dcdm/problems.hpp"
#include "adasolve/pde/poisson.hpp"
#include "random_image.hpp"

using namespace adasolve;
using namespace adasolve::dcdm;
using adasolve::test::random_image;

TEST_CASE("the stencil convolution is the cube's Poisson matrix", "[dcdm][training]") {
  const Index n = 6;
  const pde::GridShape shape{n, n, n};
  const auto f = random_image(static_cast<std::size_t>(shape.cells()), 1);
  std::vector<float> af(f.size());
  stencil_apply(shape, f, af);
  const CsrMatrix a = pde::poisson_3d({n, n, n}).matrix;
  std::vector<double> x(f.begin(), f.end()), ax(x.size());
  a.multiply(x, ax);
  for (std::size_t i = 0; i < x.size(); ++i) {
    CHECK(af[i] == Approx(ax[i]).margin(1e-4));
  }
}

TEST_CASE("the loss is invariant to the scale of f and is the residual of one exact step",
          "[dcdm][training]") {
  const pde::GridShape shape{8, 8, 8};
  auto b = random_image(static_cast<std::size_t>(shape.cells()), 2);
  double norm = 0;
  for (float v : b) {
    norm += static_cast<double>(v) * v;
  }
  for (float& v : b) {
    v = static_cast<float>(v / std::sqrt(norm));
  }
  const auto f = random_image(b.size(), 3);
  const double loss = scale_invariant_loss(shape, b, f);
  for (float scale : {1e-3F, -2.5F, 40.0F}) {
    std::vector<float> scaled(f);
    for (float& v : scaled) {
      v *= scale;
    }
    CHECK(scale_invariant_loss(shape, b, scaled) == Approx(loss).epsilon(1e-4));
  }
  CHECK(loss > 0.0);
  CHECK(loss <= 1.0);  // the exact line search never increases ||b||^2 = 1
  // f = A^-1 b makes the loss 0: b itself is A f for f = b's preimage; use f with A f = b exactly.
  std::vector<float> af(f.size());
  stencil_apply(shape, f, af);
  double af_norm = 0;
  for (float v : af) {
    af_norm += static_cast<double>(v) * v;
  }
  for (float& v : af) {
    v = static_cast<float>(v / std::sqrt(af_norm));
  }
  CHECK(scale_invariant_loss(shape, af, f) < 1e-8);
}

TEST_CASE("a tiny training run lowers the held-out loss and resumes to the same records",
          "[dcdm][training]") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("adasolve-dcdm-train-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  TrainingSettings s;
  s.grid = 8;
  s.ritz = 60;
  s.seed = 3;
  s.train_count = 60;
  s.validation_count = 10;
  s.batch = 5;
  s.learning_rate = 1e-3;
  s.epochs = 2;
  s.out_dir = dir / "run";
  std::vector<EpochRecord> full;
  {
    Trainer trainer = Trainer::start(s);
    full = trainer.run();
  }
  REQUIRE(full.size() == 3);
  CHECK(full.back().validation_loss < 0.7 * full.front().validation_loss);
  CHECK(std::filesystem::exists(s.out_dir / "best.pt"));
  CHECK(std::filesystem::exists(s.out_dir / "training_log.csv"));
  CHECK_THROWS_AS(Trainer::start(s), InputError);  // the folder already holds a run

  // Resuming with a higher epoch target continues from epoch 2; a second run of 3 epochs from scratch
  // must give the same records.
  std::vector<EpochRecord> resumed;
  {
    Trainer trainer = Trainer::resume(s.out_dir, 3);
    resumed = trainer.run();
  }
  TrainingSettings again = s;
  again.out_dir = dir / "straight";
  again.epochs = 3;
  std::vector<EpochRecord> straight;
  {
    Trainer trainer = Trainer::start(again);
    straight = trainer.run();
  }
  REQUIRE(resumed.size() == 4);
  REQUIRE(straight.size() == 4);
  for (std::size_t e = 1; e < 4; ++e) {
    CHECK(resumed[e].train_loss == straight[e].train_loss);
    CHECK(resumed[e].validation_loss == straight[e].validation_loss);
  }
  CHECK(Network::load(s.out_dir / "best.pt").same_weights(Network::load(again.out_dir / "best.pt")));

  // A resume may lower the learning rate; the records keep the rate of every epoch.
  {
    Trainer trainer = Trainer::resume(s.out_dir, 4, 2.5e-4);
    const auto& records = trainer.run();
    REQUIRE(records.size() == 5);
    CHECK(records[3].learning_rate == 1e-3);
    CHECK(records[4].learning_rate == 2.5e-4);
    CHECK(trainer.settings().learning_rate == 2.5e-4);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the memory estimate refuses a run above max_memory", "[dcdm][training]") {
  TrainingSettings s;
  s.grid = 64;
  s.ritz = 10000;
  s.max_memory_gib = 4;
  s.out_dir = std::filesystem::temp_directory_path() / "adasolve-dcdm-never-created";
  CHECK(s.memory_estimate_bytes() > 20e9);  // 2 x 10^4 x 64^3 x 4 B for Q and Y alone
  CHECK_THROWS_WITH(Trainer::start(s), Catch::Contains("above max_memory 4 GiB"));
  CHECK_FALSE(std::filesystem::exists(s.out_dir));
}

TEST_CASE("the network direction checks its grid map against the matrix", "[dcdm][network]") {
  auto net = std::make_shared<const Network>(NetworkSpec::from64(), 1);
  auto generator = make_network_direction(net, GridMap{{4, 4, 4}, {}});
  CHECK_THROWS_WITH(generator->setup(pde::poisson_3d({6, 6, 6}).matrix), Catch::Contains("216 rows"));
  auto odd = make_network_direction(net, GridMap{{5, 5, 5}, {}});
  CHECK_THROWS_WITH(odd->setup(pde::poisson_3d({5, 5, 5}).matrix), Catch::Contains("even"));
  auto fits = make_network_direction(net, GridMap{{4, 4, 4}, {}});
  CHECK_NOTHROW(fits->setup(pde::poisson_3d({4, 4, 4}).matrix));
}

TEST_CASE("the two-grid variant converges even with an untrained network and needs grids of multiples of 4",
          "[dcdm][network]") {
  auto net = std::make_shared<const Network>(NetworkSpec::from64(), 2);
  auto a = std::make_shared<const CsrMatrix>(pde::poisson_3d({8, 8, 8}).matrix);
  std::vector<double> b(static_cast<std::size_t>(a->rows()));
  std::mt19937 rng(4);
  std::normal_distribution<double> normal;
  for (auto& v : b) {
    v = normal(rng);
  }
  StoppingCriteria stop;
  stop.rtol = 1e-8;
  DcdmSolver solver(make_twogrid_network_direction(net, GridMap{{8, 8, 8}, {}}, make_ic0_direction()), {},
                    stop);
  solver.setup(a);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport report = solver.solve(b, x);
  CHECK(report.converged());
  CHECK(report.solver == "dcdm-twogrid-ic0-network");
  auto six = make_twogrid_network_direction(net, GridMap{{6, 6, 6}, {}}, make_ic0_direction());
  CHECK_THROWS_WITH(six->setup(pde::poisson_3d({6, 6, 6}).matrix),
                    Catch::Contains("even grid dimensions, got 3x3x3"));
}

TEST_CASE("the multigrid variant runs the network only on its coarsest grid", "[dcdm][network]") {
  auto net = std::make_shared<const Network>(NetworkSpec::from64(), 2);
  auto a = std::make_shared<const CsrMatrix>(pde::poisson_3d({16, 16, 16}).matrix);
  const auto b = gaussian_rhs(a->rows(), 4);
  StoppingCriteria stop;
  stop.rtol = 1e-8;
  // 16 -> 8 -> 4: IC(0) on 16^3 and 8^3, the network on 4^3.
  DcdmSolver solver(make_multigrid_network_direction(net, GridMap{{16, 16, 16}, {}}, 4), {}, stop);
  solver.setup(a);
  std::vector<double> x(b.size(), 0.0);
  const SolveReport report = solver.solve(b, x);
  CHECK(report.converged());
  CHECK(report.solver == "dcdm-multigrid-ic0-network");
  // Already at the coarsest size: the plain network generator.
  CHECK(make_multigrid_network_direction(net, GridMap{{16, 16, 16}, {}}, 16)->name() == "network");
  CHECK_THROWS_AS(make_multigrid_network_direction(net, GridMap{{16, 16, 16}, {}}, 1), UsageError);
}
