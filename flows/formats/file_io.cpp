#include "flows/formats/file_io.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sys/stat.h>
#include <unistd.h>

#include "model/base/diagnostic.hpp"

namespace axomesh::flows {

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
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot open for writing: " + std::strerror(errno) + " [IO-0002]");
    out << content;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      throw std::runtime_error(path + ": write failed [IO-0002]");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    throw std::runtime_error(path + ": cannot write: " + std::strerror(error) + " [IO-0002]");
  }
}

void write_files(const std::string& dir, std::initializer_list<std::pair<const char*, const std::string*>> files,
                 std::ostream& out) {
  out << "written:";
  for (const auto& [name, text] : files) {
    const std::string path = dir + "/" + name;
    write_text_file_atomically(path, *text);
    out << " " << path;
  }
  out << "\n";
}

void write_files(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files,
                 std::ostream& out) {
  out << "written:";
  for (const auto& [name, text] : files) {
    const std::string path = dir + "/" + name;
    write_text_file_atomically(path, text);
    out << " " << path;
  }
  out << "\n";
}

}  // namespace axomesh::flows
