#include "gen/sequence_writer.hpp"

#include <charconv>
#include <sstream>

#include "adasolve/core/error.hpp"
#include "adasolve/io/matrix_market.hpp"

namespace adasolve::gen {

std::string exact_number(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

SequenceWriter::SequenceWriter(std::filesystem::path folder, int expected_instances, bool symmetric,
                               const std::string& description)
    : folder_(std::move(folder)), manifest_path_(folder_ / "manifest.txt"), symmetric_(symmetric) {
  std::error_code error;
  std::filesystem::create_directories(folder_, error);
  if (error) {
    throw InputError(folder_.string() + ": cannot create the output folder (" + error.message() + ")");
  }
  manifest_.open(manifest_path_);
  if (!manifest_) {
    throw InputError(manifest_path_.string() + ": cannot write");
  }
  for (int n = expected_instances; n >= 10000; n /= 10) {
    ++digits_;
  }
  std::istringstream lines(description);
  for (std::string line; std::getline(lines, line);) {
    manifest_ << "# " << line << '\n';
  }
}

std::string SequenceWriter::stem(char prefix) const {
  std::string number = std::to_string(count_);
  if (number.size() < static_cast<std::size_t>(digits_)) {
    number.insert(0, static_cast<std::size_t>(digits_) - number.size(), '0');
  }
  return std::string(1, prefix) + "_" + number;
}

void SequenceWriter::add(const CsrMatrix& a, std::span<const double> b, const ContextValues& context,
                         const std::string& note) {
  const std::string matrix_file = stem('A') + ".mtx";
  io::write_matrix_market(folder_ / matrix_file, a, symmetric_, note);
  manifest_ << matrix_file;
  if (!b.empty()) {
    const std::string rhs_file = stem('b') + ".mtx";
    io::write_matrix_market_vector(folder_ / rhs_file, b, note);
    manifest_ << ' ' << rhs_file;
  }
  for (const auto& [name, value] : context) {
    manifest_ << ' ' << name << '=' << exact_number(value);
  }
  if (!note.empty()) {
    manifest_ << "  # " << note;
  }
  manifest_ << '\n';
  ++count_;
}

std::filesystem::path SequenceWriter::finish() {
  manifest_.flush();
  if (!manifest_) {
    throw InputError(manifest_path_.string() + ": write failed");
  }
  manifest_.close();
  return manifest_path_;
}

}  // namespace adasolve::gen
