// Matrix Market reader/writer on small files written by the test: every format, field and symmetry, the
// dialect (comments, CRLF, free format), each kind of error with its line, hostile headers, round trips.
#include "adasolve/io/matrix_market.hpp"

#include <unistd.h>

#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "io_test_support.hpp"
#include "test_support.hpp"

using namespace adasolve;
using adasolve::test::input_error;
using adasolve::test::line_of;
using adasolve::test::write_file;

namespace {

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

/// Dense copy of a small CSR matrix, row-major.
std::vector<double> dense(const CsrMatrix& a) {
  std::vector<double> d(static_cast<std::size_t>(a.rows()) * a.cols(), 0.0);
  for (Index i = 0; i < a.rows(); ++i) {
    for (Index k = a.row_offsets()[i]; k < a.row_offsets()[i + 1]; ++k) {
      d[static_cast<std::size_t>(i) * a.cols() + a.column_indices()[k]] = a.values()[k];
    }
  }
  return d;
}

const char* kNist =
    "%%MatrixMarket matrix coordinate real general\n"
    "% NIST example\n"
    "5 5 8\n"
    "1 1 1.000e+00\n2 2 1.050e+01\n3 3 1.500e-02\n1 4 6.000e+00\n"
    "4 2 2.505e+02\n4 4 -2.800e+02\n4 5 3.332e+01\n5 5 1.200e+01\n";

}  // namespace

TEST_CASE("coordinate real general: values land where the file puts them", "[io][mm]") {
  io::MatrixMarketHeader h;
  const auto a = io::read_matrix_market(write_file("nist.mtx", kNist), h);
  CHECK(a.rows() == 5);
  CHECK(a.cols() == 5);
  CHECK(a.nnz() == 8);
  CHECK(h.entries == 8);
  CHECK(h.size_line == 3);
  CHECK(h.field == io::MmField::real);
  CHECK(a.at(0, 3) == 6.0);
  CHECK(a.at(3, 1) == 250.5);
  CHECK(a.at(3, 3) == -280.0);
  CHECK(a.at(2, 2) == 0.015);
  CHECK(a.at(1, 0) == 0.0);
}

TEST_CASE("symmetric, skew-symmetric, pattern and integer files expand to full storage", "[io][mm]") {
  const auto sym = io::read_matrix_market(write_file(
      "sym.mtx", "%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n1 1 2\n2 1 -1\n3 2 -1.5\n3 3 4\n"));
  CHECK(dense(sym) == std::vector<double>{2, -1, 0, -1, 0, -1.5, 0, -1.5, 4});

  const auto skew = io::read_matrix_market(write_file(
      "skew.mtx", "%%MatrixMarket matrix coordinate integer skew-symmetric\n3 3 2\n2 1 5\n3 1 -7\n"));
  CHECK(dense(skew) == std::vector<double>{0, -5, 7, 5, 0, 0, -7, 0, 0});

  const auto pattern = io::read_matrix_market(
      write_file("pat.mtx", "%%MatrixMarket matrix coordinate pattern symmetric\n2 2 2\n1 1\n2 1\n"));
  CHECK(dense(pattern) == std::vector<double>{1, 1, 1, 0});

  const auto duplicates = io::read_matrix_market(write_file(
      "dup.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 3\n1 2 1.5\n1 2 2.5\n2 1 1\n"));
  CHECK(duplicates.nnz() == 2);
  CHECK(duplicates.at(0, 1) == 4.0);
}

TEST_CASE("array format is column-major, and symmetric arrays hold the lower triangle", "[io][mm]") {
  const auto general = io::read_matrix_market(
      write_file("arr.mtx", "%%MatrixMarket matrix array real general\n2 3\n1\n2\n3\n4\n5\n6\n"));
  CHECK(dense(general) == std::vector<double>{1, 3, 5, 2, 4, 6});
  io::MatrixMarketHeader h;
  const auto sym = io::read_matrix_market(
      write_file(
          "arrsym.mtx",
          "%%MatrixMarket matrix array real symmetric\n3 3\n1 2 3\n4 5\n% a comment between values\n6\n"),
      h);
  CHECK(h.entries == 6);
  CHECK(dense(sym) == std::vector<double>{1, 2, 3, 2, 4, 5, 3, 5, 6});
  const auto skew = io::read_matrix_market(
      write_file("arrskew.mtx", "%%MatrixMarket matrix array real skew-symmetric\n3 3\n1\n2\n3\n"));
  CHECK(dense(skew) == std::vector<double>{0, -1, -2, 1, 0, -3, 2, 3, 0});
}

