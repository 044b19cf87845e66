#include "flows/formats/file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/base/diagnostic.hpp"

namespace axomesh::flows {

namespace {

[[noreturn]] void fail_write(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what + " [IO-0002]");
}

// The end of `path`'s chain of symbolic links (a relative link resolves against its own
// folder), so that a write replaces the link's target and keeps the link. Sets
// `through_proc` when a link leads into /proc: such a link (/dev/stdout is one) names an
// open descriptor, whose file must be written through the link, not replaced.
std::string link_target(const std::string& path, bool& through_proc) {
  namespace fs = std::filesystem;
  through_proc = false;
  std::string current = path;
  for (int hop = 0; hop < 40; ++hop) {  // 40: Linux's own bound on links in a path
    struct stat link;
    if (::lstat(current.c_str(), &link) != 0 || !S_ISLNK(link.st_mode)) return current;
    std::error_code error;
    const fs::path next = fs::read_symlink(current, error);
    if (error) fail_write(path, "cannot read the symbolic link " + current + ": " + error.message());
    current = next.is_absolute() ? next.string() : (fs::path(current).parent_path() / next).string();
    if (current.rfind("/proc/", 0) == 0) through_proc = true;
  }
  fail_write(path, "expected a file or a chain of at most 40 symbolic links, found a longer chain or a loop");
}

// FIFOs and devices: opened and written as they are (appending, so that a regular file
// behind /dev/stdout keeps what the shell or the program wrote before).
void write_in_place(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) fail_write(path, std::string("cannot open for writing: ") + std::strerror(errno));
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      fail_write(path, std::string("write failed: ") + std::strerror(error));
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail_write(path, std::string("write failed: ") + std::strerror(errno));
}

}  // namespace

void require_not_directory(const std::string& path) {
  struct stat info;
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode))
    throw model::InputError({{"IO-0001", "", "expected a file, found a directory"}}, path);
}

std::string read_text_file(const std::string& path) {
  require_not_directory(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw model::InputError({{"IO-0001", "", std::string("cannot open for reading: ") + std::strerror(errno)}}, path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw model::InputError({{"IO-0001", "", "read error"}}, path);
  return buffer.str();
}

void write_text_file_atomically(const std::string& path, const std::string& content) {
  struct stat info;
  const bool exists = ::stat(path.c_str(), &info) == 0;  // follows links
  bool through_proc = false;
  const std::string target = link_target(path, through_proc);
  if (exists && (through_proc || (!S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)))) {
    write_in_place(path, content);
    return;
  }
  const std::string temporary = target + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) fail_write(path, std::string("cannot open for writing: ") + std::strerror(errno));
    out << content;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      fail_write(path, "write failed");
    }
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    fail_write(path, std::string("cannot write: ") + std::strerror(error));
  }
}

void write_files(const std::string& dir, const std::vector<std::pair<std::string, const std::string*>>& files,
                 std::ostream& out) {
  out << "written:";
  for (const auto& [name, text] : files) {
    const std::string path = dir + "/" + name;
    write_text_file_atomically(path, *text);
    out << " " << path;
  }
  out << "\n";
}

}  // namespace axomesh::flows
