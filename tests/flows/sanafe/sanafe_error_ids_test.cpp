// Every error of the SANA-FE readers and run, one hand-made bad file each: the reader
// must refuse it with that error's ID and name the file (docs/errors.md lists the IDs).
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "flows/sanafe/sanafe_arch.hpp"
#include "flows/sanafe/sanafe_network.hpp"
#include "flows/sanafe/sanafe_run.hpp"
#include "model/base/diagnostic.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

std::string write_yaml(const std::string& name, const std::string& text) {
  static const std::string dir = test::temporary_folder("sanafe_error_ids");  // made empty once
  const std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// One tile row of two tiles with two cores each, a LIF soma unit "lif".
const std::string kArch = R"(architecture:
  name: tiny
  attributes: {topology: mesh, width: 2, height: 1, sync_model: fixed, latency_sync: 1.0e-6}
  tile:
    - name: t[0..1]
      core:
        - name: c[0..1]
          synapse: [{name: syn, attributes: {model: current_based}}]
          soma: [{name: lif, attributes: {model: leaky_integrate_fire}}]
          axon_out: [{name: aout}]
)";

// Group a of 4 neurons, group b of 2; an edge a -> b; a mapping of every neuron.
const std::string kNetwork = R"(network:
  name: hand
  groups:
  - name: a
    attributes: {soma_hw_name: lif, threshold: 10, reset: 0}
    neurons:
    - 0..3: {}
  - name: b
    attributes: {soma_hw_name: lif, threshold: 10, reset: 0}
    neurons:
    - 0..1: {}
  edges:
  - a -> b: {type: dense, weight: [1, 1, 1, 1, 1, 1, 1, 1]}
mappings:
- {a.0..3: {core: '0.0'}}
- {b.0..1: {core: '1.1'}}
)";

std::string network_with(const std::string& from, const std::string& to) { return test::replaced(kNetwork, from, to); }
std::string arch_with(const std::string& from, const std::string& to) { return test::replaced(kArch, from, to); }

// The one diagnostic reading `text` gives, as "FILE: ... [ID]", or "no error".
template <class Read>
std::string error_of(Read read, const std::string& file, const std::string& text) {
  const std::string path = write_yaml(file, text);
  try {
    read(path);
  } catch (const model::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.file() == path);
    return e.what();
  }
  return "no error";
}

struct Case {
  const char* id;
  std::string text;
};

}  // namespace

TEST_CASE("The hand-made SANA-FE files of these cases are good", "[sanafe][error_ids]") {
  CHECK(error_of([](const std::string& p) { flows::read_sanafe_network(p); }, "net.yaml", kNetwork) == "no error");
  CHECK(error_of([](const std::string& p) { flows::read_sanafe_architecture(p); }, "arch.yaml", kArch) == "no error");
  const std::string arch = write_yaml("arch.yaml", kArch);
  const std::string net = write_yaml("net.yaml", kNetwork);
  CHECK_NOTHROW(flows::run_sanafe(arch, net, {}));
}

