#include "dcdm/plot.hpp"

#include <string>

#include "common/gnuplot.hpp"

namespace adasolve::dcdm_app {

void plot_training_log(const std::filesystem::path& csv, const std::filesystem::path& png) {
  app::render_png(png,
                  [&](const std::string& output, const std::string& terminal, const std::filesystem::path&) {
                    return "set terminal " + terminal +
                           " size 900,560\n"
                           "set output " +
                           output +
                           "\n"
                           "set datafile separator ','\n"
                           "set key top right\n"
                           "set logscale y\n"
                           "set grid\n"
                           "set xlabel 'epoch'\n"
                           "set ylabel 'loss ||b - (b.f / f.Af) A f||^2'\n"
                           "set title 'DCDM training'\n"
                           "plot '" +
                           csv.string() +
                           "' every ::2 using 1:2 with linespoints title 'training', "
                           "'' every ::1 using 1:3 with linespoints title 'validation (held out)'\n";
                  });
}

}  // namespace adasolve::dcdm_app
