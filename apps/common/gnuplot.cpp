#include "common/gnuplot.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "adasolve/core/error.hpp"
#include "common/atomic_file.hpp"

namespace adasolve::app {

namespace {

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c == '\'' ? std::string("''") : std::string(1, c);
  }
  return out + "'";
}

std::string script(const std::string& quoted_output, const SequencePlot& plot,
                   const std::filesystem::path& dir, const std::string& terminal) {
  const bool two_panels = !plot.scatter.empty();
  std::string s = "set terminal " + terminal + " size " + (two_panels ? "1400,560" : "800,560") + "\n";
  s += "set output " + quoted_output + "\nset key top left\nset grid\n";
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
    s += "set title " + quoted(plot.right_title) + "\nset xlabel " + quoted(plot.right_xlabel) +
         "\nset ylabel " + quoted(plot.right_ylabel) + "\nplot ";
    for (std::size_t i = 0; i < plot.scatter.size(); ++i) {
      s += (i ? ", " : "") + quoted((dir / ("scatter" + std::to_string(i) + ".dat")).string()) +
           " using 1:2 with points pt 7 ps 0.5 title " + quoted(plot.scatter[i].title);
    }
    s += "\nunset multiplot\n";
  }
  return s;
}

}  // namespace

void render_png(const std::filesystem::path& png, const GnuplotScript& make_script) {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0) {
    throw UsageError("--plot needs the gnuplot program (Debian package gnuplot-nox)");
  }
  // Fail before the work when the picture cannot be written where it is named (a missing folder, a
  // device): a user error (exit 2), not gnuplot's.
  require_writable_location(png);
  char pattern[] = "/tmp/adasolve-plot-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    throw BackendError("cannot create a temporary folder for the plot");
  }
  const std::filesystem::path dir(pattern);
  struct Cleanup {
    std::filesystem::path dir;
    ~Cleanup() {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  } cleanup{dir};
  // gnuplot draws into the private folder; the picture is then copied onto `png` by the checked atomic
  // writer, so an unwritable target is reported as such and gnuplot never writes outside the folder.
  const std::filesystem::path drawn = dir / "plot.png";
  int status = 1;
  for (const std::string terminal : {"pngcairo", "png"}) {
    std::ofstream(dir / "plot.gp") << make_script(quoted(drawn.string()), terminal, dir);
    const std::string command = "gnuplot " + quoted((dir / "plot.gp").string()) + " >" +
                                quoted((dir / "gnuplot.log").string()) + " 2>&1 </dev/null";
    status = std::system(command.c_str());
    if (status == 0 && std::filesystem::is_regular_file(drawn)) {
      break;
    }
    status = status == 0 ? 1 : status;
  }
  if (status != 0) {
    // gnuplot's last message, on the same line: the one hint a user needs.
    std::ifstream log(dir / "gnuplot.log");
    std::string line, last;
    while (std::getline(log, line)) {
      if (line.find_first_not_of(" \t^") != std::string::npos) {
        last = line;
      }
    }
    throw BackendError("gnuplot failed to draw " + png.string() + (last.empty() ? "" : " (" + last + ")"));
  }
  write_file_atomically(png, read_file(drawn));
}

void write_png_plot(const std::filesystem::path& png, const SequencePlot& plot) {
  render_png(png,
             [&](const std::string& output, const std::string& terminal, const std::filesystem::path& dir) {
               // The series go to data files in the private folder; the script plots them from there.
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
               return script(output, plot, dir, terminal);
             });
}

}  // namespace adasolve::app
