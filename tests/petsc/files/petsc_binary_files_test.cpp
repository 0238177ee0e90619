// PETSc binary files as PETSc itself writes and reads them: a sequence saved with MatView / VecView is read
// back equal by adasolve, and adasolve's files load with MatLoad / VecLoad. This test talks to PETSc
// directly (the library keeps PETSc behind lib/src/backend/petsc; a format test needs the other side).
#include <petscmat.h>
#include <petscviewer.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>

#include "adasolve/io/petsc_binary.hpp"
#include "adasolve/sequence/instance_source.hpp"
#include "test_support.hpp"

using namespace adasolve;

namespace {

void check(PetscErrorCode code) { REQUIRE(code == 0); }

/// A PETSc SeqAIJ copy of a CSR matrix, built with MatSetValues as an application would.
Mat to_petsc(const CsrMatrix& a) {
  Mat m = nullptr;
  std::vector<PetscInt> nnz(static_cast<std::size_t>(a.rows()));
  for (Index i = 0; i < a.rows(); ++i) {
    nnz[static_cast<std::size_t>(i)] = a.row_offsets()[i + 1] - a.row_offsets()[i];
  }
  check(MatCreateSeqAIJ(PETSC_COMM_SELF, a.rows(), a.cols(), 0, nnz.data(), &m));
  for (Index i = 0; i < a.rows(); ++i) {
    const Index begin = a.row_offsets()[i];
    const PetscInt count = a.row_offsets()[i + 1] - begin;
    check(MatSetValues(m, 1, &i, count, a.column_indices().data() + begin, a.values().data() + begin,
                       INSERT_VALUES));
  }
  check(MatAssemblyBegin(m, MAT_FINAL_ASSEMBLY));
  check(MatAssemblyEnd(m, MAT_FINAL_ASSEMBLY));
  return m;
}

Vec to_petsc(const std::vector<double>& x) {
  Vec v = nullptr;
  check(VecCreateSeq(PETSC_COMM_SELF, static_cast<PetscInt>(x.size()), &v));
  double* values = nullptr;
  check(VecGetArray(v, &values));
  std::copy(x.begin(), x.end(), values);
  check(VecRestoreArray(v, &values));
  return v;
}

bool bit_identical(const CsrMatrix& a, const CsrMatrix& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && a.nnz() == b.nnz() &&
         std::equal(a.row_offsets().begin(), a.row_offsets().end(), b.row_offsets().begin()) &&
         std::equal(a.column_indices().begin(), a.column_indices().end(), b.column_indices().begin()) &&
         std::memcmp(a.values().data(), b.values().data(), a.values().size() * sizeof(double)) == 0;
}

/// The systems of the test: shifted Laplacians and a nonsymmetric matrix, with seeded right-hand sides.
std::vector<CsrMatrix> test_matrices() {
  std::vector<CsrMatrix> out{test::laplacian_2d(6), test::laplacian_2d(6, 1.0 / 3.0)};
  std::vector<Triplet> t;
  for (Index i = 0; i < 36; ++i) {
    t.push_back({i, i, 2.0 + i});
    t.push_back({i, (i * 7 + 3) % 36, -0.1 * (i + 1)});
  }
  out.push_back(CsrMatrix::from_triplets(36, 36, t));
  return out;
}

std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / "adasolve-petsc-binary-files";
  std::filesystem::create_directories(dir);
  return dir / name;
}

}  // namespace

TEST_CASE("PETSc binary: a sequence written by PETSc's MatView / VecView reads back equal", "[petsc][io]") {
  const auto matrices = test_matrices();
  const auto file = scratch("petsc_written.bin");
  PetscViewer viewer = nullptr;
  check(PetscViewerBinaryOpen(PETSC_COMM_SELF, file.c_str(), FILE_MODE_WRITE, &viewer));
  std::vector<std::vector<double>> rhs;
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    rhs.push_back(test::gaussian_vector(36, static_cast<unsigned>(k + 7)));
    Mat m = to_petsc(matrices[k]);
    Vec v = to_petsc(rhs[k]);
    check(MatView(m, viewer));  // one viewer for both, as -ksp_view_mat and -ksp_view_rhs on one file
    check(VecView(v, viewer));
    check(MatDestroy(&m));
    check(VecDestroy(&v));
  }
  check(PetscViewerDestroy(&viewer));

  const io::PetscBinaryFile binary(file);
  REQUIRE(binary.matrix_count() == matrices.size());
  REQUIRE(binary.vector_count() == matrices.size());
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    CHECK(bit_identical(binary.read_matrix(k), matrices[k]));
    CHECK(binary.read_vector(k) == rhs[k]);
  }
  auto source = sequence::make_petsc_binary_sequence(file);
  for (std::size_t k = 0; k < matrices.size(); ++k) {
    const auto instance = source->next();
    CHECK(bit_identical(*instance.matrix, matrices[k]));
    CHECK(instance.rhs == rhs[k]);
  }
}

TEST_CASE("PETSc binary: PETSc's MatLoad / VecLoad read adasolve's files", "[petsc][io]") {
  const auto matrices = test_matrices();
  const auto file = scratch("adasolve_written.bin");
  io::PetscBinaryWriter out(file);
  const auto x = test::gaussian_vector(36, 3);
  for (const auto& a : matrices) {
    out.write(a);
  }
  out.write(x);
  out.close();

  PetscViewer viewer = nullptr;
  check(PetscViewerBinaryOpen(PETSC_COMM_SELF, file.c_str(), FILE_MODE_READ, &viewer));
  for (const auto& a : matrices) {
    Mat loaded = nullptr;
    check(MatCreate(PETSC_COMM_SELF, &loaded));
    check(MatSetType(loaded, MATSEQAIJ));
    check(MatLoad(loaded, viewer));
    Mat expected = to_petsc(a);
    PetscBool equal = PETSC_FALSE;
    check(MatEqual(loaded, expected, &equal));
    CHECK(equal == PETSC_TRUE);
    check(MatDestroy(&loaded));
    check(MatDestroy(&expected));
  }
  Vec v = nullptr;
  check(VecCreate(PETSC_COMM_SELF, &v));
  check(VecLoad(v, viewer));
  const double* values = nullptr;
  PetscInt n = 0;
  check(VecGetSize(v, &n));
  REQUIRE(n == 36);
  check(VecGetArrayRead(v, &values));
  CHECK(std::equal(x.begin(), x.end(), values));
  check(VecRestoreArrayRead(v, &values));
  check(VecDestroy(&v));
  check(PetscViewerDestroy(&viewer));
}