TEST_CASE("Each error of a SANA-FE network file carries its ID", "[sanafe][error_ids]") {
  const std::string group_a = "  - name: a\n    attributes: {soma_hw_name: lif, threshold: 10, reset: 0}\n    neurons:\n    - 0..3: {}\n";
  const std::vector<Case> cases = {
      {"SFE-0001", "network:\n  name: [hand\n"},
      {"SFE-0002", network_with("threshold: 10, reset: 0}\n    neurons:\n    - 0..1", "threshold: &t 10, reset: *t}\n    neurons:\n    - 0..1")},
      {"SFE-0004", network_with("- 0..1: {}", "- [0, 1]: {}")},
      {"SFE-0005", network_with("weight: [1, 1, 1, 1, 1, 1, 1, 1]", "weight: [1, 1, one, 1, 1, 1, 1, 1]")},
      {"SFE-0101", kNetwork + "extra: 1\n"},
      {"SFE-0102", "mappings:\n- {a.0: {core: '0.0'}}\nnetwork:\n  name: hand\n"},
      {"SFE-0103", "{}\n"},
      {"SFE-0104", "network:\n  name: hand\n  edges:\n  - a -> b: {weight: 1}\n"},
      {"SFE-0105", network_with("  name: hand\n", "  name: hand\n  size: 3\n")},
      {"SFE-0106", network_with("  - name: b\n", "  - name: a\n")},
      {"SFE-0107", network_with(group_a, "  - name: a\n    neurons:\n    - 0..3: {}\n    attributes: {threshold: 10}\n")},
      {"SFE-0108", network_with("    neurons:\n    - 0..3: {}\n", "    size: 4\n    neurons:\n    - 0..3: {}\n")},
      {"SFE-0109", network_with("  - name: b\n    attributes", "  - attributes")},
      {"SFE-0110", network_with("    neurons:\n    - 0..1: {}\n", "    neurons: []\n")},
      {"SFE-0111", network_with("- 0..3: {}", "- 0..1: {}\n    - 3: {}")},
      {"SFE-0112", network_with("- 0..3: {}", "- 0..x: {}")},
      {"SFE-0113", network_with("- 0..3: {}", "- 0..3: {}\n    - 2: {}")},
      {"SFE-0201", network_with("attributes: {soma_hw_name: lif, threshold: 10, reset: 0}\n    neurons:\n    - 0..3",
                                "attributes: 5\n    neurons:\n    - 0..3")},
      {"SFE-0202", network_with("threshold: 10", "threshold: ten")},
      {"SFE-0206", network_with("threshold: 10", "threshold: 200000")},
      // 100.015625 * 64 = 6401: odd and above 4095, so no mantissa << exponent holds it.
      {"SFE-0207", network_with("- 0..3: {}", "- 0..3: {bias: 100.015625}")},
      {"SFE-0301", network_with("- {a.0..3: {core: '0.0'}}", "- 5")},
      {"SFE-0302", network_with("- {b.0..1: {core: '1.1'}}", "- {c.0: {core: '1.1'}}")},
      {"SFE-0303", network_with("- {b.0..1: {core: '1.1'}}", "- {b.0..2: {core: '1.1'}}")},
      {"SFE-0304", network_with("- {b.0..1: {core: '1.1'}}", "- {b.0..1: {tile: '1'}}")},
      {"SFE-0401", network_with("- a -> b:", "- a -> c:")},
      {"SFE-0402", network_with("- a -> b: {type: dense, weight: [1, 1, 1, 1, 1, 1, 1, 1]}", "- a.4 -> b.0: {weight: 1}")},
      {"SFE-0403", network_with("- a -> b:", "- a to b:")},
      {"SFE-0404", network_with("- a -> b:", "- a -> b.0:")},
      {"SFE-0405", network_with("{type: dense,", "{type: conv2d, input_width: 0,")},
      {"SFE-0407", network_with("{type: dense,", "{type: dense, colour: red,")},
      {"SFE-0408", network_with("{type: dense, weight: [1, 1, 1, 1, 1, 1, 1, 1]}", "{type: dense}")},
      {"SFE-0409", network_with("- a -> b: {type: dense, weight: [1, 1, 1, 1, 1, 1, 1, 1]}", "- a.0 -> b.0: {weight: [1, 2]}")},
      {"SFE-0410", network_with("{type: dense,", "{type: conv2d, input_width: 2, input_height: 2, kernel_width: 3, kernel_height: 3,")},
      {"SFE-0412", network_with("weight: [1, 1, 1, 1, 1, 1, 1, 1]", "weight: [1, 1, 1]")},
  };
  for (const Case& c : cases) {
    INFO(c.id << " from\n" << c.text);
    const std::string e = error_of([](const std::string& p) { flows::read_sanafe_network(p); }, "net.yaml", c.text);
    INFO(e);
    CHECK(e.find("net.yaml") != std::string::npos);
    CHECK(e.find(std::string("[") + c.id + "]") != std::string::npos);
  }
}

