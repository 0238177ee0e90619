#pragma once
// Safe whole-file reads and atomic writes, shared by every reader and writer of state, checkpoints,
// configs and reports. Batch jobs meet careless paths (a device, a FIFO, a directory, a full disk): each of
// these is refused with an InputError that names the file, instead of being slurped without end, silently
// replaced, or lost.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace adasolve::io {

/// What a path names, following symbolic links: "a regular file", "a directory", "a character device",
/// "a block device", "a FIFO", "a socket", "missing" or "something else".
std::string describe_file_type(const std::filesystem::path& file);

/// Throws InputError "FILE: not a regular file (it is a character device)" unless `file` names a regular
/// file (following symbolic links). Missing files: "FILE: cannot open (no such file)".
void require_regular_file(const std::filesystem::path& file);

/// Throws InputError "FILE: refusing to replace ... (not a regular file)" when `file` exists and is not
/// a regular file: an output path must never turn a device, FIFO or directory into a regular file.
void require_replaceable(const std::filesystem::path& file);

/// The whole content of the regular file `file`, refusing anything larger than max_bytes (InputError
/// "FILE: larger than N bytes ...") and anything that is not a regular file (see require_regular_file).
std::string read_regular_file(const std::filesystem::path& file, std::uint64_t max_bytes);

/// Replaces `file` by `content` atomically: writes FILE.tmp.<pid> beside it, flushes it to disk (fsync),
/// closes it and renames it onto FILE (rename is atomic within one file system), so a crash leaves the old
/// or the new file, never half of one. A symbolic link is followed: its target is replaced. Refuses a
/// target that is not a regular file; every failure (open, write, flush, close, rename, e.g. a full disk)
/// throws InputError naming the file and the reason, and the temporary file is removed.
void write_file_atomically(const std::filesystem::path& file, std::string_view content);

}  // namespace adasolve::io
