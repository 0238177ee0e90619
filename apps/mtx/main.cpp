// adasolve-mtx: check, describe and convert the matrix files users already have (Matrix Market, PETSc
// binary).
//   adasolve-mtx check FILE
//   adasolve-mtx info FILE [--format table|json]
//   adasolve-mtx convert IN OUT [--to matrix-market|petsc-binary] [--matrix K | --vector K] [--symmetry ...]
#include <algorithm>
#include <functional>
#include <iostream>
#include <map>
#include <optional>

#include "adasolve/core/error.hpp"
#include "adasolve/core/version.hpp"
#include "adasolve/io/matrix_file.hpp"
#include "adasolve/io/matrix_market.hpp"
#include "adasolve/io/petsc_binary.hpp"
#include "common/app_main.hpp"
#include "common/json_lines.hpp"
#include "common/options.hpp"
#include "common/settings_options.hpp"
#include "common/subcommands.hpp"
#include "mtx/matrix_info.hpp"

namespace {

using namespace adasolve;

/// "1 matrix", "2 matrices".
std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}
namespace po = app::po;

const char* kOverview =
    "Usage: adasolve-mtx <command> [arguments] [options]\n"
    "\n"
    "Checks, describes and converts matrix files before a solver sees them. Two formats are read, told\n"
    "apart by the file's first bytes (never by its name):\n"
    "  Matrix Market  coordinate or array; fields real, integer, pattern; symmetries general, symmetric,\n"
    "                 skew-symmetric (complex and hermitian are refused: not supported)\n"
    "  PETSc binary   what MatView / VecView write on a binary viewer, e.g. a PETSc program run with\n"
    "                 -ksp_view_mat binary:A.bin -ksp_view_rhs binary:b.bin: big-endian, 32-bit indices,\n"
    "                 real scalars, any number of AIJ matrices and vectors one after another\n"
    "\n"
    "Commands:\n"
    "  check FILE                      exit 0 if FILE is valid (every object of a PETSc binary file is\n"
    "                                  read); otherwise exit 2 and one line on stderr:\n"
    "                                  'adasolve-mtx: error: FILE:LINE: what is wrong' (Matrix Market) or\n"
    "                                  'adasolve-mtx: error: FILE: matrix K: what is wrong' (PETSc binary)\n"
    "  info FILE [--format table|json] size, storage, stored and full entry counts, numerical symmetry,\n"
    "                                  diagonal dominance, missing or zero diagonal entries, min/max "
    "|a_ij|,\n"
    "                                  and SPD, decided by a CHOLMOD Cholesky attempt when n <= 20000;\n"
    "                                  every matrix of a PETSc binary file, then its vectors\n"
    "  convert IN OUT [--to matrix-market|petsc-binary] [--matrix K | --vector K]\n"
    "                 [--symmetry general|symmetric]\n"
    "                                  rewrites one matrix or vector of IN in the other (or the same)\n"
    "                                  format, values bit for bit\n"
    "\n"
    "Examples:\n"
    "  adasolve-mtx check bcsstk01.mtx\n"
    "  adasolve-mtx info bcsstk01.mtx --format json\n"
    "  adasolve-mtx convert bcsstk01.mtx bcsstk01.bin\n"
    "  adasolve-mtx convert A.bin A_7.mtx --matrix 7\n"
    "\n"
    "'adasolve-mtx <command> --help' shows the options of one command.\n"
    "Exit codes: 0 success, 2 invalid file or usage, 3 internal error.\n";

/// Parses a command's options and positional arguments; returns false after printing --help.
bool parse_command(int argc, char** argv, const std::string& usage, const std::string& description,
                   po::options_description options, const std::vector<std::string>& positionals,
                   po::variables_map& values) {
  po::positional_options_description positional;
  for (const auto& name : positionals) {
    options.add_options()(name.c_str(), po::value<std::string>(), "");
    positional.add(name.c_str(), 1);
  }
  auto parsed = app::parse_options(argc, argv, options, &positional);
  if (parsed.help) {
    po::options_description shown("Options");
    for (const auto& option : options.options()) {
      if (std::find(positionals.begin(), positionals.end(), option->long_name()) == positionals.end()) {
        shown.add(option);
      }
    }
    app::print_help(usage, description, shown);
    return false;
  }
  for (const auto& name : positionals) {
    if (parsed.values.count(name) == 0U) {
      throw UsageError("missing " + name + " (usage: " + usage + ")");
    }
  }
  values = std::move(parsed.values);
  return true;
}

