#include "adasolve/io/file_access.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "adasolve/core/error.hpp"

namespace adasolve::io {

namespace fs = std::filesystem;

std::string describe_file_type(const fs::path& file) {
  std::error_code ec;
  switch (fs::status(file, ec).type()) {
    case fs::file_type::regular:
      return "a regular file";
    case fs::file_type::directory:
      return "a directory";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::fifo:
      return "a FIFO";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::not_found:
      return "missing";
    default:
      return "something else";
  }
}

void require_regular_file(const fs::path& file) {
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (status.type() == fs::file_type::not_found) {
    throw InputError(file.string() + ": cannot open (no such file)");
  }
  if (status.type() != fs::file_type::regular) {
    throw InputError(file.string() + ": not a regular file (it is " + describe_file_type(file) + ")");
  }
}

void require_replaceable(const fs::path& file) {
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (status.type() != fs::file_type::not_found && status.type() != fs::file_type::none &&
      status.type() != fs::file_type::regular) {
    throw InputError(file.string() + ": refusing to replace " + describe_file_type(file) +
                     " (an output must be a regular file)");
  }
}

std::string read_regular_file(const fs::path& file, std::uint64_t max_bytes) {
  require_regular_file(file);
  // O_NONBLOCK: if the path is swapped for a FIFO after the check, open does not wait for a writer.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    throw InputError(file.string() + ": cannot open (" + std::strerror(errno) + ")");
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    throw InputError(file.string() + ": not a regular file");
  }
  if (static_cast<std::uint64_t>(info.st_size) > max_bytes) {
    throw InputError(file.string() + ": larger than " + std::to_string(max_bytes) + " bytes (" +
                     std::to_string(info.st_size) + "); not a file this program wrote");
  }
  std::string text;
  text.resize(static_cast<std::size_t>(info.st_size));
  std::size_t done = 0;
  // Read at most max_bytes + 1 so that a file growing while we read is still bounded.
  for (;;) {
    if (done == text.size()) {
      if (text.size() > max_bytes) {
        throw InputError(file.string() + ": larger than " + std::to_string(max_bytes) + " bytes");
      }
      text.resize(text.size() + 4096);
    }
    const ssize_t got = ::read(fd, text.data() + done, text.size() - done);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw InputError(file.string() + ": read error (" + std::strerror(errno) + ")");
    }
    if (got == 0) {
      break;
    }
    done += static_cast<std::size_t>(got);
  }
  text.resize(done);
  return text;
}

void write_file_atomically(const fs::path& given, std::string_view content) {
  std::error_code ec;
  // Replace the target of a symbolic link, not the link (a link to a shared folder stays a link).
  const fs::path file = fs::is_symlink(given, ec) ? fs::weakly_canonical(given, ec) : given;
  require_replaceable(file);
  const std::string name = given.string();
  const fs::path temp = file.string() + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0666);
  if (fd < 0) {
    throw InputError(name + ": cannot write (" + std::strerror(errno) + ")");
  }
  auto fail = [&](const std::string& what, int error) {
    ::close(fd);
    fs::remove(temp, ec);
    throw InputError(name + ": " + what + " (" + std::strerror(error) + ")");
  };
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t got = ::write(fd, content.data() + done, content.size() - done);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail("write failed", errno);
    }
    done += static_cast<std::size_t>(got);
  }
  // fsync: a full or failing disk reports here at the latest, before the old file is replaced.
  if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
    fail("write failed", errno);
  }
  if (::close(fd) != 0) {
    const int error = errno;
    fs::remove(temp, ec);
    throw InputError(name + ": write failed (" + std::strerror(error) + ")");
  }
  fs::rename(temp, file, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw InputError(name + ": cannot replace (" + ec.message() + ")");
  }
}

}  // namespace adasolve::io
