// The shared real and malformed files (../shared/data/matrices): every invalid file rejected with its file
// and line, every permissive file read, SuiteSparse's mangled files read right or rejected clearly, and the
// dimensions and stored-entry counts of every collection file as the data README lists them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <set>

#include "adasolve/io/matrix_market.hpp"
#include "io_test_support.hpp"
#include "test_support.hpp"

using namespace adasolve;
using adasolve::test::input_error;
using adasolve::test::names_file_and_line;

namespace {

namespace fs = std::filesystem;

fs::path matrices() { return test::shared_data() / "matrices"; }

std::vector<fs::path> mtx_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".mtx") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool same_matrix(const CsrMatrix& a, const CsrMatrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::equal(a.row_offsets().begin(), a.row_offsets().end(), b.row_offsets().begin(), b.row_offsets().end()) &&
         std::equal(a.column_indices().begin(), a.column_indices().end(), b.column_indices().begin(),
                    b.column_indices().end()) &&
         std::equal(a.values().begin(), a.values().end(), b.values().begin(), b.values().end());
}

}  // namespace

/// Dimensions and stored entries (as in the file: one triangle for symmetric storage) from
/// ../shared/data/README.md, with the 2-norm condition number where it lists one.
struct Expected {
  const char* file;
  std::int64_t rows;
  std::int64_t cols;
  std::int64_t stored;
  double cond;
};

const Expected kExpected[] = {
    {"nonsymmetric/add32.mtx", 4960, 4960, 23884, 0},
    {"nonsymmetric/bfwa62.mtx", 62, 62, 450, 0},
    {"nonsymmetric/cage5.mtx", 37, 37, 233, 0},
    {"nonsymmetric/fs_183_1.mtx", 183, 183, 1069, 0},
    {"nonsymmetric/hor_131.mtx", 434, 434, 4710, 0},
    {"nonsymmetric/impcol_a.mtx", 207, 207, 572, 0},
    {"nonsymmetric/nnc1374.mtx", 1374, 1374, 8606, 0},
    {"nonsymmetric/olm500.mtx", 500, 500, 1996, 0},
    {"nonsymmetric/orsirr_1.mtx", 1030, 1030, 6858, 0},
    {"nonsymmetric/qh882.mtx", 882, 882, 3354, 0},
    {"nonsymmetric/rajat11.mtx", 135, 135, 812, 0},
    {"nonsymmetric/rajat19.mtx", 1157, 1157, 5399, 0},
    {"nonsymmetric/watt_2.mtx", 1856, 1856, 11550, 0},
    {"nonsymmetric/west0067.mtx", 67, 67, 294, 0},
    {"nonsymmetric/west0479.mtx", 479, 479, 1910, 0},
    {"other_fields/Trec4_integer_2x3.mtx", 2, 3, 3, 0},
    {"other_fields/arrow_integer_general.mtx", 100, 100, 298, 0},
    {"other_fields/can_24_pattern_symmetric.mtx", 24, 24, 92, 0},
    {"other_fields/cholmod_3by0_array_empty_cols.mtx", 3, 0, 0, 0},  // array: no values (README: blank),
    {"other_fields/cholmod_c_complex_hermitian.mtx", 3, 3, 5, 0},
    {"other_fields/cholmod_fullrsa_array_real_symmetric.mtx", 2, 2, 3, 0},  // array: lower triangle (README: blank),
    {"other_fields/cholmod_rza_integer_skew.mtx", 3, 3, 3, 0},
    {"other_fields/dwt_878_pattern_symmetric.mtx", 878, 878, 4163, 0},
    {"other_fields/karate_pattern_symmetric.mtx", 34, 34, 78, 0},
    {"other_fields/lagraph_empty_3x4.mtx", 3, 4, 0, 0},
    {"other_fields/lagraph_skew_fp64.mtx", 6, 6, 10, 0},
    {"other_fields/young1c_complex.mtx", 841, 841, 4089, 0},
    {"rectangular/ash219.mtx", 219, 85, 438, 0},
    {"rectangular/lp_afiro.mtx", 27, 51, 102, 0},
    {"rectangular/lp_e226.mtx", 223, 472, 2768, 0},
    {"sequence_bp/bp_0.mtx", 822, 822, 3276, 0},
    {"sequence_bp/bp_1000.mtx", 822, 822, 4661, 0},
    {"sequence_bp/bp_1200.mtx", 822, 822, 4726, 0},
    {"sequence_bp/bp_1400.mtx", 822, 822, 4790, 0},
    {"sequence_bp/bp_1600.mtx", 822, 822, 4841, 0},
    {"sequence_bp/bp_200.mtx", 822, 822, 3802, 0},
    {"sequence_bp/bp_400.mtx", 822, 822, 4028, 0},
    {"sequence_bp/bp_600.mtx", 822, 822, 4172, 0},
    {"sequence_bp/bp_800.mtx", 822, 822, 4534, 0},
    {"small_valid/eye3.mtx", 3, 3, 3, 0},
    {"small_valid/nist_ex1.mtx", 5, 5, 8, 0},
    {"spd/494_bus.mtx", 494, 494, 1080, 2.42e+06},
    {"spd/662_bus.mtx", 662, 662, 1568, 7.94e+05},
    {"spd/685_bus.mtx", 685, 685, 1967, 4.23e+05},
    {"spd/LFAT5.mtx", 14, 14, 30, 1.43e+08},
    {"spd/Trefethen_20.mtx", 20, 20, 89, 6.31e+01},
    {"spd/bcsstk01.mtx", 48, 48, 224, 8.82e+05},
    {"spd/bcsstk02.mtx", 66, 66, 2211, 4.32e+03},
    {"spd/bcsstk03.mtx", 112, 112, 376, 6.79e+06},
    {"spd/bcsstk04.mtx", 132, 132, 1890, 2.29e+06},
    {"spd/bcsstk05.mtx", 153, 153, 1288, 1.43e+04},
    {"spd/bcsstk06.mtx", 420, 420, 4140, 7.57e+06},
    {"spd/bcsstk07.mtx", 420, 420, 4140, 7.57e+06},
    {"spd/bcsstk08.mtx", 1074, 1074, 7017, 2.60e+07},
    {"spd/bcsstk09.mtx", 1083, 1083, 9760, 9.52e+03},
    {"spd/bcsstk10.mtx", 1086, 1086, 11578, 5.24e+05},
    {"spd/bcsstk20.mtx", 485, 485, 1810, 3.89e+12},
    {"spd/bcsstk22.mtx", 138, 138, 417, 1.11e+05},
    {"spd/bcsstm05.mtx", 153, 153, 153, 1.27e+01},
    {"spd/bcsstm20.mtx", 485, 485, 485, 2.55e+05},
    {"spd/bcsstm22.mtx", 138, 138, 138, 9.41e+02},
    {"spd/mesh1e1.mtx", 48, 48, 177, 5.25e+00},
    {"symmetric_indefinite/hangGlider_2.mtx", 1647, 1647, 7834, 0},
    {"symmetric_indefinite/reorientation_1.mtx", 677, 677, 3861, 0},
    {"symmetric_indefinite/tumorAntiAngiogenesis_2.mtx", 305, 305, 1441, 0},
};

