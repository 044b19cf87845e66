// Plastic synapses on the chip: ChipSim running the mapped image of networks with STDP and
// reward-modulated STDP spikes like NetworkSim at every step and ends with the same
// learned weights and the same number of synaptic updates.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "flows/formats/chip_image_json.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/encode.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/base/diagnostic.hpp"
#include "model/sim/network_sim.hpp"

using namespace axomesh;

namespace {

model::LearningRule random_rule(std::mt19937_64& rng, model::LearningKind kind, const std::string& reward) {
  auto pick = [&](int32_t lo, int32_t hi) { return std::uniform_int_distribution<int32_t>(lo, hi)(rng); };
  model::LearningRule r;
  r.kind = kind;
  r.pre_impulse = pick(10, 127);
  r.pre_decay = pick(200, 3000);
  r.post_impulse = pick(10, 127);
  r.post_decay = pick(200, 3000);
  r.a_x1_y0 = pick(0, 20);
  r.a_y1_x0 = pick(-20, 0);
  r.a_x0 = pick(-3, 3);
  r.a_y0 = pick(-3, 3);
  r.shift = pick(2, 8);
  if (kind == model::LearningKind::Stdp) {
    r.epoch = pick(1, 4);
  } else {
    r.eligibility_decay = pick(100, 2000);
    r.reward = reward;
    r.reward_value = pick(-4, 6);
  }
  return r;
}

// Noise -> net (sparse, stdp), cue -> net (dense, reward_stdp rewarded by the net's own
// spikes), net -> net (static, per-synapse delays) and net -> net (sparse, mixed signs,
// reward_stdp rewarded by a source).
model::Network plastic_network(uint64_t seed, uint32_t size) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  model::Network net;
  net.name = "plastic-" + std::to_string(seed);
  auto bernoulli = [&](const std::string& name, uint32_t n, double p) {
    model::SpikeSource s;
    s.name = name;
    s.size = n;
    s.kind = model::SourceKind::Bernoulli;
    s.p = p;
    s.seed = seed * 7 + n;
    net.sources.push_back(s);
  };
  bernoulli("noise", 24, 0.15);
  bernoulli("cue", 6, 0.1);
  bernoulli("dopamine", 1, 0.05);
  model::Population pop;
  pop.name = "net";
  pop.size = size;
  pop.lif.du = 600;
  pop.lif.dv = 300;
  pop.lif.vth = 60;
  pop.lif.bias_mant = 2;
  net.populations.push_back(pop);
  auto sparse = [&](const std::string& pre, uint32_t pre_size, double density, int32_t lo, int32_t hi) {
    model::Projection p;
    p.name = pre + "_to_net_" + std::to_string(net.projections.size());
    p.pre = pre;
    p.post = "net";
    p.kind = model::ProjectionKind::Sparse;
    std::uniform_int_distribution<int32_t> weight(lo, hi);
    for (uint32_t i = 0; i < pre_size; ++i)
      for (uint32_t j = 0; j < size; ++j)
        if (coin(rng) < density) {
          p.pre_index.push_back(i);
          p.post_index.push_back(j);
          p.weights.push_back(weight(rng));
        }
    return p;
  };
  model::Projection input = sparse("noise", 24, 0.3, 20, 200);
  input.delay = static_cast<uint32_t>(seed % 3);
  input.learning = random_rule(rng, model::LearningKind::Stdp, "");
  net.projections.push_back(input);

  model::Projection cue;
  cue.name = "cue_to_net";
  cue.pre = "cue";
  cue.post = "net";
  cue.kind = model::ProjectionKind::Dense;
  cue.num_weight_bits = 6;
  for (uint32_t k = 0; k < 6 * size; ++k) cue.weights.push_back(static_cast<int32_t>(rng() % 120));
  cue.learning = random_rule(rng, model::LearningKind::RewardStdp, "net");
  net.projections.push_back(cue);

  model::Projection recurrent = sparse("net", size, 0.08, -150, 100);
  for (std::size_t k = 0; k < recurrent.weights.size(); ++k) recurrent.delays.push_back(static_cast<uint8_t>(rng() % 5));
  net.projections.push_back(recurrent);

  model::Projection plastic_recurrent = sparse("net", size, 0.06, -100, 100);
  plastic_recurrent.delay = 1 + static_cast<uint32_t>(seed % 2);
  plastic_recurrent.weight_exp = -1;
  plastic_recurrent.learning = random_rule(rng, model::LearningKind::RewardStdp, "dopamine");
  net.projections.push_back(plastic_recurrent);
  return net;
}

void check_learning_equivalence(const model::Network& net, const model::ChipImage& image, uint64_t steps) {
  model::NetworkSim reference(net);
  model::ChipSim chip(image);
  uint64_t spikes = 0;
  for (uint64_t t = 0; t < steps; ++t) {
    reference.step();
    chip.step();
    INFO("step " << t);
    REQUIRE(chip.spiked(0) == reference.spiked(0));
    for (uint32_t n = 0; n < net.populations[0].size; ++n) REQUIRE(chip.v(0, n) == reference.v(0)[n]);
    spikes += reference.spiked(0).size();
  }
  CHECK(spikes > steps);  // the network is active
  bool changed = false;
  for (std::size_t p = 0; p < net.projections.size(); ++p) {
    INFO("projection " << net.projections[p].name);
    const std::vector<int32_t> learned = reference.learned_weights(p);
    REQUIRE(chip.learned_weights(p) == learned);
    if (net.projections[p].learning) {
      REQUIRE(learned.size() == net.projections[p].weights.size());
      changed = changed || learned != net.projections[p].weights;
    }
  }
  CHECK(changed);
  const uint64_t updates = reference.stats().total().synaptic_updates;
  CHECK(updates > 0);
  CHECK(chip.stats().total().synaptic_updates == updates);
}

}  // namespace

