// PETSc binary files: the layout byte by byte, round trips, many objects per file, rows of one rank,
// format detection by content, and every kind of bad input with its one-line message.
#include "adasolve/io/petsc_binary.hpp"

#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_file.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "io_test_support.hpp"
#include "petsc_binary_bytes.hpp"
#include "test_support.hpp"

using namespace adasolve;
using test::input_error;
using test::PetscBytes;

namespace {

std::string file_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// Same shape, same pattern, and every value the same bits (so -0.0, nan and inf compare too).
bool bit_identical(const CsrMatrix& a, const CsrMatrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols() || a.nnz() != b.nnz()) {
    return false;
  }
  return std::equal(a.row_offsets().begin(), a.row_offsets().end(), b.row_offsets().begin()) &&
         std::equal(a.column_indices().begin(), a.column_indices().end(), b.column_indices().begin()) &&
         std::equal(a.values().begin(), a.values().end(), b.values().begin(), [](double x, double y) {
           return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
         });
}

/// The message of reading every object of `bytes` as a PETSc binary file named `name`.
std::string read_all_error(const std::string& bytes, const std::string& name) {
  return input_error([&] {
    const auto file = io::PetscBinaryFile::from_bytes(bytes, name);
    for (std::size_t k = 0; k < file.matrix_count(); ++k) {
      (void)file.read_matrix(k);
    }
    for (std::size_t k = 0; k < file.vector_count(); ++k) {
      (void)file.read_vector(k);
    }
  });
}

// 2 x 3: [1 0 2; 0 -3 0]
PetscBytes small_matrix() { return PetscBytes().matrix(2, 3, {2, 1}, {0, 2, 1}, {1.0, 2.0, -3.0}); }

}  // namespace

TEST_CASE("petsc binary: the writer produces PETSc's big-endian MatView / VecView layout",
          "[io][petsc_binary]") {
  const auto a = CsrMatrix::from_triplets(2, 3, std::vector<Triplet>{{0, 0, 1.0}, {0, 2, 2.0}, {1, 1, -3.0}});
  const auto file = test::scratch_dir() / "layout.bin";
  io::PetscBinaryWriter out(file);
  out.write(a);
  out.write(std::vector<double>{0.5, -0.0});
  out.close();
  CHECK(file_bytes(file) == PetscBytes(small_matrix()).vector({0.5, -0.0}).str());
}

TEST_CASE("petsc binary: Matrix Market -> binary -> Matrix Market is bit-exact", "[io][petsc_binary]") {
  // Shortest-form values that must survive: -0.0, a subnormal, the extremes, inf, nan, an unsorted row.
  const std::string text =
      "%%MatrixMarket matrix coordinate real general\n4 4 9\n"
      "1 1 0.1\n1 4 -0\n2 2 4.9e-324\n2 1 1.7976931348623157e308\n3 3 inf\n3 2 -inf\n4 4 nan\n4 1 -2.5e-310\n"
      "4 3 3\n";
  const auto original = io::read_matrix_market_text(text, "odd.mtx");
  const auto mtx_a = test::scratch_dir() / "round_a.mtx";
  const auto bin = test::scratch_dir() / "round.bin";
  const auto mtx_b = test::scratch_dir() / "round_b.mtx";
  io::write_matrix_market(mtx_a, original);
  io::write_petsc_binary(bin, io::read_matrix_file(mtx_a));
  io::write_matrix_market(mtx_b, io::read_matrix_file(bin));
  CHECK(file_bytes(mtx_a) == file_bytes(mtx_b));
  CHECK(bit_identical(io::read_matrix_file(bin), original));

  // Vectors too.
  const std::vector<double> x{-0.0, 4.9e-324, std::numeric_limits<double>::infinity(), 1.0 / 3.0};
  io::write_petsc_binary_vector(bin, x);
  const auto y = io::read_vector_file(bin);
  REQUIRE(y.size() == x.size());
  CHECK(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0);

  // Real matrices of the shared set (required in CI).
  if (!test::have_shared_data() && test::in_ci()) {
    FAIL("shared data folder not found at " << test::shared_data().string() << " (required in CI)");
  }
  if (test::have_shared_data()) {
    for (const char* name : {"spd/bcsstk01.mtx", "spd/bcsstk05.mtx", "nonsymmetric/west0067.mtx"}) {
      const auto path = test::shared_data() / "matrices" / name;
      if (!std::filesystem::exists(path)) {
        continue;
      }
      const auto a = io::read_matrix_market(path);
      io::write_petsc_binary(bin, a);
      CHECK(bit_identical(io::read_matrix_file(bin), a));
    }
  }
}