int run_check(int argc, char** argv) {
  po::variables_map values;
  if (!parse_command(
          argc, argv, "adasolve-mtx check FILE",
          "Reads FILE completely. Exit 0 and a summary on stdout if it is a valid Matrix Market matrix,\n"
          "or a valid PETSc binary file (one line per matrix and vector); otherwise exit 2 with one line\n"
          "'adasolve-mtx: error: FILE:LINE: what is wrong' or 'adasolve-mtx: error: FILE: matrix K: ...'.",
          po::options_description("Options"), {"FILE"}, values)) {
    return app::kSuccess;
  }
  const auto file = values["FILE"].as<std::string>();
  if (io::detect_matrix_file_format(file) == io::MatrixFileFormat::petsc_binary) {
    const io::PetscBinaryFile binary(file);
    std::string lines;
    for (std::size_t k = 0; k < binary.matrix_count(); ++k) {
      const auto a = binary.read_matrix(k);
      lines += "  matrix " + std::to_string(k + 1) + ": " + std::to_string(a.rows()) + " x " +
               std::to_string(a.cols()) + ", " + std::to_string(binary.matrix_header(k).entries) +
               " stored entries\n";
    }
    for (std::size_t k = 0; k < binary.vector_count(); ++k) {
      lines += "  vector " + std::to_string(k + 1) + ": " + std::to_string(binary.read_vector(k).size()) +
               " entries\n";
    }
    std::cout << file << ": valid, PETSc binary, " << count_of(binary.matrix_count(), "matrix", "matrices")
              << ", " << count_of(binary.vector_count(), "vector", "vectors") << "\n"
              << lines;
    return app::kSuccess;
  }
  // Validated entry by entry without building the matrix: CSR would need memory in proportion to the
  // declared rows, however few entries the file holds.
  const io::MatrixMarketHeader header = io::check_matrix_market(file);
  std::cout << file << ": valid, " << header.rows << " x " << header.cols << ", " << header.entries
            << " stored entries, " << io::to_string(header.format) << " " << io::to_string(header.field)
            << " " << io::to_string(header.symmetry) << "\n";
  return app::kSuccess;
}

/// info of every object of a PETSc binary file: one description per matrix, then the vectors' lengths.
void print_binary_info(const std::string& file, bool json) {
  const io::PetscBinaryFile binary(file);
  nlohmann::json matrices = nlohmann::json::array();
  std::string tables;
  for (std::size_t k = 0; k < binary.matrix_count(); ++k) {
    const io::PetscBinaryObject& object = binary.matrix_header(k);
    io::MatrixMarketHeader header;  // the binary AIJ layout in the header's terms: every entry stored
    header.rows = object.rows;
    header.cols = object.cols;
    header.entries = object.entries;
    const auto a = binary.read_matrix(k);
    auto info = mtx::describe(file, header, a);
    info.format = "petsc-binary";
    auto j = mtx::to_json(info);
    j["matrix"] = k + 1;
    j["offset"] = object.offset;
    matrices.push_back(std::move(j));
    tables += "matrix " + std::to_string(k + 1) + " of " + std::to_string(binary.matrix_count()) + " (byte " +
              std::to_string(object.offset) + ")\n" + mtx::to_table(info) + "\n";
  }
  nlohmann::json vectors = nlohmann::json::array();
  for (std::size_t k = 0; k < binary.vector_count(); ++k) {
    const io::PetscBinaryObject& object = binary.vector_header(k);
    vectors.push_back({{"vector", k + 1}, {"size", object.rows}, {"offset", object.offset}});
    tables += "vector " + std::to_string(k + 1) + " of " + std::to_string(binary.vector_count()) + " (byte " +
              std::to_string(object.offset) + "): " + std::to_string(object.rows) + " entries\n";
  }
  if (json) {
    // Schema: docs/schema/adasolve-mtx/binary-info.json.
    app::write_json_line(std::cout, "adasolve-mtx/binary-info",
                         {{"file", file},
                          {"format", "petsc-binary"},
                          {"matrix_count", binary.matrix_count()},
                          {"vector_count", binary.vector_count()},
                          {"matrices", matrices},
                          {"vectors", vectors}});
  } else {
    std::cout << file << ": PETSc binary, " << count_of(binary.matrix_count(), "matrix", "matrices") << ", "
              << count_of(binary.vector_count(), "vector", "vectors") << "\n\n"
              << tables;
  }
}

