// Errors of the command line and of the JSON readers, each through the CLI as a user meets
// it: exit code 2 and the message ending in the error's ID.
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "nir_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

const std::string kNetwork = std::string(AXOMESH_TEST_DATA) + "/networks/cosim-small.json";

std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = test::temporary_folder("error_ids_cli") + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// Runs the CLI and checks that it refuses with `id`.
void check_refused(const std::string& arguments, const std::string& id) {
  const test::CommandResult r = test::run_cli(arguments);
  INFO("axomesh " << arguments << "\n" << r.output);
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("[" + id + "]") != std::string::npos);
}

}  // namespace

TEST_CASE("Bad options are refused with their IDs", "[cli][error_ids]") {
  check_refused("simulate " + kNetwork + " -n 5 --probe exc:colour", "CLI-0001");
  check_refused("simulate " + kNetwork + " -n 5 --format xml", "CLI-0002");
  const std::string values = write_file("values.csv", "0.5,1\n");
  check_refused("encode " + values + " --scheme rate --steps 4 --name 'bad name' --out " + values + ".json", "ENC-0105");
  check_refused("cosim " + test::temporary_folder("error_ids_cli_cosim") + " --systemc-core 0", "COS-0003");
  check_refused("import " + test::nir_test_file("lif_norse.nir") + " --target truenorth", "NIR-0202");
}

TEST_CASE("JSON syntax errors and duplicate keys carry their format's ID", "[cli][error_ids]") {
  check_refused("validate " + write_file("broken.json", "{\"format\": "), "NET-0001");
  const std::string flow_head = R"({"format": "axomesh-flow", "version": 1, "network": "n.json", "target": "loihi2", )";
  check_refused("flow " + write_file("broken_flow.json", flow_head), "FLOW-0001");
  check_refused("flow " + write_file("twice_flow.json", flow_head + R"("out": "a", "out": "b", "stages": {"map": {}}})"),
                "FLOW-0006");
}