TEST_CASE("petsc binary: many matrices and vectors in one file are indexed and read in order",
          "[io][petsc_binary]") {
  const auto a = test::laplacian_2d(3);
  const auto b = test::laplacian_2d(3, 0.5);
  const auto x = test::gaussian_vector(9, 1);
  const auto file = test::scratch_dir() / "many.bin";
  io::PetscBinaryWriter out(file);
  out.write(a);
  out.write(x);
  out.write(b);
  out.write(std::vector<double>(9, 2.0));
  out.close();

  const io::PetscBinaryFile binary(file);
  REQUIRE(binary.objects().size() == 4);
  CHECK(binary.matrix_count() == 2);
  CHECK(binary.vector_count() == 2);
  CHECK(binary.matrix_header(1).number == 2);
  CHECK(binary.matrix_header(1).offset == binary.objects()[2].offset);
  CHECK(binary.objects()[1].offset == 16 + 4 * 9 + 12 * static_cast<std::uint64_t>(a.nnz()));
  CHECK(bit_identical(binary.read_matrix(0), a));
  CHECK(bit_identical(binary.read_matrix(1), b));
  CHECK(binary.read_vector(0) == x);
  CHECK(binary.read_vector(1) == std::vector<double>(9, 2.0));
  CHECK_THROWS_AS(binary.read_matrix(2), UsageError);
  // One matrix is wanted from a file of two: a one-line refusal, not the first one silently.
  CHECK(input_error([&] { io::read_matrix_file(file); }) ==
        file.string() +
            ": holds 2 matrices, not one: a sequence of systems in one file is read as a PETSc "
            "binary sequence");
}

TEST_CASE("petsc binary: a rank's rows are the rows of the whole matrix", "[io][petsc_binary]") {
  const auto a = test::laplacian_2d(7, 0.25);
  const auto file = test::scratch_dir() / "rows.bin";
  io::write_petsc_binary(file, a);
  const io::PetscBinaryFile binary(file);
  for (const auto& [begin, end] :
       std::vector<std::pair<Index, Index>>{{0, 49}, {0, 20}, {20, 49}, {13, 13}, {48, 49}}) {
    const auto part = binary.read_matrix_rows(0, begin, end);
    REQUIRE(part.rows() == end - begin);
    CHECK(part.cols() == a.cols());
    for (Index i = begin; i < end; ++i) {
      for (Index j = 0; j < a.cols(); ++j) {
        CHECK(part.at(i - begin, j) == a.at(i, j));
      }
    }
    CHECK(bit_identical(part, io::read_matrix_file_rows(file, begin, end)));
  }
  CHECK_THROWS_AS(binary.read_matrix_rows(0, 10, 50), UsageError);
}

TEST_CASE("petsc binary: unsorted columns are sorted and duplicates summed, as in Matrix Market",
          "[io][petsc_binary]") {
  // Row 0 stores columns 2, 0, 2: read as a(0,0) = 1, a(0,2) = 5.
  const auto bytes = PetscBytes().matrix(2, 3, {3, 1}, {2, 0, 2, 1}, {2.0, 1.0, 3.0, 7.0}).str();
  const auto a = io::PetscBinaryFile::from_bytes(bytes, "unsorted.bin").read_matrix(0);
  CHECK(a.nnz() == 3);
  CHECK(a.at(0, 0) == 1.0);
  CHECK(a.at(0, 2) == 5.0);
  CHECK(a.at(1, 1) == 7.0);
}

