// The mapper's refusals of networks a target cannot hold, one hand-made case each: the
// target's state or weight width (through `axomesh map` with a target file), a neuron
// larger than a core's synapse memory, and a given placement that overfills a core in each
// of its four capacities. A given placement of the wrong shape is the caller's mistake, an
// internal error rather than bad input.
#include <catch2/catch.hpp>

#include <fstream>
#include <stdexcept>

#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

const std::string kTargets = AXOMESH_TARGETS_DIR;

targets::Target tiny() { return flows::load_target(kTargets + "/tiny-2x2.json"); }

// `inputs` raster sources, each with one synapse onto neuron `post` of "out" (`size` neurons).
model::Network fan_in(uint32_t inputs, uint32_t size, uint32_t post) {
  model::Network net = test::one_layer(inputs, size, std::vector<std::vector<uint32_t>>(inputs));
  model::Projection p = test::sparse_projection("in_out", "in", "out");
  for (uint32_t i = 0; i < inputs; ++i) {
    p.pre_index.push_back(i);
    p.post_index.push_back(post);
    p.weights.push_back(1);
  }
  net.projections.push_back(p);
  return net;
}

std::string error_of_given(const model::Network& net, const targets::Target& target,
                           const std::vector<std::vector<uint32_t>>& cores) {
  return test::input_error_message([&] { mapper::map_given(net, target, cores); });
}

}  // namespace

TEST_CASE("axomesh map refuses a target whose state or weights are too narrow", "[mapper][errors][cli]") {
  const std::string dir = test::temporary_folder("mapper-error-ids");
  const std::string shipped = test::read_file(kTargets + "/tiny-2x2.json");
  const std::string network = std::string(AXOMESH_TEST_DATA) + "/networks/cosim-small.json";
  struct Case {
    const char* name;
    std::string from, to, expected;
  };
  const Case cases[] = {
      {"narrow-state", "\"state_bits\": 24", "\"state_bits\": 16",
       "target tiny-2x2 holds 16-bit neuron state; loihi_lif needs 24-bit u and v [MAP-0002]"},
      {"narrow-weights", "\"max_weight_bits\": 8", "\"max_weight_bits\": 6",
       "/projections/0/num_weight_bits: expected at most 6 (target tiny-2x2), found 8 [MAP-0003]"},
  };
  for (const Case& c : cases) {
    const std::string target = dir + "/" + c.name + ".json";
    std::ofstream(target) << test::replaced(shipped, c.from, c.to);
    const std::string out = dir + "/" + c.name;
    const auto r = test::run_cli("map " + network + " --target " + target + " --out " + out);
    INFO(c.name << "\n" << r.output);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("a neuron with more synapses than a core's memory holds is refused by name", "[mapper][errors]") {
  // 432 synapses of 19 bits = 8208 bits; a tiny-2x2 core holds 8192 (431 synapses).
  const model::Network net = fan_in(432, 1, 0);
  CHECK_THROWS_WITH(mapper::legalize(net, tiny()),
                    Catch::Contains("/populations/0: a neuron of \"out\" has 432 synapses (8208 bits); a core of "
                                    "tiny-2x2 holds 8192 bits (over by 16) [MAP-0101]"));
}

TEST_CASE("a given placement that overfills a core names the core, the capacity and the excess", "[mapper][errors]") {
  // 17 neurons on core 0: a core holds 16.
  CHECK_THAT(error_of_given(test::one_layer(1, 17, {{0}}), tiny(), {std::vector<uint32_t>(17, 0)}),
             Catch::Contains("core 0: neurons: needs 17, a core of tiny-2x2 has 16 (over by 1) [MAP-0201]"));
  // 65 sources into one neuron: an input axon each, a core has 64.
  CHECK_THAT(error_of_given(fan_in(65, 1, 0), tiny(), {{2}}),
             Catch::Contains("core 2: input axons: needs 65, a core of tiny-2x2 has 64 (over by 1) [MAP-0202]"));
  // 30 sources onto 16 neurons, all to all: 480 synapses of 19 bits, a core holds 8192 bits.
  model::Network dense = test::one_layer(30, 16, std::vector<std::vector<uint32_t>>(30));
  model::Projection all = test::sparse_projection("all", "in", "out");
  for (uint32_t i = 0; i < 30; ++i)
    for (uint32_t j = 0; j < 16; ++j) {
      all.pre_index.push_back(i);
      all.post_index.push_back(j);
      all.weights.push_back(1);
    }
  dense.projections.push_back(all);
  CHECK_THAT(error_of_given(dense, tiny(), {std::vector<uint32_t>(16, 1)}),
             Catch::Contains("core 1: synapse memory bits: needs 9120, a core of tiny-2x2 has 8192 (over by 928) "
                             "[MAP-0203]"));
  // Three neurons on core 0 each reach core 3: three fan-out entries where the target allows two.
  model::Network relay = test::one_layer(1, 4, {{0}});
  model::Projection onward = test::sparse_projection("onward", "out", "out");
  for (uint32_t i = 0; i < 3; ++i) {
    onward.pre_index.push_back(i);
    onward.post_index.push_back(3);
    onward.weights.push_back(1);
  }
  relay.projections.push_back(onward);
  targets::Target two_entries = tiny();
  two_entries.core.fanout_entries = 2;
  CHECK_THAT(error_of_given(relay, two_entries, {{0, 0, 0, 3}}),
             Catch::Contains("core 0: fan-out entries: needs 3, a core of tiny-2x2 has 2 (over by 1) [MAP-0204]"));
}

TEST_CASE("a given placement of the wrong shape is an internal error, not bad input", "[mapper][errors]") {
  const model::Network net = test::one_layer(1, 3, {{0}});
  // One core too few for the population's neurons; a core the target does not have.
  CHECK_THROWS_AS(mapper::map_given(net, tiny(), {{0, 0}}), std::logic_error);
  CHECK_THROWS_AS(mapper::map_given(net, tiny(), {{0, 0, 4}}), std::logic_error);
  CHECK_THROWS_WITH(mapper::map_given(net, tiny(), {{0, 0, 4}}),
                    Catch::Contains("neuron 2 of \"out\" is placed on core 4; target tiny-2x2 has 4 cores"));
  CHECK_NOTHROW(mapper::map_given(net, tiny(), {{0, 0, 3}}));
}
