// check_matrix_market validates exactly as read_matrix_market does, without storing the matrix (#12,
// defect 4): on every shared Matrix Market file, both accept or both refuse with the same message.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "test_support.hpp"

using namespace adasolve;

namespace {

namespace fs = std::filesystem;

/// "" when `read` succeeds, else its InputError message.
template <class F>
std::string error_of(F&& read) {
  try {
    read();
    return "";
  } catch (const InputError& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("check_matrix_market agrees with read_matrix_market on every shared file", "[io][check]") {
  if (!test::have_shared_data()) {
    if (test::in_ci()) {
      FAIL("shared data folder not found at " << test::shared_data().string() << " (required in CI)");
    }
    WARN("shared data folder not found: skipped");
    return;
  }
  int files = 0, refused = 0;
  for (const auto& entry : fs::recursive_directory_iterator(test::shared_data() / "matrices")) {
    if (entry.path().extension() != ".mtx" || fs::file_size(entry.path()) > (std::uintmax_t{4} << 20)) {
      continue;  // the large collection files add time, not cases
    }
    CAPTURE(entry.path().string());
    io::MatrixMarketHeader read_header, checked_header;
    const std::string read = error_of([&] { io::read_matrix_market(entry.path(), read_header); });
    const std::string checked = error_of([&] { checked_header = io::check_matrix_market(entry.path()); });
    CHECK(checked == read);
    if (read.empty()) {
      CHECK(checked_header.rows == read_header.rows);
      CHECK(checked_header.cols == read_header.cols);
      CHECK(checked_header.entries == read_header.entries);
    } else {
      ++refused;
    }
    ++files;
  }
  CHECK(files > 50);
  CHECK(refused > 10);
}

TEST_CASE("check_matrix_market: 3 x 10^8 declared rows with one entry is valid", "[io][check]") {
  const auto dir = fs::temp_directory_path() / ("adasolve-check-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto file = dir / "huge.mtx";
  {
    std::ofstream(file) << "%%MatrixMarket matrix coordinate real general\n300000000 300000000 1\n1 1 1.0\n";
  }
  const auto h = io::check_matrix_market(file);
  CHECK(h.rows == 300000000);
  CHECK(h.entries == 1);
  fs::remove_all(dir);
}