TEST_CASE("petsc binary: the format is told by the first bytes, never by the file's name",
          "[io][petsc_binary]") {
  const auto a = test::laplacian_2d(4);
  const auto binary_named_mtx = test::scratch_dir() / "really_binary.mtx";
  const auto text_named_bin = test::scratch_dir() / "really_text.bin";
  io::write_petsc_binary(binary_named_mtx, a);
  io::write_matrix_market(text_named_bin, a);
  CHECK(io::detect_matrix_file_format(binary_named_mtx) == io::MatrixFileFormat::petsc_binary);
  CHECK(io::detect_matrix_file_format(text_named_bin) == io::MatrixFileFormat::matrix_market);
  CHECK(bit_identical(io::read_matrix_file(binary_named_mtx), a));
  CHECK(bit_identical(io::read_matrix_file(text_named_bin), a));
  CHECK(io::matrix_file_size(binary_named_mtx) == std::make_pair<std::int64_t, std::int64_t>(16, 16));
  CHECK_FALSE(io::is_petsc_binary_prefix("%%Ma"));
  CHECK_FALSE(io::is_petsc_binary_prefix(" %%M"));
  CHECK_FALSE(io::is_petsc_binary_prefix(std::string("\0\x12{", 3)));  // too short
  CHECK(io::is_petsc_binary_prefix(PetscBytes().int32(1211214).str()));
  // Damaged binary files still go to the binary reader, which says what is wrong with them.
  CHECK(io::is_petsc_binary_prefix(std::string("\x50\x7b\x12\x00", 4)));  // little-endian matrix id
  CHECK(io::is_petsc_binary_prefix(PetscBytes().int32(1211217).str()));   // unknown id, leading NUL
  const auto wrong = test::write_file("wrong_class.mtx", PetscBytes().int32(1211217).int32(1).str());
  CHECK(input_error([&] { io::read_matrix_file(wrong); }) ==
        wrong.string() +
            ": byte 0: class id 1211217 is neither a PETSc matrix (1211216) nor a vector (1211214): "
            "not a PETSc binary file");
}

TEST_CASE("petsc binary: every kind of bad input gives one line naming the file and the object",
          "[io][petsc_binary]") {
  const std::string f = "bad.bin";
  auto error = [&](const std::string& bytes) { return read_all_error(bytes, f); };

  CHECK(error("") == "bad.bin: empty file: no PETSc matrix or vector in it");
  CHECK(
      error("%%MatrixMarket matrix") ==
      "bad.bin: byte 0: class id 623201633 is neither a PETSc matrix (1211216) nor a vector (1211214): not a "
      "PETSc binary file");
  // The same class id written little-endian.
  CHECK(
      error(std::string("\x50\x7b\x12\x00", 4) + std::string(12, '\0')) ==
      "bad.bin: byte 0: class id 1350242816 is neither a PETSc matrix (1211216) nor a vector (1211214): the "
      "file is little-endian, PETSc binary files are big-endian");
  // A PETSc with 64-bit indices writes 8-byte integers: the class id comes after four zero bytes.
  CHECK(
      error(PetscBytes().int32(0).int32(1211216).int32(0).int32(3).str()) ==
      "bad.bin: byte 0: class id 0 is neither a PETSc matrix (1211216) nor a vector (1211214): the file has "
      "64-bit indices (PETSc configured --with-64-bit-indices); only 32-bit indices are read");
  // A good matrix, then garbage where the next object should start.
  const auto good = small_matrix().str();
  CHECK(error(good + "JUNKJUNK") ==
        "bad.bin: byte " + std::to_string(good.size()) +
            ": class id 1247104587 is neither a PETSc matrix (1211216) nor a vector "
            "(1211214)");
  CHECK(error(good + "ab") == "bad.bin: byte " + std::to_string(good.size()) +
                                  ": 2 trailing bytes, too few for an object (truncated file?)");
  // Truncated: the header, the data, a vector.
  CHECK(error(PetscBytes().int32(1211216).int32(2).int32(3).str()) ==
        "bad.bin: matrix 1 at byte 0: the header is cut short (truncated file)");
  CHECK(error(small_matrix().cut(1).str()) ==
        "bad.bin: matrix 1 at byte 0: truncated: the header announces 2 x 3 with 3 entries (60 bytes), the "
        "file "
        "holds 59 from there");
  CHECK(error(PetscBytes().vector({1.0, 2.0}).cut(3).str()) ==
        "bad.bin: vector 1 at byte 0: truncated: the header announces 2 x 1 with 2 entries (24 bytes), the "
        "file "
        "holds 21 from there");
  // Negative and hostile sizes: refused from the header, before anything is allocated.
  CHECK(error(PetscBytes().int32(1211216).int32(-2).int32(3).int32(0).str()) ==
        "bad.bin: matrix 1 at byte 0: negative size in the header (-2 x 3, 0 entries)");
  CHECK(error(PetscBytes().int32(1211214).int32(-5).str()) ==
        "bad.bin: vector 1 at byte 0: negative length -5 in the header");
  CHECK(
      error(PetscBytes().int32(1211216).int32(2147483647).int32(2147483647).int32(2147483647).str()) ==
      "bad.bin: matrix 1 at byte 0: truncated: the header announces 2147483647 x 2147483647 with 2147483647 "
      "entries (34359738368 bytes), the file holds 16 from there");
  CHECK(
      error(PetscBytes().int32(1211216).int32(2).int32(2).int32(-1).real(1).real(2).real(3).real(4).str()) ==
      "bad.bin: matrix 1 at byte 0: dense storage (nz = -1) is not supported: view the matrix as AIJ");
  // Inconsistent contents.
  CHECK(error(PetscBytes().matrix(2, 3, {2, 2}, {0, 2, 1}, {1.0, 2.0, 3.0}).str()) ==
        "bad.bin: matrix 1: the row lengths sum to 4, the header announces 3 entries");
  CHECK(error(PetscBytes().matrix(2, 3, {4, -1}, {0, 2, 1}, {1.0, 2.0, 3.0}).str()) ==
        "bad.bin: matrix 1: row 1 has a negative length -1");
  CHECK(error(PetscBytes().matrix(2, 3, {2, 1}, {0, 3, 1}, {1.0, 2.0, 3.0}).str()) ==
        "bad.bin: matrix 1: row 0: column index 3 out of range [0, 3)");
  CHECK(error(PetscBytes(small_matrix()).matrix(2, 3, {2, 1}, {0, 2, -1}, {1.0, 2.0, 3.0}).str()) ==
        "bad.bin: matrix 2: row 1: column index -1 out of range [0, 3)");

  // A file that is not a regular file is refused (it is read at byte offsets).
  CHECK(input_error([] { io::PetscBinaryFile(test::scratch_dir()); }) ==
        test::scratch_dir().string() + ": not a regular file (a PETSc binary file is read at byte offsets)");
  CHECK(input_error([] { io::PetscBinaryFile("no/such/file.bin"); }) ==
        "no/such/file.bin: cannot open: No such file or directory");
}

