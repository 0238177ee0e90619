#pragma once
// Typed exceptions. Not converging is NOT an exception (see SolveReport); exceptions are for misuse,
// bad input and backend failure. Apps map them to exit codes (design.md):
//   InputError, UsageError -> 2;  BackendError, everything else -> 3.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace adasolve {

/// Base of all adasolve exceptions.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Bad input data: a malformed file, a matrix of the wrong shape or kind. what() is one line;
/// for files it reads "FILE:LINE: problem".
class InputError : public Error {
 public:
  using Error::Error;
  /// Builds "file:line: message" (line 0 means "no particular line": "file: message").
  static InputError at(const std::string& file, std::size_t line, const std::string& message);
};

/// Misuse of an API or command line: a setting out of range, mismatched vector sizes.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// A vendor library (PETSc, SuiteSparse, libtorch, ASL) reported a failure; the message carries its text.
class BackendError : public Error {
 public:
  using Error::Error;
};

}  // namespace adasolve
