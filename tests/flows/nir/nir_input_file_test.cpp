// A NIR model's --input spike file: every error in it is NIR-0301 (a JSON reader of its own
// would give NIR-0001..0006, which the HDF5 errors already mean), named once, with the
// file and the place in it.
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "nir_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// The CLI's output importing if_threshold.nir (one input of 8 elements) with `spikes` as
// its --input file.
test::CommandResult import_with_input(const std::string& name, const std::string& spikes) {
  const std::string dir = test::temporary_folder("nir_input_file");
  const std::string input = dir + "/" + name;
  std::ofstream(input) << spikes;
  return test::run_cli("import " + test::nir_test_file("if_threshold.nir") + " --target loihi2 --dt 1e-3 -n 20 --input " +
                       input + " --out " + dir + "/net.json");
}

}  // namespace

TEST_CASE("A bad NIR --input file names NIR-0301 once, never with the prefix doubled", "[flows][nir][cli]") {
  const auto ok = import_with_input("ok.json", "[[1, 5], [], [2], [], [], [], [], [3, 4]]");
  INFO(ok.output);
  REQUIRE(ok.exit_code == 0);

  // Seven lists for eight elements; a step that does not ascend.
  const auto short_list = import_with_input("short.json", "[[1], [], [], [], [], [], []]");
  INFO(short_list.output);
  CHECK(short_list.exit_code == 2);
  CHECK(short_list.output.find("short.json: /: expected 8 spike lists (one per element of input \"input\"), found 7 "
                               "[NIR-0301]") != std::string::npos);
  CHECK(count_of(short_list.output, "NIR-0301") == 1);
  CHECK(short_list.output.find("NIR-NIR") == std::string::npos);

  const auto descending = import_with_input("descending.json", "[[5, 2], [], [], [], [], [], [], []]");
  INFO(descending.output);
  CHECK(descending.exit_code == 2);
  CHECK(descending.output.find("descending.json: /0/1: expected strictly ascending steps, found 2 after 5 [NIR-0301]") !=
        std::string::npos);
  CHECK(count_of(descending.output, "NIR-0301") == 1);

  // The reader's shared checks carry the file's one ID too, not NIR-0001 (not an HDF5 file)
  // or NIR-0002 (an HDF5 dataset missing).
  const auto syntax = import_with_input("syntax.json", "[[1], ");
  INFO(syntax.output);
  CHECK(syntax.exit_code == 2);
  CHECK(syntax.output.find("syntax.json: line 1, column 7: expected valid JSON") != std::string::npos);
  CHECK(count_of(syntax.output, "[NIR-0301]") == 1);
  CHECK(syntax.output.find("NIR-0001") == std::string::npos);

  const auto wrong_type = import_with_input("type.json", "[[\"one\"], [], [], [], [], [], [], []]");
  INFO(wrong_type.output);
  CHECK(wrong_type.exit_code == 2);
  CHECK(wrong_type.output.find("type.json: /0/0: expected ") != std::string::npos);
  CHECK(count_of(wrong_type.output, "[NIR-0301]") == 1);
  CHECK(wrong_type.output.find("NIR-0002") == std::string::npos);
}
