// The YAML reader under hostile input: nesting beyond kMaxYamlDepth fails with a located
// error instead of recursing until the stack overflows (the 40,000-level files of
// tests/data/reproducers crashed the reader), and a directory given as a file is named.
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "flows/sanafe/sanafe_arch.hpp"
#include "flows/sanafe/sanafe_network.hpp"
#include "flows/sanafe/yaml_stream.hpp"
#include "model/base/diagnostic.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string reproducer(const std::string& name) { return std::string(AXOMESH_TEST_DATA) + "/reproducers/" + name; }

// A list nested `depth` levels deep around one scalar, on one line.
std::string nested_list_file(std::size_t depth) {
  const std::string path = test::temporary_folder("yaml_stream") + "/nested_" + std::to_string(depth) + ".yaml";
  std::ofstream(path) << std::string(depth, '[') << "1" << std::string(depth, ']') << "\n";
  return path;
}

// The smallest architecture the SANA-FE reader accepts, so that the network is read next.
const char* kArch = R"(architecture:
  name: one
  attributes: {topology: mesh, width: 1, height: 1, link_buffer_size: 4, sync_model: fixed, latency_sync: 1.0e-6}
  tile:
    - name: t0
      attributes: {energy_east_hop: 0.0, latency_east_hop: 0.0, energy_west_hop: 0.0, latency_west_hop: 0.0,
                   energy_north_hop: 0.0, latency_north_hop: 0.0, energy_south_hop: 0.0, latency_south_hop: 0.0}
      core:
        - name: c0
          attributes: {max_neurons_supported: 8}
          axon_in: [{name: ain, attributes: {energy_message_in: 0.0, latency_message_in: 0.0}}]
          synapse: [{name: syn, attributes: {model: current_based, energy_process_spike: 0.0, latency_process_spike: 0.0}}]
          dendrite: [{name: den, attributes: {model: accumulator}}]
          soma: [{name: lif, attributes: {model: leaky_integrate_fire, energy_access_neuron: 0.0, latency_access_neuron: 0.0,
                  energy_update_neuron: 0.0, latency_update_neuron: 0.0, energy_spike_out: 0.0, latency_spike_out: 0.0}}]
          axon_out: [{name: aout, attributes: {energy_message_out: 0.0, latency_message_out: 0.0}}]
)";

}  // namespace

TEST_CASE("YAML nested up to kMaxYamlDepth levels is read, one level more fails at its line", "[sanafe][yaml]") {
  flows::YamlStream deepest(nested_list_file(flows::kMaxYamlDepth), "SFE");
  flows::YamlNode node = deepest.read_node();
  for (std::size_t level = 1; level < flows::kMaxYamlDepth; ++level) {
    REQUIRE(node.is_seq());
    REQUIRE(node.seq.size() == 1);
    node = flows::YamlNode(node.seq[0]);
  }
  REQUIRE(node.seq.size() == 1);
  CHECK(node.seq[0].scalar == "1");

  const std::string too_deep = nested_list_file(flows::kMaxYamlDepth + 1);
  const std::string message = test::input_error_message([&] { flows::YamlStream(too_deep, "SFA").read_node(); });
  CHECK(message == too_deep + ": line 1: expected mappings and lists nested at most 64 levels deep, found deeper nesting [SFA-0006]");
  // skip() walks without recursing, but meets the same bound.
  CHECK(has(test::input_error_message([&] { flows::YamlStream(too_deep, "SFE").skip(); }), "[SFE-0006]"));
}

TEST_CASE("SANA-FE files nested 40,000 levels deep fail with a located error, not a crash", "[sanafe][yaml]") {
  const std::string dir = test::temporary_folder("yaml_stream_cli");
  const std::string arch = dir + "/arch.yaml";
  std::ofstream(arch) << kArch;

  const test::CommandResult nested_arch = test::run_cli("sanafe " + reproducer("sanafe_arch_nested_40000.yaml") + " " +
                                                        reproducer("sanafe_net_nested_40000.yaml"));
  CHECK(nested_arch.exit_code == 2);
  CHECK(has(nested_arch.output, "sanafe_arch_nested_40000.yaml: line 1: expected mappings and lists nested at most 64"));
  CHECK(has(nested_arch.output, "[SFA-0006]"));

  const test::CommandResult nested_net =
      test::run_cli("sanafe " + arch + " " + reproducer("sanafe_net_nested_40000.yaml"));
  CHECK(nested_net.exit_code == 2);
  CHECK(has(nested_net.output, "sanafe_net_nested_40000.yaml: line 2: expected mappings and lists nested at most 64"));
  CHECK(has(nested_net.output, "[SFE-0006]"));
}

TEST_CASE("A directory given as a SANA-FE file is named as a directory", "[sanafe][yaml]") {
  const std::string dir = test::temporary_folder("yaml_stream_directory");
  const std::string arch = dir + "/arch.yaml";
  std::ofstream(arch) << kArch;
  CHECK(test::input_error_message([&] { flows::read_sanafe_network(dir); }) ==
        dir + ": expected a file, found a directory [IO-0001]");
  const test::CommandResult as_network = test::run_cli("sanafe " + arch + " " + dir);
  CHECK(as_network.exit_code == 2);
  CHECK(has(as_network.output, "error: " + dir + ": expected a file, found a directory [IO-0001]"));
  const test::CommandResult as_arch = test::run_cli("sanafe " + dir + " " + arch);
  CHECK(as_arch.exit_code == 2);
  CHECK(has(as_arch.output, "[IO-0001]"));
}