TEST_CASE("every fast_matrix_market invalid file is rejected with its file and line", "[io][shared]") {
  ADASOLVE_REQUIRE_SHARED_DATA();
  const auto files = mtx_files(matrices() / "malformed/fast_matrix_market_invalid");
  CHECK(files.size() >= 16);
  for (const auto& file : files) {
    const auto message = input_error([&] { io::read_matrix_market(file); });
    INFO(file.string() << " -> " << message);
    CHECK(names_file_and_line(message, file.string()));
  }
}

TEST_CASE("every fast_matrix_market permissive file is read", "[io][shared]") {
  ADASOLVE_REQUIRE_SHARED_DATA();
  const auto nist = io::read_matrix_market(matrices() / "small_valid/nist_ex1.mtx");
  const auto eye3 = io::read_matrix_market(matrices() / "small_valid/eye3.mtx");
  const auto files = mtx_files(matrices() / "malformed/fast_matrix_market_permissive");
  CHECK(files.size() >= 6);
  for (const auto& file : files) {
    INFO(file.string());
    CsrMatrix a;
    REQUIRE_NOTHROW(a = io::read_matrix_market(file));
    const auto name = file.filename().string();
    if (name.find("nist_ex1") != std::string::npos) {
      CHECK(same_matrix(a, nist));  // free format and CRLF change nothing
    } else if (name.find("eye3") != std::string::npos) {
      CHECK(same_matrix(a, eye3));
    } else {
      CHECK(a.nnz() == 1);  // permissive_lines_indented: 1 x 1
    }
  }
}

