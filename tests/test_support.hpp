// Helpers shared by the tests: where the data is, and running the CLI.
#pragma once

#include <string>
#include <vector>

#include "model/base/diagnostic.hpp"

namespace axomesh::test {

// Files ending in `suffix` in <shared>/vectors/<sub> and tests/data/<sub>, by file name;
// the shared copy wins when both exist.
std::vector<std::string> data_files(const std::string& sub, const std::string& suffix);
std::string read_file(const std::string& path);

struct CommandResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};
// Runs the axomesh executable with `arguments` (already shell-quoted where needed).
CommandResult run_cli(const std::string& arguments);

// A fresh empty folder under the system temporary folder.
std::string temporary_folder(const std::string& name);

// `text` with its first `from` replaced by `to`; the test fails if `from` is not in it.
std::string replaced(std::string text, const std::string& from, const std::string& to);

// The message of the model::InputError that `run` throws, or "no error".
template <class Run>
std::string input_error_message(Run&& run) {
  try {
    run();
  } catch (const model::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace axomesh::test