TEST_CASE("A conv2d edge of more than 2^32 synapses is refused before it is expanded", "[sanafe][error_ids]") {
  // 286 x 286 x 4 inputs, 4 kernels of 79 x 79 x 4: 99,856 weights at each of 208 x 208
  // output positions, 4,320,169,984 synapses; both groups stay small enough to read.
  std::string weights;
  for (int w = 0; w < 79 * 79 * 4 * 4; ++w) weights += w ? ", 1" : "1";
  const std::string text = R"(network:
  name: wide
  groups:
  - name: a
    attributes: {soma_hw_name: lif, threshold: 10, reset: 0}
    neurons:
    - 0..327183: {}
  - name: b
    attributes: {soma_hw_name: lif, threshold: 10, reset: 0}
    neurons:
    - 0..173055: {}
  edges:
  - a -> b: {type: conv2d, input_width: 286, input_height: 286, input_channels: 4, kernel_width: 79,
             kernel_height: 79, kernel_count: 4, weight: [)" + weights + "]}\n";
  const std::string e = error_of([](const std::string& p) { flows::read_sanafe_network(p); }, "wide.yaml", text);
  CHECK_THAT(e, Catch::Contains("wide.yaml") && Catch::Contains("line 13") &&
                    Catch::EndsWith("conv2d edge a -> b: expected at most 4294967296 synapses, found 99856 weights x "
                                    "43264 output positions [SFE-0414]"));
}

TEST_CASE("Each error of a SANA-FE architecture file carries its ID", "[sanafe][error_ids]") {
  const std::vector<Case> cases = {
      {"SFA-0001", "architecture:\n  name: [tiny\n"},
      {"SFA-0002", arch_with("width: 2, height: 1", "width: &w 2, height: *w")},
      {"SFA-0003", ""},
      {"SFA-0004", arch_with("name: tiny", "[name]: tiny")},
      {"SFA-0102", arch_with("width: 2", "width: -2")},
      {"SFA-0103", arch_with("synapse: [{name: syn, attributes: {model: current_based}}]",
                             "synapse: {name: syn, attributes: {model: current_based}}")},
      {"SFA-0104", arch_with("axon_out: [{name: aout}]", "axon_out: [{name: syn}]")},
      {"SFA-0108", arch_with("t[0..1]", "t[0..2]")},
      {"SFA-0109", arch_with("c[0..1]", "c[0..64]")},
      {"SFA-0110", arch_with("          axon_out: [{name: aout}]\n", "")},
  };
  for (const Case& c : cases) {
    INFO(c.id << " from\n" << c.text);
    const std::string e = error_of([](const std::string& p) { flows::read_sanafe_architecture(p); }, "arch.yaml", c.text);
    INFO(e);
    CHECK(e.find("arch.yaml") != std::string::npos);
    CHECK(e.find(std::string("[") + c.id + "]") != std::string::npos);
  }
}

TEST_CASE("A SANA-FE run refuses a network the architecture cannot run, with the ID", "[sanafe][error_ids]") {
  auto run_error = [](const std::string& arch_text, const std::string& net_text, flows::SanafeRunOptions options = {}) {
    const std::string arch = write_yaml("arch.yaml", arch_text);
    const std::string net = write_yaml("net.yaml", net_text);
    return test::input_error_message([&] { flows::run_sanafe(arch, net, options); });
  };
  // A soma unit the architecture does not have; two different LIF units.
  CHECK_THAT(run_error(kArch, network_with("soma_hw_name: lif, threshold", "soma_hw_name: foo, threshold")),
             Catch::Contains("\"foo\"") && Catch::Contains("[SFE-0501]"));
  const std::string two_lif = arch_with("soma: [{name: lif, attributes: {model: leaky_integrate_fire}}]",
                                        "soma: [{name: lif, attributes: {model: leaky_integrate_fire}}, "
                                        "{name: lif2, attributes: {model: leaky_integrate_fire}}]");
  CHECK_THAT(run_error(two_lif, network_with("soma_hw_name: lif, threshold", "soma_hw_name: lif2, threshold")),
             Catch::Contains("[SFE-0502]"));
  // No group names a soma unit and the architecture's only soma is not a LIF.
  std::string anonymous = network_with("soma_hw_name: lif, threshold", "threshold");
  anonymous = test::replaced(anonymous, "soma_hw_name: lif, threshold", "threshold");
  CHECK_THAT(run_error(arch_with("model: leaky_integrate_fire", "model: truenorth"), anonymous),
             Catch::Contains("[SFA-0201]"));
  // The given placement needs the network's mappings.
  const std::string unmapped = kNetwork.substr(0, kNetwork.find("mappings:"));
  flows::SanafeRunOptions given;
  given.placement = flows::SanafePlacement::Given;
  CHECK_THAT(run_error(kArch, unmapped, given), Catch::Contains("[SFE-0504]"));
}
