#pragma once
// What adasolve-bench report runs: one entry per results page block, with the arguments of each mode.
//   tiny   seconds in all; for the CI test of the report itself (tables parse, commands present)
//   quick  under 10 minutes in all on 2 cores; smaller sizes and fewer trials than the pages' own tables
//   full   the pages' own commands where they finish within about an hour; the others keep their commands in
//          their pages and are not run (hours-long: mpi-scaling, the full relax-e2 and nlp-set with
//          --accuracy paper)
// An empty argument list means the entry is not run in that mode.
#include <optional>
#include <string>
#include <vector>

namespace adasolve::bench::report {

enum class Mode { tiny, quick, full };

struct Entry {
  std::string name;                            ///< block name, also --only's
  std::string page;                            ///< file under docs/results
  std::string title;                           ///< heading of the page when the report creates it
  std::string program;                         ///< adasolve-bench or adasolve-dcdm
  std::vector<std::string> tiny, quick, full;  ///< arguments after the program name
  int quick_seconds = 0;  ///< run time measured on the 2-core development VM (quick mode)
  int full_seconds = 0;   ///< run time recorded in the page or measured (full mode)
  const std::vector<std::string>& arguments(Mode mode) const;
};

const std::vector<Entry>& entries();
std::string mode_name(Mode mode);

}  // namespace adasolve::bench::report