TEST_CASE("petsc binary: a fuzz seed corpus of good and bad files, each read or refused with an InputError",
          "[io][petsc_binary]") {
  // Written where the libFuzzer target's run reads its seeds (tests/fuzz, README "Fuzzing").
  const auto corpus = test::binary_dir() / "fuzz-corpus" / "petsc_binary";
  std::filesystem::create_directories(corpus);
  const std::vector<std::pair<std::string, std::string>> seeds{
      {"small_matrix", small_matrix().str()},
      {"matrix_and_vector", PetscBytes(small_matrix()).vector({1.0, 2.0}).str()},
      {"interleaved",
       PetscBytes(small_matrix()).vector({1.0, 2.0}).matrix(1, 1, {1}, {0}, {4.0}).vector({3.0}).str()},
      {"unsorted", PetscBytes().matrix(2, 3, {3, 1}, {2, 0, 2, 1}, {2.0, 1.0, 3.0, 7.0}).str()},
      {"empty_matrix", PetscBytes().matrix(0, 0, {}, {}, {}).str()},
      {"empty_rows", PetscBytes().matrix(3, 3, {0, 1, 0}, {2}, {1.5}).str()},
      {"truncated", small_matrix().cut(5).str()},
      {"bad_sum", PetscBytes().matrix(2, 3, {2, 2}, {0, 2, 1}, {1.0, 2.0, 3.0}).str()},
      {"bad_column", PetscBytes().matrix(2, 3, {2, 1}, {0, 3, 1}, {1.0, 2.0, 3.0}).str()},
      {"dense", PetscBytes().int32(1211216).int32(1).int32(1).int32(-1).real(1).str()},
      {"little_endian", std::string("\x50\x7b\x12\x00\0\0\0\x01", 8)},
  };
  int read = 0;
  int refused = 0;
  for (const auto& [name, bytes] : seeds) {
    std::ofstream(corpus / name, std::ios::binary) << bytes;
    const auto message = read_all_error(bytes, name);
    if (message.empty()) {
      ++read;
    } else {
      CHECK(message.find('\n') == std::string::npos);
      CHECK(message.rfind(name + ": ", 0) == 0);
      ++refused;
    }
  }
  CHECK(read == 6);
  CHECK(refused == 5);
}
