// The mapper and truenorth populations: a target without the model refuses them by name
// (MAP-0001); the TrueNorth target maps them onto truenorth cores; loihi_lif networks map
// as before.
#include <catch2/catch.hpp>

#include <string>

#include "flows/formats/target_json.hpp"
#include "mapper/legalize.hpp"
#include "model/base/diagnostic.hpp"
#include "network_builders.hpp"

using namespace axomesh;

namespace {

model::Network truenorth_network() {
  model::Network net = test::one_layer(2, 3, {{0}, {1}});
  net.populations[0] = model::Population{};
  net.populations[0].name = "out";
  net.populations[0].size = 3;
  net.populations[0].model = model::NeuronModel::TrueNorth;
  model::Projection p = test::sparse_projection("in_to_out", "in", "out");
  p.pre_index = {0, 1};
  p.post_index = {2, 2};
  p.weights = {1, 1};
  net.projections.push_back(p);
  return net;
}

std::string legalize_error(const model::Network& net, const targets::Target& target) {
  try {
    mapper::legalize(net, target);
  } catch (const model::InputError& e) {
    return e.what();
  }
  return "no error";
}

targets::Target target(const std::string& name) {
  return flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/" + name + ".json");
}

}  // namespace

TEST_CASE("mapper: truenorth populations are refused by targets without them, by name", "[mapper][truenorth]") {
  const model::Network net = truenorth_network();
  for (const char* name : {"loihi1", "loihi2", "tiny-2x2"}) {
    INFO(name);
    const targets::Target t = target(name);
    REQUIRE_FALSE(t.supports("truenorth"));
    CHECK(legalize_error(net, t).find("/populations/0/model: target " + t.name +
                                      " has no truenorth neurons; population \"out\" needs them [MAP-0001]") !=
          std::string::npos);
  }
  const targets::Target tn = target("truenorth");
  REQUIRE(tn.supports("truenorth"));
  // One truenorth core of 3 neurons; the source feeds its axons directly.
  const mapper::AtomNetwork atoms = mapper::legalize(net, tn);
  REQUIRE(atoms.atoms.size() == 1);
  CHECK(atoms.atoms[0].alone);
  CHECK(atoms.atoms[0].size == 3);
  CHECK_FALSE(atoms.split_network);  // nothing to split
  // A loihi_lif network still legalizes on a Loihi target.
  CHECK_NOTHROW(mapper::legalize(test::one_layer(2, 3, {{0}, {1}}), target("loihi1")));
}