TEST_CASE("the dialect: CRLF, comments and blank lines anywhere, free format, banner case, '+' signs",
          "[io][mm]") {
  const auto a = io::read_matrix_market(
      write_file("dialect.mtx",
                 "  %%matrixmarket MATRIX Coordinate REAL General\r\n"
                 "\r\n% comment\r\n   2\t2   3  \r\n\r\n"
                 "1 1 +1.5\r\n% comment between entries\r\n  2   2   -.25e1\r\n\r\n1 2 inf"));
  CHECK(a.nnz() == 3);
  CHECK(a.at(0, 0) == 1.5);
  CHECK(a.at(1, 1) == -2.5);
  CHECK(std::isinf(a.at(0, 1)));
}

TEST_CASE("vectors: array N x 1, vector objects, coordinate N x 1", "[io][mm]") {
  CHECK(io::read_matrix_market_vector(
            write_file("v1.mtx", "%%MatrixMarket matrix array real general\n3 1\n1\n-2\n3.5\n")) ==
        std::vector<double>{1, -2, 3.5});
  CHECK(io::read_matrix_market_vector(write_file(
            "v2.mtx", "%%MatrixMarket vector array real general\n2\n7\n8\n")) == std::vector<double>{7, 8});
  CHECK(io::read_matrix_market_vector(
            write_file("v3.mtx", "%%MatrixMarket vector coordinate real general\n4 2\n4 1\n2 9\n")) ==
        std::vector<double>{0, 9, 0, 1});
  CHECK(io::read_matrix_market_vector(
            write_file("v4.mtx", "%%MatrixMarket matrix coordinate real general\n3 1 2\n3 1 5\n1 1 2\n")) ==
        std::vector<double>{2, 0, 5});
  const auto wide = write_file("v5.mtx", "%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n");
  CHECK_THAT(input_error([&] { io::read_matrix_market_vector(wide); }), Catch::Contains("one column"));
}

