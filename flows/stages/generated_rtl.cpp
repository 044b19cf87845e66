#include "flows/stages/generated_rtl.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/base/diagnostic.hpp"

namespace axomesh::flows {
namespace fs = std::filesystem;
namespace {

std::string trimmed(const std::string& line) {
  const std::size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

GeneratedRtl read_generated_rtl(const std::string& rtl_out) {
  const fs::path folder = rtl_out;
  GeneratedRtl rtl;
  rtl.file_list = (folder / (std::string(rtl_gen::kChipTop) + ".f")).string();
  std::ifstream in(rtl.file_list, std::ios::binary);
  if (!in)
    throw model::InputError({{"FLOW-0013", "",
                              "expected the RTL written by `axomesh rtl` (" + fs::path(rtl.file_list).filename().string() +
                                  "), found no such file; run `axomesh rtl` (the rtl stage) first"}},
                            rtl_out);
  std::ostringstream list_text;
  list_text << in.rdbuf();
  std::istringstream lines(list_text.str());
  uint32_t number = 0;
  for (std::string raw; std::getline(lines, raw);) {
    ++number;
    const std::string line = trimmed(raw);
    if (line.empty() || line.rfind("//", 0) == 0 || line[0] == '-' || line[0] == '+') continue;
    const auto fail = [&](const std::string& message) {
      throw model::InputError({{"FLOW-0015", "line " + std::to_string(number), message}}, rtl.file_list);
    };
    // The files are copied beside the list to be compiled: each must be inside the folder.
    const fs::path relative = fs::path(line).lexically_normal();
    if (relative.is_absolute() || relative.empty() || *relative.begin() == "..")
      fail("expected a file inside " + rtl_out + ", relative to the list, found \"" + line + "\"");
    std::error_code error;
    if (fs::is_directory(folder / relative, error))
      fail("expected the file " + (folder / relative).string() + ", found a directory");
    std::ifstream source(folder / relative, std::ios::binary);
    if (!source) fail("expected the file " + (folder / relative).string() + ", found no such file");
    std::ostringstream text;
    text << source.rdbuf();
    rtl.sources.push_back(relative.generic_string());
    rtl.files.push_back({relative.generic_string(), text.str()});
  }
  rtl.files.push_back({fs::path(rtl.file_list).filename().string(), list_text.str()});
  return rtl;
}

}  // namespace axomesh::flows
