// Row partitions and the collective helpers that keep ranks in step (one choice, one error).
#include "backend/petsc/collectives.hpp"

#include <petscsys.h>

#include <new>

#include "adasolve/backend/petsc_parallel.hpp"
#include "adasolve/core/error.hpp"

namespace adasolve::backend {

RowPartition RowPartition::of(Index global_rows, int rank, int size) {
  if (global_rows < 0 || size < 1 || rank < 0 || rank >= size) {
    throw UsageError("RowPartition: rank " + std::to_string(rank) + " of " + std::to_string(size) + " for " +
                     std::to_string(global_rows) + " rows");
  }
  // PETSc's PETSC_DECIDE split: q = n / size rows each, the first n % size ranks one more.
  const Index q = global_rows / size;
  const Index extra = global_rows % size;
  RowPartition p;
  p.global_rows = global_rows;
  p.begin = rank * q + std::min<Index>(rank, extra);
  p.end = p.begin + q + (rank < extra ? 1 : 0);
  return p;
}

RowPartition RowPartition::for_this_rank(Index global_rows) {
  return of(global_rows, PetscSession::rank(), PetscSession::size());
}

namespace {

enum class ErrorKind : int { none = 0, input = 1, usage = 2, backend = 3, other = 4 };

std::pair<ErrorKind, std::string> classify(std::exception_ptr error) {
  if (!error) {
    return {ErrorKind::none, {}};
  }
  try {
    std::rethrow_exception(error);
  } catch (const InputError& e) {
    return {ErrorKind::input, e.what()};
  } catch (const UsageError& e) {
    return {ErrorKind::usage, e.what()};
  } catch (const BackendError& e) {
    return {ErrorKind::backend, e.what()};
  } catch (const std::bad_alloc&) {
    return {ErrorKind::other, "out of memory"};
  } catch (const std::exception& e) {
    return {ErrorKind::other, e.what()};
  } catch (...) {
    return {ErrorKind::other, "unknown error"};
  }
}

[[noreturn]] void throw_as(ErrorKind kind, const std::string& message) {
  switch (kind) {
    case ErrorKind::input:
      throw InputError(message);
    case ErrorKind::usage:
      throw UsageError(message);
    case ErrorKind::backend:
      throw BackendError(message);
    default:
      throw Error(message);
  }
}

std::string broadcast_string(std::string value, int root, MPI_Comm comm = PETSC_COMM_WORLD) {
  int length = static_cast<int>(value.size());
  MPI_Bcast(&length, 1, MPI_INT, root, comm);
  value.resize(static_cast<std::size_t>(length));
  MPI_Bcast(value.data(), length, MPI_CHAR, root, comm);
  return value;
}

}  // namespace

namespace petsc_detail {

void agree_on_failure_in(MPI_Comm comm, std::exception_ptr local_error) {
  const auto [kind, message] = classify(local_error);
  int size = 1;
  int rank = 0;
  MPI_Comm_size(comm, &size);
  MPI_Comm_rank(comm, &rank);
  // The lowest failing rank speaks for all (size = nobody failed).
  const int mine = kind == ErrorKind::none ? size : rank;
  int first = size;
  MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm);
  if (first == size) {
    return;
  }
  int shared_kind = static_cast<int>(kind);
  MPI_Bcast(&shared_kind, 1, MPI_INT, first, comm);
  const int failed_here = kind == ErrorKind::none ? 0 : 1;
  int failed = 0;
  MPI_Allreduce(&failed_here, &failed, 1, MPI_INT, MPI_SUM, comm);
  std::string shared = broadcast_string(message, first, comm);
  if (failed < size) {
    // Only some ranks failed (a file present on one node, missing on another): say where.
    shared += " (on rank " + std::to_string(first) + " of " + std::to_string(size) + ")";
  }
  throw_as(static_cast<ErrorKind>(shared_kind), shared);
}

}  // namespace petsc_detail

void agree_on_failure(std::exception_ptr local_error) {
  petsc_detail::agree_on_failure_in(PETSC_COMM_WORLD, local_error);
}

double broadcast_from_root(double value) {
  MPI_Bcast(&value, 1, MPI_DOUBLE, 0, PETSC_COMM_WORLD);
  return value;
}

std::string broadcast_from_root(const std::string& value) { return broadcast_string(value, 0); }

double sum_over_ranks(double value) {
  double total = 0.0;
  MPI_Allreduce(&value, &total, 1, MPI_DOUBLE, MPI_SUM, PETSC_COMM_WORLD);
  return total;
}

double max_over_ranks(double value) {
  double result = 0.0;
  MPI_Allreduce(&value, &result, 1, MPI_DOUBLE, MPI_MAX, PETSC_COMM_WORLD);
  return result;
}

void barrier() { MPI_Barrier(PETSC_COMM_WORLD); }

std::vector<double> gather_to_all(std::span<const double> local, const RowPartition& rows) {
  const int size = PetscSession::size();
  std::vector<int> counts(static_cast<std::size_t>(size)), displacements(static_cast<std::size_t>(size));
  for (int r = 0; r < size; ++r) {
    const auto block = RowPartition::of(rows.global_rows, r, size);
    counts[static_cast<std::size_t>(r)] = block.local_rows();
    displacements[static_cast<std::size_t>(r)] = block.begin;
  }
  if (static_cast<Index>(local.size()) != rows.local_rows()) {
    throw UsageError("gather_to_all: " + std::to_string(local.size()) +
                     " local entries, the partition says " + std::to_string(rows.local_rows()));
  }
  std::vector<double> whole(static_cast<std::size_t>(rows.global_rows));
  MPI_Allgatherv(local.data(), static_cast<int>(local.size()), MPI_DOUBLE, whole.data(), counts.data(),
                 displacements.data(), MPI_DOUBLE, PETSC_COMM_WORLD);
  return whole;
}

CsrMatrix row_block(const CsrMatrix& whole, const RowPartition& rows) {
  if (rows.begin < 0 || rows.begin > rows.end || rows.end > whole.rows()) {
    throw UsageError("row_block: rows [" + std::to_string(rows.begin) + ", " + std::to_string(rows.end) +
                     ") are not inside the " + std::to_string(whole.rows()) + " rows of the matrix");
  }
  const auto offsets = whole.row_offsets();
  const Index first = offsets[rows.begin];
  const Index last = offsets[rows.end];
  std::vector<Index> local_offsets(static_cast<std::size_t>(rows.local_rows()) + 1);
  for (Index i = 0; i <= rows.local_rows(); ++i) {
    local_offsets[static_cast<std::size_t>(i)] = offsets[rows.begin + i] - first;
  }
  const auto columns = whole.column_indices();
  const auto values = whole.values();
  return CsrMatrix(rows.local_rows(), whole.cols(), std::move(local_offsets),
                   std::vector<Index>(columns.begin() + first, columns.begin() + last),
                   std::vector<Scalar>(values.begin() + first, values.begin() + last));
}

}  // namespace adasolve::backend
