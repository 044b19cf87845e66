#include "test_support.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/wait.h>

#include <catch2/catch.hpp>

namespace fs = std::filesystem;

namespace axomesh::test {

std::vector<std::string> data_files(const std::string& sub, const std::string& suffix) {
  std::map<std::string, std::string> by_name;
  for (const std::string& root : {std::string(AXOMESH_TEST_DATA), std::string(AXOMESH_SHARED_DIR) + "/vectors"}) {
    const fs::path dir = fs::path(root) / sub;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        by_name[name] = entry.path().string();
    }
  }
  std::vector<std::string> files;
  for (const auto& [name, path] : by_name) files.push_back(path);
  return files;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CommandResult run_cli(const std::string& arguments) {
  const std::string command = std::string(AXOMESH_CLI) + " " + arguments + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::string output;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string temporary_folder(const std::string& name) {
  // Under the build folder, so that two builds' test runs never share a folder.
  const fs::path dir = fs::path(AXOMESH_TEST_SCRATCH) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace axomesh::test
