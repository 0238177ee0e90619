// libFuzzer target: the PETSc binary reader on arbitrary bytes (indexing, then every matrix, a block of
// rows of it, and every vector). A finding is a crash, a sanitizer report, an exception other than
// InputError, an InputError whose message is not one line "fuzz: ...", or a matrix or vector whose shape
// differs from its header. Seeds: the corpus that unit_io's "fuzz seed corpus" case writes.
#include <cstdint>
#include <string>

#include "adasolve/core/error.hpp"
#include "adasolve/io/petsc_binary.hpp"

namespace {

void check_message(const adasolve::InputError& e) {
  const std::string message = e.what();
  if (message.rfind("fuzz: ", 0) != 0 || message.find('\n') != std::string::npos) {
    __builtin_trap();
  }
}

void read_every_object(const adasolve::io::PetscBinaryFile& file) {
  for (std::size_t k = 0; k < file.matrix_count(); ++k) {
    const auto& header = file.matrix_header(k);
    try {
      const auto a = file.read_matrix(k);
      if (a.rows() != header.rows || a.cols() != header.cols || a.nnz() > header.entries) {
        __builtin_trap();
      }
      const auto half = static_cast<adasolve::Index>(header.rows / 2);
      const auto rows = file.read_matrix_rows(k, half, static_cast<adasolve::Index>(header.rows));
      if (rows.rows() != header.rows - half) {
        __builtin_trap();
      }
    } catch (const adasolve::InputError& e) {
      check_message(e);
    }
  }
  for (std::size_t k = 0; k < file.vector_count(); ++k) {
    if (static_cast<std::int64_t>(file.read_vector(k).size()) != file.vector_header(k).rows) {
      __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto file = adasolve::io::PetscBinaryFile::from_bytes(
        std::string(reinterpret_cast<const char*>(data), size), "fuzz");
    read_every_object(file);
  } catch (const adasolve::InputError& e) {
    check_message(e);
  }
  return 0;
}