TEST_CASE("every kind of error names the file and the offending line", "[io][mm][errors]") {
  struct Case {
    const char* text;
    std::size_t line;
    const char* says;
  };
  const std::string coord = "%%MatrixMarket matrix coordinate real general\n";
  const Case cases[] = {
      {"", 1, "empty file"},
      {"3 3 1\n1 1 1\n", 1, "missing banner"},
      {"%%MatrixMarket matrix coordinate real\n1 1 1\n1 1 1\n", 1, "incomplete banner"},
      {"%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n", 1,
       "complex matrices are not supported"},
      {"%%MatrixMarket matrix coordinate real hermitian\n1 1 1\n1 1 1\n", 1,
       "complex matrices are not supported"},
      {"%%MatrixMarket matrix array pattern general\n1 1\n1\n", 1, "pattern cannot be used with the array"},
      {"%%MatrixMarket matrix coordinate real general extra\n1 1 1\n1 1 1\n", 1, "unexpected 'extra'"},
      {"%%MatrixMarket matrix coordinate real general\n% no size line\n", 2,
       "file ends before the size line"},
      {"%%MatrixMarket matrix coordinate real general\n3 3\n", 2, "size line must read ROWS COLUMNS ENTRIES"},
      {"%%MatrixMarket matrix coordinate real general\n3 x 1\n", 2, "bad number 'x'"},
      {"%%MatrixMarket matrix coordinate real general\n3 3 1 9\n", 2, "size line must read"},
      {"%%MatrixMarket matrix coordinate real general\n-3 3 1\n", 2, "non-negative"},
      {"%%MatrixMarket matrix coordinate real symmetric\n3 4 1\n1 1 1\n", 2, "must be square"},
      {"%%MatrixMarket matrix coordinate real general\n3 3 2\n1 1 1\n\n% c\n", 5,
       "file ends after 1 of the 2 entries announced on line 2"},
      {"%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 1\n2 2 2\n", 4,
       "more entries than the 1 announced"},
      {"%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 abc\n", 3, "bad real value 'abc'"},
      {"%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 1e999\n", 3, "out of the range of double"},
      {"%%MatrixMarket matrix coordinate integer general\n3 3 1\n1 1 1.5\n", 3, "bad integer value '1.5'"},
      {"%%MatrixMarket matrix coordinate real general\n3 3 1\n4 1 1\n", 3, "row index 4 out of range 1..3"},
      {"%%MatrixMarket matrix coordinate real general\n3 3 1\n1 0 1\n", 3, "indices start at 1"},
      {"%%MatrixMarket matrix coordinate real general\n3 3 1\n1.0 1 1\n", 3, "bad row index '1.0'"},
      {"%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1\n", 3,
       "entry is incomplete: expected ROW COLUMN VALUE"},
      {"%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 1 7\n", 3,
       "unexpected '7' after the entry"},
      {"%%MatrixMarket matrix coordinate real symmetric\n3 3 2\n2 1 1\n1 3 1\n", 4,
       "lies above the diagonal but line 3 is below it"},
      {"%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 1\n2 2 1\n", 3, "diagonal entry (2, 2)"},
      {"%%MatrixMarket matrix array real general\n2 1\n1\n", 3, "file ends after 1 of the 2 values"},
      {"%%MatrixMarket matrix array real general\n1 1\n1 2\n", 3, "more values than the 1 announced"},
      {"%%MatrixMarket vector array real symmetric\n2\n1\n2\n", 1, "a vector cannot be symmetric"},
  };
  int index = 0;
  for (const auto& c : cases) {
    const auto file = write_file("error_" + std::to_string(index++) + ".mtx", c.text);
    const auto message = input_error([&] { io::read_matrix_market(file); });
    INFO("file text:\n" << c.text << "\nmessage: " << message);
    CHECK(line_of(message, file.string()) == c.line);
    CHECK_THAT(message, Catch::Contains(c.says));
  }
}

TEST_CASE("hostile headers are rejected at the size line before anything is allocated", "[io][mm][errors]") {
  const std::string banner = "%%MatrixMarket matrix coordinate real general\n";
  const auto huge_dims = write_file("hostile1.mtx", banner + "2147483648 2147483648 5\n1 1 1\n");
  auto message = input_error([&] { io::read_matrix_market(huge_dims); });
  CHECK(line_of(message, huge_dims.string()) == 2);
  CHECK_THAT(message, Catch::Contains("exceed the 32-bit index limit"));

  const auto too_many = write_file("hostile2.mtx", banner + "2 2 2147483648\n1 1 1\n");
  message = input_error([&] { io::read_matrix_market(too_many); });
  CHECK(line_of(message, too_many.string()) == 2);
  CHECK_THAT(message, Catch::Contains("MPI backend"));

  const auto dense_too_big =
      write_file("hostile3.mtx", "%%MatrixMarket matrix array real general\n100000 100000\n1\n");
  message = input_error([&] { io::read_matrix_market(dense_too_big); });
  CHECK_THAT(message, Catch::Contains("MPI backend"));

  const auto overflow = write_file("hostile4.mtx", banner + "99999999999999999999 2 1\n1 1 1\n");
  CHECK_THAT(input_error([&] { io::read_matrix_market(overflow); }), Catch::Contains("too large"));

  // 2e9 announced entries in a 60-byte file: nothing is reserved for them, the parse ends with the count.
  const auto lying = write_file("hostile5.mtx", banner + "2 2 2000000000\n1 1 1\n");
  message = input_error([&] { io::read_matrix_market(lying); });
  CHECK(line_of(message, lying.string()) == 3);
  CHECK_THAT(message, Catch::Contains("file ends after 1 of the 2000000000 entries"));

  // Within the 32-bit limits but with per-row arrays of ~30 GiB: refused at the size line instead of being
  // ended by the out-of-memory killer. The limit is set to 16 GiB so that the check runs on any machine.
  ::setenv("ADASOLVE_MEMORY_LIMIT_GIB", "16", 1);
  const auto huge_rows = write_file("hostile6.mtx", banner + "2000000000 2000000000 0\n");
  message = input_error([&] { io::read_matrix_market(huge_rows); });
  ::unsetenv("ADASOLVE_MEMORY_LIMIT_GIB");
  CHECK(line_of(message, huge_rows.string()) == 2);
  CHECK_THAT(message, Catch::Contains("GiB, more than this machine's"));
}

