#include "common/gnuplot.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "adasolve/core/error.hpp"

namespace adasolve::app {

namespace {

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c == '\'' ? std::string("''") : std::string(1, c);
  }
  return out + "'";
}

std::string script(const std::filesystem::path& png, const SequencePlot& plot, const std::filesystem::path& dir,
                   const std::string& terminal) {
  const bool two_panels = !plot.scatter.empty();
  std::string s = "set terminal " + terminal + " size " + (two_panels ? "1400,560" : "800,560") + "\n";
  s += "set output " + quoted(png.string()) + "\nset key top left\nset grid\n";
  if (two_panels) {
    s += "set multiplot layout 1,2\n";
  }
  s += "set title " + quoted(plot.left_title) + "\nset xlabel " + quoted(plot.left_xlabel) + "\nset ylabel " +
       quoted(plot.left_ylabel) + "\nplot ";
  for (std::size_t i = 0; i < plot.lines.size(); ++i) {
    s += (i ? ", " : "") + quoted((dir / ("line" + std::to_string(i) + ".dat")).string()) +
         " using 1:2 with lines lw 2 title " + quoted(plot.lines[i].title);
  }
  s += "\n";
  if (two_panels) {
    s += "set title " + quoted(plot.right_title) + "\nset xlabel " + quoted(plot.right_xlabel) + "\nset ylabel " +
         quoted(plot.right_ylabel) + "\nplot ";
    for (std::size_t i = 0; i < plot.scatter.size(); ++i) {
      s += (i ? ", " : "") + quoted((dir / ("scatter" + std::to_string(i) + ".dat")).string()) +
           " using 1:2 with points pt 7 ps 0.5 title " + quoted(plot.scatter[i].title);
    }
    s += "\nunset multiplot\n";
  }
  return s;
}

}  // namespace

void write_png_plot(const std::filesystem::path& png, const SequencePlot& plot) {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) {
    throw UsageError("--plot needs the gnuplot program (Debian package gnuplot-nox)");
  }
  char pattern[] = "/tmp/adasolve-plot-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    throw BackendError("cannot create a temporary folder for the plot");
  }
  const std::filesystem::path dir(pattern);
  for (std::size_t i = 0; i < plot.lines.size(); ++i) {
    std::ofstream out(dir / ("line" + std::to_string(i) + ".dat"));
    for (std::size_t k = 0; k < plot.lines[i].y.size(); ++k) {
      out << k + 1 << ' ' << plot.lines[i].y[k] << '\n';
    }
  }
  for (std::size_t i = 0; i < plot.scatter.size(); ++i) {
    std::ofstream out(dir / ("scatter" + std::to_string(i) + ".dat"));
    for (const auto& [x, y] : plot.scatter[i].points) {
      out << x << ' ' << y << '\n';
    }
  }
  int status = 1;
  for (const std::string terminal : {"pngcairo", "png"}) {
    std::ofstream(dir / "plot.gp") << script(png, plot, dir, terminal);
    const std::string command = "gnuplot " + quoted((dir / "plot.gp").string()) + " >" +
                                quoted((dir / "gnuplot.log").string()) + " 2>&1";
    status = std::system(command.c_str());
    if (status == 0) {
      break;
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  if (status != 0) {
    throw BackendError("gnuplot failed to write " + png.string());
  }
}

}  // namespace adasolve::app