int run_info(int argc, char** argv) {
  po::options_description options("Options");
  options.add_options()("format", po::value<std::string>()->default_value("table"), "output: table or json");
  po::variables_map values;
  if (!parse_command(
          argc, argv, "adasolve-mtx info FILE [--format table|json]",
          "Describes the matrix in FILE (every matrix of a PETSc binary file, then its vectors).\n"
          "'stored entries' counts the file's entries (one triangle\n"
          "for symmetric storage), 'full entries' the matrix's (both triangles, duplicates summed).\n"
          "Diagonal dominance is by rows: strictly (|a_ii| > sum_j!=i |a_ij| in every row), weakly\n"
          "(>= in every row) or no. SPD is decided by a CHOLMOD Cholesky factorisation for\n"
          "symmetric matrices with a positive diagonal and n <= 20000 (otherwise 'not decided').",
          options, {"FILE"}, values)) {
    return app::kSuccess;
  }
  const auto format = values["format"].as<std::string>();
  if (format != "table" && format != "json") {
    throw UsageError("--format must be table or json, got '" + format + "'");
  }
  const auto file = values["FILE"].as<std::string>();
  if (io::detect_matrix_file_format(file) == io::MatrixFileFormat::petsc_binary) {
    print_binary_info(file, format == "json");
    return app::kSuccess;
  }
  io::MatrixMarketHeader header;
  const auto a = io::read_matrix_market(file, header);
  const auto info = mtx::describe(file, header, a);
  if (format == "json") {
    app::write_json_line(std::cout, "adasolve-mtx/info",
                         mtx::to_json(info));  // docs/schema/adasolve-mtx/info.json
  } else {
    std::cout << mtx::to_table(info);
  }
  return app::kSuccess;
}

/// What convert reads: one matrix or one vector.
struct ConvertedObject {
  std::optional<CsrMatrix> matrix;
  std::vector<double> vector;
  std::string description;  ///< "matrix 3 of 83" / "" for a file holding one object
};

/// matrix_number, vector_number: 1-based, 0 when not given.
ConvertedObject read_for_convert(const std::string& in, long long matrix_number, long long vector_number) {
  ConvertedObject object;
  if (io::detect_matrix_file_format(in) == io::MatrixFileFormat::petsc_binary) {
    const io::PetscBinaryFile binary(in);
    const bool single = binary.objects().size() == 1;
    bool is_matrix = true;
    long long k = 1;
    if (matrix_number > 0) {
      k = matrix_number;
    } else if (vector_number > 0) {
      is_matrix = false;
      k = vector_number;
    } else if (single) {
      is_matrix = binary.matrix_count() == 1;
    } else {
      throw UsageError(in + " holds " + count_of(binary.matrix_count(), "matrix", "matrices") + " and " +
                       count_of(binary.vector_count(), "vector", "vectors") +
                       ": choose one with --matrix K or --vector K");
    }
    const std::size_t count = is_matrix ? binary.matrix_count() : binary.vector_count();
    if (static_cast<std::size_t>(k) > count) {
      throw UsageError(std::string(is_matrix ? "--matrix" : "--vector") + " must be in 1.." +
                       std::to_string(count) + " (" + in + " holds " + std::to_string(count) +
                       (is_matrix ? " matrices" : " vectors") + "), got " + std::to_string(k));
    }
    const auto index = static_cast<std::size_t>(k - 1);
    if (is_matrix) {
      object.matrix = binary.read_matrix(index);
    } else {
      object.vector = binary.read_vector(index);
    }
    if (!single) {
      object.description = std::string(is_matrix ? "matrix " : "vector ") + std::to_string(k) + " of " +
                           std::to_string(count) + " ";
    }
    return object;
  }
  // Matrix Market: one object. A vector is an MM vector or an array with one column.
  if (matrix_number > 1 || vector_number > 1) {
    throw UsageError(in +
                     " is a Matrix Market file, which holds one object: --matrix and --vector can only be 1");
  }
  const io::MatrixMarketHeader header = io::read_matrix_market_header(in);
  const bool is_vector =
      header.object == io::MmObject::vector || (header.format == io::MmFormat::array && header.cols == 1);
  if (is_vector) {
    object.vector = io::read_matrix_market_vector(in);
  } else {
    object.matrix = io::read_matrix_market(in);
  }
  return object;
}

/// The output format: --to, or OUT's extension.
bool writes_petsc_binary(const std::string& to, const std::string& out) {
  if (to == "petsc-binary") {
    return true;
  }
  if (to == "matrix-market") {
    return false;
  }
  if (to != "auto") {
    throw UsageError("--to must be matrix-market, petsc-binary or auto, got '" + to + "'");
  }
  const std::string extension = std::filesystem::path(out).extension().string();
  if (extension == ".mtx") {
    return false;
  }
  if (extension == ".bin") {
    return true;
  }
  throw UsageError("cannot tell the format of " + out +
                   " from its name (.mtx or .bin): give --to matrix-market or --to petsc-binary");
}