TEST_CASE("files that cannot be opened are input errors naming them", "[io][mm][errors]") {
  const auto missing = (test::scratch_dir() / "no_such_file.mtx").string();
  CHECK_THAT(input_error([&] { io::read_matrix_market(missing); }),
             Catch::StartsWith(missing + ": cannot open"));
  CHECK_THAT(input_error([&] { io::read_matrix_market(test::scratch_dir()); }),
             Catch::Contains("is a directory"));
}

TEST_CASE("write then read is bit-exact: subnormals, huge values, signed zero, inf, nan",
          "[io][mm][roundtrip]") {
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<Index> index(0, 199);
  std::uniform_int_distribution<std::uint64_t> bits;
  const double specials[] = {std::numeric_limits<double>::denorm_min(),
                             -4.9406564584124654e-324,
                             2.2250738585072009e-308,
                             1e-310,
                             1e300,
                             -1.7976931348623157e308,
                             -0.0,
                             0.1,
                             1.0 / 3.0,
                             std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN()};
  std::vector<Triplet> t;
  for (double s : specials) {
    t.push_back({index(rng), index(rng), s});
  }
  for (int k = 0; k < 3000; ++k) {
    double v = std::bit_cast<double>(bits(rng));  // any bit pattern: every exponent, subnormals included
    if (std::isnan(v)) {
      v = 1.5;
    }
    t.push_back({index(rng), index(rng), v});
  }
  // Distinct positions only, so no entries are summed on the way in.
  std::sort(t.begin(), t.end(),
            [](auto& a, auto& b) { return std::tie(a.row, a.col) < std::tie(b.row, b.col); });
  t.erase(std::unique(t.begin(), t.end(), [](auto& a, auto& b) { return a.row == b.row && a.col == b.col; }),
          t.end());
  const auto a = CsrMatrix::from_triplets(200, 200, t);
  const auto file = test::scratch_dir() / "roundtrip.mtx";
  io::write_matrix_market(file, a, false, "round trip\nsecond comment line");
  const auto b = io::read_matrix_market(file);
  REQUIRE(b.nnz() == a.nnz());
  CHECK(std::equal(a.row_offsets().begin(), a.row_offsets().end(), b.row_offsets().begin()));
  CHECK(std::equal(a.column_indices().begin(), a.column_indices().end(), b.column_indices().begin()));
  std::size_t mismatches = 0;
  for (Index k = 0; k < a.nnz(); ++k) {
    mismatches += same_bits(a.values()[k], b.values()[k]) ? 0 : 1;
  }
  CHECK(mismatches == 0);

  std::vector<double> x(specials, specials + std::size(specials));
  for (int k = 0; k < 500; ++k) {
    x.push_back(std::ldexp(std::uniform_real_distribution<double>(-1, 1)(rng),
                           static_cast<int>(bits(rng) % 2000) - 1000));
  }
  io::write_matrix_market_vector(test::scratch_dir() / "roundtrip_vec.mtx", x);
  const auto y = io::read_matrix_market_vector(test::scratch_dir() / "roundtrip_vec.mtx");
  REQUIRE(y.size() == x.size());
  for (std::size_t k = 0; k < x.size(); ++k) {
    CHECK(same_bits(x[k], y[k]));
  }
}

