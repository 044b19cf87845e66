// ChipSim on truenorth cores: the one TrueNorth kernel (model/blocks/truenorth_neuron.hpp) over a
// core's crossbar, with the core's own LFSR. A packet on axon i adds one event of the
// axon's type G_i to every neuron whose crossbar bit is set (the axon's synapse list);
// in the update the neurons run in ascending order, so the LFSR is drawn exactly as
// NetworkSim draws the generator of the 256-neuron block the core holds.
#include "model/chip/chip_sim.hpp"

#include <algorithm>

namespace axomesh::model {

namespace {
constexpr std::size_t kTypes = truenorth::kAxonTypes;
}

void ChipSim::init_truenorth(uint32_t c) {
  const CoreImage& core = image_.cores[c];
  CoreState& state = cores_[c];
  state.truenorth = true;
  const std::size_t size = core.truenorth.neurons.size();
  state.u.assign(size, 0);  // truenorth neurons have V only
  for (const TrueNorthNeuronEntry& n : core.truenorth.neurons) {
    state.v.push_back(n.v_init);
    state.tn_params.push_back(n.params);
  }
  state.lfsr = Lfsr32(core.truenorth.lfsr_state);
  for (const SynapseEntry& s : core.synapses) state.slots = std::max<uint32_t>(state.slots, s.delay + 1u);
  state.ring.assign(std::size_t{state.slots} * kTypes * size, 0);
}

void ChipSim::deliver_truenorth(uint32_t c, uint32_t axon) {
  const CoreImage& core = image_.cores[c];
  CoreState& state = cores_[c];
  const AxonEntry& a = core.axons[axon];
  const std::size_t size = core.truenorth.neurons.size();
  const std::size_t type_offset = std::size_t{core.truenorth.axon_types[axon] & 3u} * size;
  for (uint32_t k = a.first; k < a.first + a.count; ++k) {
    const SynapseEntry& s = core.synapses[k];
    state.ring[std::size_t{(step_ + s.delay) % state.slots} * kTypes * size + type_offset + s.neuron] += s.weight;
  }
  stats_.current(c).synaptic_ops += a.count;
}

// Counted like NetworkSim's truenorth populations: a neuron is active when it had input,
// or its V was or became non-zero.
void ChipSim::update_truenorth(uint32_t c) {
  CoreState& state = cores_[c];
  state.dynamics.adapt_thresholds(image_.cores[c], state.tn_params);
  const std::size_t size = state.v.size();
  int32_t* counts = state.ring.data() + std::size_t{step_ % state.slots} * kTypes * size;
  uint64_t active = 0;
  state.spiked.clear();
  for (uint32_t n = 0; n < size; ++n) {
    truenorth::TypeCounts events{};
    for (std::size_t g = 0; g < kTypes; ++g) {
      events[g] = static_cast<uint32_t>(counts[g * size + n]);
      counts[g * size + n] = 0;
    }
    const int32_t before = state.v[n];
    const bool spike = truenorth::step(state.v[n], events, state.tn_params[n], state.lfsr);
    const bool had_input = (events[0] | events[1] | events[2] | events[3]) != 0;
    active += had_input || before != 0 || state.v[n] != 0 || spike ? 1 : 0;
    if (spike) state.spiked.push_back(n);
  }
  Activity& activity = stats_.current(c);
  activity.active_updates += active;
  activity.idle_updates += size - active;
  activity.spikes += state.spiked.size();
  state.dynamics.end_step(state.spiked);
}

}  // namespace axomesh::model
