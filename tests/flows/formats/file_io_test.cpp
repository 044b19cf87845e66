// Reading and writing the user's paths: a directory given as an input file is named as
// one, and outputs written onto special files keep them: a FIFO is written in place, a
// symbolic link's target gets the content (the link stays), and `simulate -o -` writes
// the trace alone to standard output. JSON needs no nesting bound of ours.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "flows/formats/file_io.hpp"
#include "flows/formats/network_json.hpp"
#include "test_support.hpp"

using namespace axomesh;
namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// 20,000 neurons with v probed: a trace of several hundred KB, more than a pipe holds.
std::string chatty() { return std::string(AXOMESH_TEST_DATA) + "/reproducers/chatty.json"; }

// The trace of chatty.json over 3 steps, as `simulate` writes it.
void check_chatty_trace(const std::string& text) {
  const nlohmann::json trace = nlohmann::json::parse(text);
  CHECK(trace.at("format") == "axomesh-trace");
  CHECK(trace.at("network") == "chatty");
  CHECK(trace.at("steps") == 3);
}

}  // namespace

TEST_CASE("A directory given as a network file is named as a directory", "[flows][io]") {
  const std::string dir = test::temporary_folder("file_io_directory");
  CHECK(test::input_error_message([&] { flows::read_text_file(dir); }) ==
        dir + ": expected a file, found a directory [IO-0001]");
  for (const std::string& command : {"validate " + dir, "simulate " + dir + " -n 1", "map " + dir + " --target tiny-2x2 --out " + dir + "/m"}) {
    INFO(command);
    const test::CommandResult r = test::run_cli(command);
    CHECK(r.exit_code == 2);
    CHECK(has(r.output, "error: " + dir + ": expected a file, found a directory [IO-0001]"));
    CHECK_FALSE(has(r.output, "end of input"));
  }
}

TEST_CASE("simulate -o onto a FIFO writes into it and keeps it a FIFO", "[flows][io]") {
  const std::string dir = test::temporary_folder("file_io_fifo");
  const std::string fifo = dir + "/trace.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // A second name of the same FIFO: if the write replaced the path, the reader would wait
  // for a writer for ever; opening this name for writing releases it.
  const std::string keep = dir + "/keep.fifo";
  REQUIRE(::link(fifo.c_str(), keep.c_str()) == 0);
  std::string received;
  std::thread reader([&] {
    const int fd = ::open(fifo.c_str(), O_RDONLY);
    if (fd < 0) return;
    char buffer[65536];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) received.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
  });
  const test::CommandResult r = test::run_cli("simulate " + chatty() + " -n 3 -o " + fifo);
  const int release = ::open(keep.c_str(), O_WRONLY | O_NONBLOCK);
  if (release >= 0) ::close(release);
  reader.join();
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(fs::is_fifo(fifo));
  REQUIRE(received.size() > 65536);
  check_chatty_trace(received);
}

TEST_CASE("simulate -o onto a symbolic link writes its target and keeps the link", "[flows][io]") {
  const std::string dir = test::temporary_folder("file_io_symlink");
  fs::create_directory(dir + "/real");
  std::ofstream(dir + "/real/trace.json") << "old";
  fs::create_symlink("real/trace.json", dir + "/link.json");  // relative: resolved from the link's folder
  fs::create_symlink(dir + "/real/new.json", dir + "/dangling.json");
  for (const char* name : {"link.json", "dangling.json"}) {
    INFO(name);
    const test::CommandResult r = test::run_cli("simulate " + chatty() + " -n 3 -o " + dir + "/" + name);
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(fs::is_symlink(dir + "/" + name));
  }
  CHECK(fs::read_symlink(dir + "/link.json") == "real/trace.json");
  check_chatty_trace(test::read_file(dir + "/real/trace.json"));
  check_chatty_trace(test::read_file(dir + "/real/new.json"));
  // No temporary file is left beside the link or the target.
  std::size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(dir + "/real")) entries += entry.path().extension() == ".json";
  CHECK(entries == 2);
}

TEST_CASE("simulate -o - writes the trace alone to standard output", "[flows][io]") {
  const std::string dir = test::temporary_folder("file_io_stdout");
  const std::string captured = dir + "/stdout.json";
  const std::string log = dir + "/stderr.txt";
  // Not run_cli: it gathers both streams, and here they must stay apart.
  const std::string command =
      std::string(AXOMESH_CLI) + " simulate " + chatty() + " -n 3 -o - >" + captured + " 2>" + log;
  const int status = std::system(command.c_str());
  INFO(test::read_file(log));
  CHECK(status == 0);
  CHECK(has(test::read_file(log), "trace written to standard output"));
  check_chatty_trace(test::read_file(captured));
  CHECK(has(test::run_cli("simulate --help").output, "- writes the trace to standard output"));
}

TEST_CASE("JSON nested 100,000 levels deep fails as a wrong type, without recursion", "[flows][io]") {
  // nlohmann's parser and destructor keep their own stack, so no bound of ours is needed.
  const std::size_t depth = 100000;
  const std::string text = R"({"format": "axomesh-network", "version": 1, "populations": )" + std::string(depth, '[') +
                           std::string(depth, ']') + "}";
  CHECK(test::input_error_message([&] { flows::network_from_json_text(text, "deep.json"); }) ==
        "deep.json: /populations/0: expected an object, found an array of 1 elements [NET-0002]");
}
