// Reading the user's paths: a directory given as an input file is named as one.
#include <string>

#include <catch2/catch.hpp>

#include "flows/formats/file_io.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

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