/// Which object of a PETSc binary file convert reads: 1-based numbers, 0 = not given.
struct ConvertSelection {
  long long matrix = 0;
  long long vector = 0;
  static std::span<const SettingField<ConvertSelection>> fields() {
    static const SettingField<ConvertSelection> described[] = {
        {"matrix", &ConvertSelection::matrix, "convert the K-th matrix (from 1) of a PETSc binary file",
         SettingRange::at_least(1.0), "the file's only object"},
        {"vector", &ConvertSelection::vector, "convert the K-th vector (from 1) of a PETSc binary file",
         SettingRange::at_least(1.0), "the file's only object"},
    };
    return described;
  }
};

int run_convert(int argc, char** argv) {
  po::options_description options("Options");
  options.add_options()(
      "to", po::value<std::string>()->default_value("auto"),
      "format of OUT: matrix-market, petsc-binary, or auto (from OUT's name: .mtx or .bin)")(
      "symmetry", po::value<std::string>()->default_value("general"),
      "Matrix Market storage of OUT: general (every entry) or symmetric (lower triangle)");
  app::add_setting_options(options, ConvertSelection{});
  po::variables_map values;
  if (!parse_command(
          argc, argv, "adasolve-mtx convert IN OUT [--to FORMAT] [--matrix K | --vector K] [--symmetry S]",
          "Reads one matrix or vector of IN (Matrix Market or PETSc binary, told apart by its first bytes)\n"
          "and writes it to OUT as Matrix Market 'coordinate real' (a vector as 'array real N 1') or as "
          "PETSc\n"
          "binary. Values are copied bit for bit: Matrix Market -> PETSc binary -> Matrix Market gives the\n"
          "same file. A PETSc binary file that holds several objects needs --matrix K or --vector K.\n"
          "Symmetric storage needs an exactly symmetric matrix and Matrix Market output.",
          options, {"IN", "OUT"}, values)) {
    return app::kSuccess;
  }
  const auto symmetry = values["symmetry"].as<std::string>();
  if (symmetry != "general" && symmetry != "symmetric") {
    throw UsageError("--symmetry must be general or symmetric, got '" + symmetry + "'");
  }
  const auto in = values["IN"].as<std::string>();
  const auto out = values["OUT"].as<std::string>();
  const bool binary_out = writes_petsc_binary(values["to"].as<std::string>(), out);
  const bool symmetric = symmetry == "symmetric";
  if (symmetric && binary_out) {
    throw UsageError("--symmetry symmetric is a Matrix Market storage: PETSc binary AIJ stores every entry");
  }
  ConvertSelection selection;  // 0: not given
  app::read_setting_options(values, selection);
  const long long matrix_number = selection.matrix;
  const long long vector_number = selection.vector;
  if (matrix_number > 0 && vector_number > 0) {
    throw UsageError("give --matrix K or --vector K, not both");
  }
  const ConvertedObject object = read_for_convert(in, matrix_number, vector_number);
  const char* format = binary_out ? "PETSc binary" : "Matrix Market";
  if (!object.matrix) {
    if (binary_out) {
      io::write_petsc_binary_vector(out, object.vector);
    } else {
      io::write_matrix_market_vector(out, object.vector, "converted by adasolve-mtx from " + in);
    }
    std::cout << in << " " << object.description << "-> " << out << ": vector of " << object.vector.size()
              << " entries, " << format << "\n";
    return app::kSuccess;
  }
  const CsrMatrix& a = *object.matrix;
  if (symmetric && !(a.is_square() && mtx::max_asymmetry(a) == 0.0)) {
    throw InputError(in +
                     ": not exactly symmetric, so it cannot be stored as symmetric (use --symmetry general)");
  }
  if (binary_out) {
    io::write_petsc_binary(out, a);
  } else {
    io::write_matrix_market(out, a, symmetric, "converted by adasolve-mtx from " + in);
  }
  std::cout << in << " " << object.description << "-> " << out << ": " << a.rows() << " x " << a.cols()
            << ", " << (binary_out ? std::string("PETSc binary") : symmetry + " storage, Matrix Market")
            << "\n";
  return app::kSuccess;
}

}  // namespace

int main(int argc, char** argv) {
  return app::run("adasolve-mtx", argc, argv, [](int argc, char** argv) -> int {
    static const std::vector<app::Subcommand> commands{
        {"check", "", run_check}, {"info", "", run_info}, {"convert", "", run_convert}};
    return app::dispatch_subcommand(argc, argv, commands, [] { std::cout << kOverview; });
  });
}
