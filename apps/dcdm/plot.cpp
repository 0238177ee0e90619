#include "dcdm/plot.hpp"

#include <cstdio>
#include <string>

#include "adasolve/core/error.hpp"

namespace adasolve::dcdm_app {

void plot_training_log(const std::filesystem::path& csv, const std::filesystem::path& png) {
  FILE* gnuplot = ::popen("gnuplot >/dev/null 2>&1", "w");
  if (gnuplot == nullptr) {
    throw Error("cannot run gnuplot");
  }
  const std::string script =
      "set terminal pngcairo size 900,560\n"
      "set output '" + png.string() + "'\n"
      "set datafile separator ','\n"
      "set key top right\n"
      "set logscale y\n"
      "set grid\n"
      "set xlabel 'epoch'\n"
      "set ylabel 'loss ||b - (b.f / f.Af) A f||^2'\n"
      "set title 'DCDM training'\n"
      "plot '" + csv.string() + "' every ::2 using 1:2 with linespoints title 'training', "
      "'' every ::1 using 1:3 with linespoints title 'validation (held out)'\n";
  std::fputs(script.c_str(), gnuplot);
  if (::pclose(gnuplot) != 0) {
    throw Error("gnuplot failed to write " + png.string());
  }
}

}  // namespace adasolve::dcdm_app
