#pragma once
// Sequences of linear systems on disk: a manifest file, a directory, or a glob. Only paths and context
// values are returned here; matrices are loaded by whoever runs the sequence.
//
// Manifest format (plain text, one instance per line; README "Sequences: manifest format"):
//
//   # heat equation, Crank-Nicolson steps        <- '#' starts a comment (whole line or after the fields)
//   A_001.mtx  b_001.mtx  kappa=0.5  shift=-0.1
//   A_002.mtx  b_002.mtx  kappa=0.6  shift=-0.1
//
//   field 1     matrix file (Matrix Market), relative to the manifest's folder unless absolute;
//   field 2     optional right-hand-side file (a token without '=');
//   NAME=VALUE  optional context values: NAME is [A-Za-z_][A-Za-z0-9_.]*, VALUE a finite number.
//   Fields are separated by blanks; paths cannot contain blanks or '#'. CRLF line endings are accepted.
//   Every instance must name the same context values (any order) and either all or none give a
//   right-hand side. Blank lines are ignored.
//
// Directory form: every *.mtx file of the folder, in natural order (A_2 before A_10). A file is the
// right-hand side of a matrix, not a matrix, when it is named STEM_rhs.mtx beside STEM.mtx, or b<REST>.mtx
// beside A<REST>.mtx (A_001.mtx / b_001.mtx). Glob form: "DIR/PATTERN" with '*' and '?' in the last
// component only selects, among that folder's matrices (classified as above), those whose name matches.
//
// Every error is an InputError: "MANIFEST:LINE: problem" for manifests (missing file, bad number, context
// names differing from the first instance, ...), "DIR: problem" for the directory and glob forms.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace adasolve::io {

struct SequenceInstance {
  std::filesystem::path matrix;          ///< resolved path (manifest folder + relative path)
  std::filesystem::path rhs;             ///< empty when the instance has no right-hand-side file
  std::vector<double> context;           ///< values in the order of SequenceManifest::context_names
  std::size_t line = 0;                  ///< manifest line (0 for the directory and glob forms)
  std::string label;                     ///< the matrix file's stem, for reports
};

struct SequenceManifest {
  std::string source;                    ///< the manifest, directory or glob as given
  std::vector<std::string> context_names;  ///< in the order of the first instance
  std::vector<SequenceInstance> instances;

  bool has_rhs() const { return !instances.empty() && !instances.front().rhs.empty(); }
};

/// Reads a manifest file. Paths are resolved against the manifest's folder and must name existing files.
SequenceManifest read_sequence_manifest(const std::filesystem::path& manifest);

/// Reads a manifest held in memory: `name` is used in messages, relative paths are resolved against
/// `base_dir`, and files are checked for existence only when `check_files` is true.
SequenceManifest read_sequence_manifest_text(std::string_view text, const std::string& name,
                                             const std::filesystem::path& base_dir, bool check_files = true);

/// Directory or glob form (see above).
SequenceManifest list_sequence_directory(const std::string& dir_or_glob);

/// A directory or a pattern containing '*' or '?' goes to list_sequence_directory, anything else is read
/// as a manifest file.
SequenceManifest open_sequence(const std::string& spec);

/// Natural order: runs of digits compare by value ("A_2" < "A_10"), everything else by character.
bool natural_less(std::string_view a, std::string_view b);

}  // namespace adasolve::io