TEST_CASE("SuiteSparse's mangled files are read right or rejected clearly", "[io][shared]") {
  ADASOLVE_REQUIRE_SHARED_DATA();
  // Files that are valid: their matrix is checked. The rest: the reason the error must give.
  const std::map<std::string, std::string> rejected{
      {"mangle1.mtx", "unknown object 'junk'"},
      {"mangle2.mtx", "unknown format 'junk'"},
      {"full_noheader.mtx", "missing banner"},
      {"west0067_noheader.mtx", "missing banner"},
      {"mangled1.mtx", "unknown object"},
      {"mangled2.mtx", "unknown format"},
      {"mangled3.mtx", "unknown field"},
      {"mangled4.mtx", "unknown symmetry"},
      {"mangled5.mtx", "complex matrices are not supported"},
      {"mangled6.mtx", "complex matrices are not supported"},
      {"mangled7.mtx", "entry is incomplete"},
      {"mangled8.mtx", "size line must read"},
      {"mangled_format.mtx", "pattern cannot be used with the array format"},
      {"bad_dimensions.mtx", "file ends before the size line"},
      {"bad_header.mtx", "unknown symmetry 'bogus'"},
      {"bad_matrix_type.mtx", "complex matrices are not supported"},
  };
  const auto west0067 = io::read_matrix_market(matrices() / "nonsymmetric/west0067.mtx");
  int seen = 0;
  for (const auto& entry : fs::directory_iterator(matrices() / "malformed")) {
    if (!entry.is_directory() || entry.path().filename().string().rfind("suitesparse_", 0) != 0) {
      continue;
    }
    for (const auto& file : mtx_files(entry.path())) {
      ++seen;
      const auto name = file.filename().string();
      INFO(file.string());
      if (const auto it = rejected.find(name); it != rejected.end()) {
        const auto message = input_error([&] { io::read_matrix_market(file); });
        CHECK(names_file_and_line(message, file.string()));
        CHECK_THAT(message, Catch::Contains(it->second));
      } else if (name == "west0067_jumbled.mtx") {
        CHECK(same_matrix(io::read_matrix_market(file), west0067));  // same entries, other order
      } else if (name == "comments_west0067.mtx") {
        // west0067 plus a NaN at (1, 1), after extra comment lines.
        const auto a = io::read_matrix_market(file);
        CHECK(a.nnz() == west0067.nnz() + 1);
        CHECK(std::isnan(a.at(0, 0)));
        CHECK(a.at(4, 0) == west0067.at(4, 0));
        CHECK(a.at(60, 1) == 1.0);
      } else if (name == "mangled_skew.mtx") {
        const auto a = io::read_matrix_market(file);
        CHECK(a.nnz() == 20);
        CHECK(a.at(3, 0) == 12.0);
        CHECK(a.at(0, 3) == -12.0);
        CHECK(a.at(5, 3) == 125.0);
      } else {
        FAIL("no expectation for " << name << ": add it to this test");
      }
    }
  }
  CHECK(seen == static_cast<int>(rejected.size()) + 3);
}

TEST_CASE("collection files have the dimensions and stored entries of the data README", "[io][shared]") {
  ADASOLVE_REQUIRE_SHARED_DATA();
  std::set<std::string> listed;
  for (const auto& e : kExpected) {
    listed.insert(e.file);
    const auto file = matrices() / e.file;
    INFO(file.string());
    const std::string name = e.file;
    if (name.find("complex") != std::string::npos) {
      const auto message = input_error([&] { io::read_matrix_market(file); });
      CHECK(names_file_and_line(message, file.string()));
      CHECK_THAT(message, Catch::Contains("complex matrices are not supported"));
      continue;
    }
    io::MatrixMarketHeader h;
    const auto a = io::read_matrix_market(file, h);
    CHECK(a.rows() == e.rows);
    CHECK(a.cols() == e.cols);
    CHECK(h.entries == e.stored);
    // Full storage: a symmetric file's off-diagonal entries appear twice.
    if (h.symmetry == io::MmSymmetry::general) {
      CHECK(a.nnz() <= e.stored);
    } else {
      CHECK(a.nnz() == 2 * e.stored - static_cast<std::int64_t>(std::count_if(
                                          a.diagonal_positions().begin(), a.diagonal_positions().end(),
                                          [](Index p) { return p >= 0; })));
      const bool finite = std::all_of(a.values().begin(), a.values().end(), [](double v) { return std::isfinite(v); });
      if (finite) {  // (lagraph_skew_fp64 holds an inf)
        CHECK(a.is_numerically_symmetric() == (h.symmetry == io::MmSymmetry::symmetric));
      }
    }
  }
  // Every file of these folders is in the table, so a new file cannot go untested.
  for (const char* dir : {"spd", "nonsymmetric", "small_valid", "sequence_bp", "other_fields", "rectangular",
                          "symmetric_indefinite"}) {
    for (const auto& file : mtx_files(matrices() / dir)) {
      CHECK(listed.count(std::string(dir) + "/" + file.filename().string()) == 1);
    }
  }
}

TEST_CASE("other_fields values: integer, pattern, skew and symmetric array files", "[io][shared]") {
  ADASOLVE_REQUIRE_SHARED_DATA();
  const auto rsa = io::read_matrix_market(matrices() / "other_fields/cholmod_fullrsa_array_real_symmetric.mtx");
  CHECK(rsa.at(0, 0) == 1.3);
  CHECK(rsa.at(1, 0) == 3.4);
  CHECK(rsa.at(0, 1) == 3.4);
  CHECK(rsa.at(1, 1) == 7.7);
  const auto rza = io::read_matrix_market(matrices() / "other_fields/cholmod_rza_integer_skew.mtx");
  CHECK(rza.at(1, 0) == -13.0);
  CHECK(rza.at(0, 1) == 13.0);
  const auto karate = io::read_matrix_market(matrices() / "other_fields/karate_pattern_symmetric.mtx");
  CHECK(std::all_of(karate.values().begin(), karate.values().end(), [](double v) { return v == 1.0; }));
  const auto skew = io::read_matrix_market(matrices() / "other_fields/lagraph_skew_fp64.mtx");
  CHECK(std::isinf(skew.at(4, 0)));
  CHECK(skew.at(0, 3) == 0.12565458736262625);
}
