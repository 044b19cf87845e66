#include "cosim/program_run.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

extern char** environ;

namespace axomesh::cosim {

int run_program(const std::vector<std::string>& argv, const std::string& log, const std::string& dir) {
  if (argv.empty()) return -1;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string log_tail(const std::string& log, std::size_t lines) {
  std::ifstream in(log, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  // `start` is the newline before the tail; a final newline ends the last line, it does
  // not start one more.
  std::size_t start = text.size();
  if (start > 0 && text[start - 1] == '\n') --start;
  for (std::size_t n = 0; n < lines; ++n) {
    if (start == 0) return text;
    start = text.rfind('\n', start - 1);
    if (start == std::string::npos) return text;  // fewer lines than asked for: all of them
  }
  return text.substr(start + 1);
}

}  // namespace axomesh::cosim
