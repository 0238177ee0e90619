#pragma once
// Where the apps find the data shipped with adasolve (trained models, example sequences): no path is
// compiled in, so a build tree, an installed tree and a moved installed tree all work.
//   1. $ADASOLVE_DATA_DIR, when set and not empty;
//   2. <folder of the running executable>/../share/adasolve (the install layout; the build tree
//      mirrors it with links into data/).
#include <filesystem>

namespace adasolve::app {

std::filesystem::path data_dir();

/// The external test data (matrices, LIBSVM sets, .nl problems; ../shared/data of a checkout), the
/// benchmarks' default: $ADASOLVE_SHARED_DATA when set, else data_dir()/shared (a link that only the build
/// tree has; installed benchmarks need their data folder on the command line).
std::filesystem::path shared_test_data_dir();

}  // namespace adasolve::app