TEST_CASE("symmetric writing stores the lower triangle and reads back the same matrix",
          "[io][mm][roundtrip]") {
  const auto a = test::laplacian_2d(4, 0.1);
  const auto file = test::scratch_dir() / "sym_write.mtx";
  io::write_matrix_market(file, a, true);
  io::MatrixMarketHeader h;
  const auto b = io::read_matrix_market(file, h);
  CHECK(h.symmetry == io::MmSymmetry::symmetric);
  CHECK(h.entries == (a.nnz() + a.rows()) / 2);
  CHECK(dense(a) == dense(b));

  std::vector<Triplet> t{{0, 1, 1.0}};
  CHECK_THROWS_AS(io::write_matrix_market(file, CsrMatrix::from_triplets(2, 2, t), true), UsageError);
  // An inf or nan must not make a nonsymmetric matrix pass for symmetric (the lower triangle would lose
  // a_12).
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<Triplet> with_inf{{0, 0, inf}, {0, 1, 1.0}, {1, 0, 2.0}};
  CHECK_THROWS_AS(io::write_matrix_market(file, CsrMatrix::from_triplets(2, 2, with_inf), true), UsageError);
  std::vector<Triplet> with_nan{{0, 0, std::nan("")}, {0, 1, 1.0}};
  CHECK_THROWS_AS(io::write_matrix_market(file, CsrMatrix::from_triplets(2, 2, with_nan), true), UsageError);
  std::vector<Triplet> nan_pair{{0, 1, std::nan("")}, {1, 0, std::nan("")}, {1, 1, 3.0}};
  io::write_matrix_market(file, CsrMatrix::from_triplets(2, 2, nan_pair), true);
  CHECK(std::isnan(io::read_matrix_market(file).at(0, 1)));
}

TEST_CASE("read_matrix_market_rows returns the full-storage rows of a symmetric file", "[io][mm]") {
  const auto file = write_file("rows.mtx",
                               "%%MatrixMarket matrix coordinate real symmetric\n4 4 7\n1 1 4\n2 1 -1\n2 2 "
                               "4\n3 2 -1\n3 3 4\n4 3 -1\n4 4 4\n");
  const auto full = io::read_matrix_market(file);
  const auto part = io::read_matrix_market_rows(file, 1, 3);
  REQUIRE(part.rows() == 2);
  REQUIRE(part.cols() == 4);
  for (Index i = 0; i < 2; ++i) {
    for (Index j = 0; j < 4; ++j) {
      CHECK(part.at(i, j) == full.at(i + 1, j));
    }
  }
  CHECK_THROWS_AS(io::read_matrix_market_rows(file, 2, 5), UsageError);
}

TEST_CASE("the in-memory reader gives the same matrix and names the text in errors", "[io][mm]") {
  const auto a = io::read_matrix_market_text(kNist, "inline");
  CHECK(dense(a) == dense(io::read_matrix_market(write_file("nist2.mtx", kNist))));
  CHECK(input_error([] {
          io::read_matrix_market_text("%%MatrixMarket matrix coordinate real general\n1 1 1\n2 1 1\n",
                                      "inline");
        }).rfind("inline:3: ", 0) == 0);
}

TEST_CASE("symmetric files that store the upper triangle read as their lower-triangle twins", "[io][mm]") {
  const std::string lower = "%%MatrixMarket matrix coordinate real symmetric\n3 3 3\n1 1 4\n3 1 -2\n3 2 5\n";
  const std::string upper = "%%MatrixMarket matrix coordinate real symmetric\n3 3 3\n1 1 4\n1 3 -2\n2 3 5\n";
  const CsrMatrix a = io::read_matrix_market_text(lower, "lower.mtx");
  const CsrMatrix b = io::read_matrix_market_text(upper, "upper.mtx");
  CHECK(std::vector<double>(a.values().begin(), a.values().end()) ==
        std::vector<double>(b.values().begin(), b.values().end()));
  CHECK(b.at(0, 2) == -2.0);
  CHECK(b.at(2, 0) == -2.0);
  const std::string skew_upper = "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n1 2 3\n";
  const CsrMatrix c = io::read_matrix_market_text(skew_upper, "skew.mtx");
  CHECK(c.at(0, 1) == 3.0);
  CHECK(c.at(1, 0) == -3.0);
}
