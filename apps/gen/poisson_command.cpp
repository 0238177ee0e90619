// adasolve-gen poisson2d / poisson3d: one Poisson system on an n^d cell grid with an optional obstacle.
#include <random>

#include "adasolve/core/error.hpp"
#include "adasolve/pde/obstacles.hpp"
#include "adasolve/pde/poisson.hpp"
#include "common/settings_options.hpp"
#include "gen/generator_command.hpp"

namespace adasolve::gen {

namespace {

/// "ones": b = 1; "gaussian": b ~ N(0, I) from std::mt19937_64(seed); "none": no right-hand side file.
std::vector<double> make_rhs(const std::string& kind, Index n, std::uint64_t seed) {
  if (kind == "none") {
    return {};
  }
  if (kind == "ones") {
    return std::vector<double>(static_cast<std::size_t>(n), 1.0);
  }
  if (kind == "gaussian") {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::vector<double> b(static_cast<std::size_t>(n));
    for (double& v : b) {
      v = normal(rng);
    }
    return b;
  }
  throw InputError("unknown --rhs '" + kind + "' (expected gaussian, ones or none)");
}

}  // namespace

GeneratorCommand poisson_command(int dimensions) {
  const bool three_d = dimensions == 3;
  GeneratorCommand command;
  command.name = three_d ? "poisson3d" : "poisson2d";
  command.summary = three_d ? "7-point Poisson on an n^3 cell grid, optional obstacle (one system)"
                            : "5-point Poisson on an n^2 cell grid, optional obstacle (one system)";
  command.options = [three_d] {
    po::options_description options(three_d ? "poisson3d options" : "poisson2d options");
    pde::CubeGridSettings defaults;
    defaults.n = three_d ? 32 : 64;
    app::add_setting_options(options, defaults);
    options.add_options()("obstacle", po::value<std::string>()->default_value("none"),
                          "solid cells: none, sphere, boxes or blob (eliminated; no-flux faces)")(
        "seed", app::seed_value(), "seed of the boxes/blob obstacle and of --rhs gaussian")(
        "rhs", po::value<std::string>()->default_value("gaussian"),
        "right-hand side: gaussian, ones or none");
    return options;
  };
  command.run = [three_d](const po::variables_map& values, const OutputSettings& output) {
    pde::CubeGridSettings grid;
    app::read_setting_options(values, grid);
    const auto seed = seed_from(values);
    const pde::GridShape shape = grid.shape(three_d ? 3 : 2);
    const pde::SolidMask mask = pde::named_mask(values["obstacle"].as<std::string>(), shape, seed);
    const pde::GridProblem problem = three_d ? pde::poisson_3d(shape, &mask) : pde::poisson_2d(shape, &mask);
    const auto rhs = make_rhs(values["rhs"].as<std::string>(), problem.unknowns(), seed);
    SequenceWriter writer(output.folder, 1, output.symmetric, output.description);
    writer.add(problem.matrix, rhs, {}, problem.name);
    const auto manifest = writer.finish();
    return problem.name + ": n = " + std::to_string(problem.unknowns()) + " unknowns (" +
           std::to_string(mask.solid_cells()) +
           " solid cells), nnz = " + std::to_string(problem.matrix.nnz()) + "; wrote " + manifest.string();
  };
  return command;
}

}  // namespace adasolve::gen
