// Helpers shared by the tests: where the data is, and running the CLI.
#pragma once

#include <string>
#include <vector>

namespace spikeforge::test {

// Files ending in `suffix` in <shared>/vectors/<sub> and tests/data/<sub>, by file name;
// the shared copy wins when both exist.
std::vector<std::string> data_files(const std::string& sub, const std::string& suffix);
std::string read_file(const std::string& path);

struct CommandResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};
// Runs the spikeforge executable with `arguments` (already shell-quoted where needed).
CommandResult run_cli(const std::string& arguments);

// A fresh empty folder under the system temporary folder.
std::string temporary_folder(const std::string& name);

}  // namespace spikeforge::test
