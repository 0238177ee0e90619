// Sequence manifests and the directory/glob form: resolution, context values, natural order, and
// "manifest:line" errors.
#include "adasolve/io/sequence_manifest.hpp"

#include <catch2/catch.hpp>

#include "io_test_support.hpp"

using namespace adasolve;
using adasolve::test::input_error;
using adasolve::test::line_of;
using adasolve::test::write_file;

namespace {

const char* kTiny = "%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 1\n";

/// A folder with matrices and right-hand sides named as the files in `names`.
std::filesystem::path make_folder(const std::string& folder, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    write_file(folder + "/" + name, kTiny);
  }
  return test::scratch_dir() / folder;
}

}  // namespace

TEST_CASE("a manifest lists matrices, right-hand sides and named context values", "[io][manifest]") {
  const auto dir = make_folder("seq1", {"A_001.mtx", "b_001.mtx", "A_002.mtx", "b_002.mtx"});
  const auto manifest = write_file("seq1/run.txt",
                                   "# heat sequence\r\n"
                                   "\n"
                                   "A_001.mtx b_001.mtx kappa=0.5 shift=-0.1   # first step\r\n"
                                   "  A_002.mtx\tb_002.mtx shift=+2e-1 kappa=0.75\n");
  const auto seq = io::read_sequence_manifest(manifest);
  REQUIRE(seq.instances.size() == 2);
  CHECK(seq.context_names == std::vector<std::string>{"kappa", "shift"});
  CHECK(seq.has_rhs());
  CHECK(seq.instances[0].matrix == (dir / "A_001.mtx").lexically_normal());
  CHECK(seq.instances[0].rhs == (dir / "b_001.mtx").lexically_normal());
  CHECK(seq.instances[0].context == std::vector<double>{0.5, -0.1});
  CHECK(seq.instances[1].context == std::vector<double>{0.75, 0.2});  // reordered to the first line's names
  CHECK(seq.instances[1].line == 4);
  CHECK(seq.instances[1].label == "A_002");
}

TEST_CASE("manifest paths are relative to the manifest's folder, and no rhs and no context are fine",
          "[io][manifest]") {
  make_folder("seq2/mats", {"m1.mtx", "m2.mtx"});
  const auto manifest = write_file("seq2/list.txt", "mats/m1.mtx\nmats/../mats/m2.mtx\n");
  const auto seq = io::read_sequence_manifest(manifest);
  REQUIRE(seq.instances.size() == 2);
  CHECK_FALSE(seq.has_rhs());
  CHECK(seq.context_names.empty());
  CHECK(seq.instances[1].matrix == (test::scratch_dir() / "seq2/mats/m2.mtx").lexically_normal());
}

TEST_CASE("manifest errors name the manifest and the line", "[io][manifest][errors]") {
  make_folder("seq3", {"A.mtx", "B.mtx", "b.mtx"});
  struct Case {
    const char* text;
    std::size_t line;
    const char* says;
  };
  const Case cases[] = {
      {"A.mtx\nmissing.mtx\n", 2, "matrix file 'missing.mtx' not found"},
      {"A.mtx nothere.mtx\n", 1, "right-hand-side file 'nothere.mtx' not found"},
      {"A.mtx kappa=abc\n", 1, "bad number 'abc' for context value 'kappa'"},
      {"A.mtx kappa=inf\n", 1, "bad number"},
      {"A.mtx kappa=1 kappa=2\n", 1, "given twice"},
      {"# c\nA.mtx kappa=1\nB.mtx shift=1\n", 3, "context value 'shift' is not on line 2"},
      {"A.mtx kappa=1 shift=2\nB.mtx kappa=1\n", 2, "context value 'shift' is missing"},
      {"A.mtx b.mtx\nB.mtx\n", 2, "no right-hand-side file, but line 1 has one"},
      {"A.mtx\nB.mtx b.mtx\n", 2, "a right-hand-side file, but line 1 has none"},
      {"kappa=1 A.mtx\n", 1, "must start with the matrix file"},
      {"A.mtx b.mtx B.mtx\n", 1, "unexpected 'B.mtx'"},
  };
  int index = 0;
  for (const auto& c : cases) {
    const auto manifest = write_file("seq3/m" + std::to_string(index++) + ".txt", c.text);
    const auto message = input_error([&] { io::read_sequence_manifest(manifest); });
    INFO("manifest:\n" << c.text << "\nmessage: " << message);
    CHECK(line_of(message, manifest.string()) == c.line);
    CHECK_THAT(message, Catch::Contains(c.says));
  }
  const auto empty = write_file("seq3/empty.txt", "# nothing\n\n");
  CHECK_THAT(input_error([&] { io::read_sequence_manifest(empty); }), Catch::Contains("no instances"));
}

TEST_CASE("natural order compares digit runs by value", "[io][manifest]") {
  CHECK(io::natural_less("A_2.mtx", "A_10.mtx"));
  CHECK_FALSE(io::natural_less("A_10.mtx", "A_2.mtx"));
  CHECK(io::natural_less("bp_200", "bp_1000"));
  CHECK(io::natural_less("a", "b"));
  CHECK(io::natural_less("x1", "x1a"));
  CHECK(io::natural_less("x01", "x1") != io::natural_less("x1", "x01"));  // strict even with leading zeros
}

TEST_CASE("a directory lists its matrices in natural order with paired right-hand sides", "[io][manifest]") {
  const auto dir = make_folder("seq4", {"A_10.mtx", "A_2.mtx", "A_1.mtx", "b_10.mtx", "b_2.mtx", "b_1.mtx"});
  write_file("seq4/notes.txt", "not a matrix");
  const auto seq = io::open_sequence(dir.string());
  REQUIRE(seq.instances.size() == 3);
  CHECK(seq.instances[0].label == "A_1");
  CHECK(seq.instances[1].label == "A_2");
  CHECK(seq.instances[2].label == "A_10");
  CHECK(seq.instances[2].rhs.filename() == "b_10.mtx");

  const auto rhs_suffix = make_folder("seq5", {"step3.mtx", "step3_rhs.mtx", "step12.mtx", "step12_rhs.mtx"});
  const auto seq5 = io::list_sequence_directory(rhs_suffix.string());
  REQUIRE(seq5.instances.size() == 2);
  CHECK(seq5.instances[0].rhs.filename() == "step3_rhs.mtx");

  const auto globbed = io::open_sequence((dir / "A_1*.mtx").string());
  REQUIRE(globbed.instances.size() == 2);  // A_1 and A_10
  CHECK(globbed.instances[1].rhs.filename() == "b_10.mtx");
}

TEST_CASE("directory form errors: mixed right-hand sides, nothing matching, missing folder",
          "[io][manifest][errors]") {
  const auto dir = make_folder("seq6", {"A_1.mtx", "b_1.mtx", "A_2.mtx"});
  CHECK_THAT(input_error([&] { io::list_sequence_directory(dir.string()); }),
             Catch::Contains("A_2.mtx has no right-hand side"));
  CHECK_THAT(input_error([&] { io::open_sequence((dir / "Z*.mtx").string()); }),
             Catch::Contains("no matrix files"));
  CHECK_THAT(input_error([&] { io::open_sequence((test::scratch_dir() / "nowhere/*.mtx").string()); }),
             Catch::Contains("no such directory"));
}