TEST_CASE("plastic networks: ChipSim equals NetworkSim in spikes, weights and updates", "[mapper][chipsim][plasticity]") {
  for (const char* name : {"loihi1", "loihi2-mini"}) {
    const targets::Target target = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/" + name + ".json");
    for (uint64_t seed = 1; seed <= 4; ++seed) {
      INFO("target " << name << " seed " << seed);
      const model::Network net = plastic_network(seed, 40 + 8 * static_cast<uint32_t>(seed));
      const auto result = mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph);
      uint32_t plastic_cores = 0;
      for (const auto& core : result.image.cores) plastic_cores += core.learning.empty() ? 0 : 1;
      CHECK(plastic_cores >= 1);
      check_learning_equivalence(net, result.image, 300);
    }
  }
}

TEST_CASE("plastic synapses spread over many cores still learn as in NetworkSim", "[mapper][chipsim][plasticity]") {
  // Neuron i on core i % 7: every plastic projection has synapses on every core, and a
  // presynaptic neuron's traces are kept apart on each core it reaches.
  const targets::Target target = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/loihi1.json");
  for (uint64_t seed = 5; seed <= 7; ++seed) {
    INFO("seed " << seed);
    const model::Network net = plastic_network(seed, 56);
    std::vector<std::vector<uint32_t>> core_of(1);
    for (uint32_t i = 0; i < 56; ++i) core_of[0].push_back(i % 7);
    const model::ChipImage image = mapper::encode_assignment(net, core_of, target);
    uint32_t plastic_cores = 0;
    for (const auto& core : image.cores) plastic_cores += core.learning.empty() ? 0 : 1;
    CHECK(plastic_cores == 7);
    check_learning_equivalence(net, image, 300);
  }
}

TEST_CASE("a plastic image survives its JSON form", "[mapper][plasticity][json]") {
  const targets::Target target = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/loihi2-mini.json");
  const model::Network net = plastic_network(5, 48);
  const auto result = mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph);
  const model::ChipImage back = flows::chip_image_from_json_text(flows::chip_image_to_text(result.image), "x.json");
  CHECK(back == result.image);
}

TEST_CASE("learning rules survive the network JSON format, and bad ones are refused there", "[flows][plasticity][json]") {
  const model::Network net = plastic_network(3, 20);
  const std::string text = flows::network_to_json(net).dump();
  CHECK(flows::network_from_json_text(text, "net.json") == net);
  // A field out of range, an unknown field and a reward naming nothing, each with its place.
  auto error_of = [](const std::string& doc) {
    try {
      flows::network_from_json_text(doc, "net.json");
    } catch (const model::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  nlohmann::json doc = flows::network_to_json(net);
  doc["projections"][0]["learning"]["pre_decay"] = 5000;
  CHECK_THAT(error_of(doc.dump()), Catch::Contains("/projections/0/learning/pre_decay") &&
                                       Catch::Contains("0..4096") && Catch::Contains("5000"));
  doc = flows::network_to_json(net);
  doc["projections"][0]["learning"]["tau"] = 3;
  CHECK_THAT(error_of(doc.dump()), Catch::Contains("/projections/0/learning") && Catch::Contains("tau"));
  doc = flows::network_to_json(net);
  doc["projections"][1]["learning"]["reward"] = "nobody";
  CHECK_THAT(error_of(doc.dump()), Catch::Contains("/projections/1/learning/reward") && Catch::Contains("NET-0104") &&
                                       Catch::Contains("nobody"));
}

TEST_CASE("bad learning fields of a chip image give precise errors", "[flows][plasticity][json][bad-input]") {
  const targets::Target target = flows::load_target(std::string(AXOMESH_TARGETS_DIR) + "/loihi2-mini.json");
  const model::Network net = plastic_network(6, 24);
  const auto result = mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph);
  const nlohmann::json good = flows::chip_image_to_json(result.image);
  std::size_t core = 0;
  while (!good["cores"][core].contains("learning")) ++core;
  const std::string at = "/cores/" + std::to_string(core) + "/learning";
  auto error_of = [](const nlohmann::json& doc) {
    try {
      flows::chip_image_from_json_text(doc.dump(), "img.json");
    } catch (const model::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  nlohmann::json bad = good;
  bad["cores"][core]["learning"]["synapses"][0][1] = 1u << 30;
  CHECK_THAT(error_of(bad), Catch::Contains(at + "/synapses/0/1") && Catch::Contains("IMG-"));
  bad = good;
  bad["cores"][core]["learning"]["rules"][0]["sign_mode"] = "auto";
  CHECK_THAT(error_of(bad), Catch::Contains(at + "/rules/0/sign_mode") && Catch::Contains("a resolved sign mode"));
  bad = good;
  bad["cores"][core]["learning"]["rules"][0]["rule"]["shift"] = 20;
  CHECK_THAT(error_of(bad), Catch::Contains(at + "/rules/0/rule/shift") && Catch::Contains("0..15"));
  bad = good;
  bad["cores"][core]["learning"]["synapses"][0] = {0, 0, 0};
  CHECK_THAT(error_of(bad), Catch::Contains(at + "/synapses/0") &&
                                Catch::Contains("expected an array of 5 integers [rule, synapse, pre, weight, "
                                                "network_index]"));
}
