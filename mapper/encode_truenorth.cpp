#include "mapper/encode_truenorth.hpp"

#include <algorithm>
#include <tuple>

#include "mapper/truenorth_layout.hpp"
#include "model/base/diagnostic.hpp"
#include "model/blocks/lfsr.hpp"
#include "model/network/truenorth_params.hpp"

namespace axomesh::mapper {

void place_truenorth_neuron(model::CoreImage& core, uint32_t core_index, const model::Population& pop,
                            uint32_t population_index, uint32_t n) {
  if (!core.neurons.empty())
    throw model::InputError({{"MAP-0310", "/populations/" + std::to_string(population_index),
                              "neuron " + std::to_string(n) + " of truenorth population \"" + pop.name +
                                  "\" is placed on core " + std::to_string(core_index) +
                                  ", which holds loihi_lif neurons; a core runs one neuron model"}});
  core.model = model::NeuronModel::TrueNorth;
  core.truenorth.neurons.push_back({model::truenorth_neuron_params(pop.tn, n), pop.tn.v_init[n]});
}

std::vector<std::vector<model::Destination>> connect_truenorth(const model::Network& net, const std::string& pre,
                                                               uint32_t pre_size, model::ChipImage& image) {
  struct Bit {  // one crossbar bit set by presynaptic neuron `pre`
    uint32_t pre, core, neuron;
    uint8_t type, delay;
  };
  std::vector<Bit> bits;
  for (const model::Projection& proj : net.projections) {
    if (proj.pre != pre) continue;
    const std::size_t post = *net.find_population(proj.post);
    if (net.populations[post].model != model::NeuronModel::TrueNorth) continue;
    const auto& addresses = image.population_addresses[post];
    const bool dense = proj.kind == model::ProjectionKind::Dense;
    for (std::size_t k = 0; k < proj.weights.size(); ++k) {
      if (proj.weights[k] == 0) continue;
      const uint32_t i = dense ? static_cast<uint32_t>(k % pre_size) : proj.pre_index[k];
      const uint32_t j = dense ? static_cast<uint32_t>(k / pre_size) : proj.post_index[k];
      const uint32_t delay = proj.delays.empty() ? proj.delay : proj.delays[k];
      bits.push_back({i, addresses[j].core, addresses[j].neuron, proj.axon_type(i), static_cast<uint8_t>(delay)});
    }
  }
  // One axon per (neuron, core, type, delay); its synapse list in network order.
  std::stable_sort(bits.begin(), bits.end(), [](const Bit& a, const Bit& b) {
    return std::tie(a.pre, a.core, a.type, a.delay) < std::tie(b.pre, b.core, b.type, b.delay);
  });
  std::vector<std::vector<model::Destination>> destinations(pre_size);
  for (std::size_t k = 0; k < bits.size();) {
    const Bit& first = bits[k];
    model::CoreImage& core = image.cores[first.core];
    model::AxonEntry axon{static_cast<uint32_t>(core.synapses.size()), 0};
    for (; k < bits.size() && std::tie(bits[k].pre, bits[k].core, bits[k].type, bits[k].delay) ==
                                  std::tie(first.pre, first.core, first.type, first.delay);
         ++k) {
      core.synapses.push_back({bits[k].neuron, 1, bits[k].delay});
      ++axon.count;
    }
    destinations[first.pre].push_back({first.core, static_cast<uint32_t>(core.axons.size())});
    core.axons.push_back(axon);
    core.truenorth.axon_types.push_back(first.type);
  }
  return destinations;
}

void seed_truenorth_cores(const model::Network& net, model::ChipImage& image) {
  constexpr uint32_t kNone = UINT32_MAX;
  // The (population, block) whose draws each core makes; the core of each drawing block.
  std::vector<std::pair<uint32_t, uint32_t>> core_block(image.cores.size(), {kNone, kNone});
  for (uint32_t p = 0; p < net.populations.size(); ++p) {
    const model::Population& pop = net.populations[p];
    if (pop.model != model::NeuronModel::TrueNorth) continue;
    const bool stochastic = draws_random(pop);
    uint32_t block_core = kNone;
    for (uint32_t n = 0; n < pop.size; ++n) {
      const uint32_t block = n / model::truenorth::kCoreNeurons;
      if (n % model::truenorth::kCoreNeurons == 0) block_core = kNone;
      const model::NeuronAddress& a = image.population_addresses[p][n];
      model::CoreImage& core = image.cores[a.core];
      if (core_block[a.core].first == kNone) {  // the core's first neuron seeds it, drawing or not
        core.truenorth.lfsr_state = model::Lfsr32::seeded_state(pop.seed, block);
        core_block[a.core] = {stochastic ? p : kNone - 1, block};
      }
      if (!stochastic || !model::truenorth_neuron_params(pop.tn, n).uses_random()) continue;
      auto fail = [&](const std::string& why) {
        throw model::InputError({{"MAP-0311", "/populations/" + std::to_string(p),
                                  "neuron " + std::to_string(n) + " of \"" + pop.name + "\" (block " +
                                      std::to_string(block) + ") draws pseudo-random numbers on core " +
                                      std::to_string(a.core) + ", " + why +
                                      "; every drawing neuron of a 256-neuron block must share one core, alone"}});
      };
      if (block_core != kNone && block_core != a.core)
        fail("while the block's earlier neurons draw on core " + std::to_string(block_core));
      block_core = a.core;
      if (core_block[a.core] != std::make_pair(p, block)) {
        if (core_block[a.core].first != kNone - 1) fail("which draws for another block");
        // The core began with deterministic neurons: the block's generator takes over.
        core_block[a.core] = {p, block};
        core.truenorth.lfsr_state = model::Lfsr32::seeded_state(pop.seed, block);
      }
    }
  }
}

}  // namespace axomesh::mapper
