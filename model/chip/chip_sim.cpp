#include "model/chip/chip_sim.hpp"

#include <algorithm>
#include <cstdlib>

#include "model/sim/depressed_delivery.hpp"

namespace axomesh::model {

static std::vector<std::string> core_names(const ChipImage& image) {
  std::vector<std::string> names;
  for (uint32_t c = 0; c < image.cores.size(); ++c) names.push_back("core" + std::to_string(c));
  return names;
}

ChipSim::ChipSim(const ChipImage& image) : image_(image), stats_(core_names(image)) {
  cores_.resize(image_.cores.size());
  for (uint32_t c = 0; c < cores_.size(); ++c) {
    const CoreImage& core = image_.cores[c];
    CoreState& state = cores_[c];
    state.dynamics = CoreDynamics(core, depression_blocks_);
    if (core.model == NeuronModel::TrueNorth) {
      init_truenorth(c);
      continue;
    }
    for (const NeuronEntry& n : core.neurons) {
      state.u.push_back(n.u_init);
      state.v.push_back(n.v_init);
      state.input_shift.push_back(n.input_shift);
      state.constants.push_back(loihi::make_constants(n.du, n.dv, n.vth, n.bias_mant, n.bias_exp));
    }
    for (const SynapseEntry& s : core.synapses) state.slots = std::max<uint32_t>(state.slots, s.delay + 1u);
    state.ring.assign(std::size_t{state.slots} * core.neurons.size(), 0);
  }
  for (uint32_t c = 0; c < cores_.size(); ++c) {
    core_x_.push_back(image_.x_of(c));
    core_y_.push_back(image_.y_of(c));
  }
  for (const SpikeSource& source : image_.stimulus) generators_.emplace_back(source);
  stimulus_spikes_.resize(image_.stimulus.size());
  learning_ = ChipLearning(image_);
}

void ChipSim::deliver(uint32_t core, uint32_t axon) {
  const CoreImage& image = image_.cores[core];
  CoreState& state = cores_[core];
  if (state.truenorth) return deliver_truenorth(core, axon);
  if (state.dynamics.depressed(axon)) return deliver_depressed(core, axon);
  const AxonEntry& a = image.axons[axon];
  const std::size_t size = image.neurons.size();
  const SynapseEntry* synapses = image.synapses.data();
  if (state.slots == 1) {  // no delays on this core: one accumulator row, no slot arithmetic
    int32_t* accumulator = state.ring.data();
    for (uint32_t k = a.first; k < a.first + a.count; ++k) accumulator[synapses[k].neuron] += synapses[k].weight;
  } else {
    for (uint32_t k = a.first; k < a.first + a.count; ++k) {
      const SynapseEntry& s = synapses[k];
      state.ring[std::size_t{(step_ + s.delay) % state.slots} * size + s.neuron] += s.weight;
    }
  }
  stats_.current(core).synaptic_ops += a.count;
}

// One packet per destination; hops counted at the sending core along the XY route.
void ChipSim::send(uint32_t from_core, const FanoutTable& table, uint32_t item, bool from_chip) {
  for (uint32_t k = table.begin[item]; k < table.begin[item + 1]; ++k) {
    const Destination& d = table.entries[k];
    if (from_chip) {
      Activity& a = stats_.current(from_core);
      ++a.packets;
      const int64_t dx = int64_t{core_x_[d.core]} - core_x_[from_core];
      const int64_t dy = int64_t{core_y_[d.core]} - core_y_[from_core];
      a.hops_east += static_cast<uint64_t>(std::max<int64_t>(dx, 0));
      a.hops_west += static_cast<uint64_t>(std::max<int64_t>(-dx, 0));
      a.hops_north += static_cast<uint64_t>(std::max<int64_t>(dy, 0));
      a.hops_south += static_cast<uint64_t>(std::max<int64_t>(-dy, 0));
      if (dx == 0 && dy == 0) ++a.packets_in_tile;
      const auto x = static_cast<uint32_t>(std::llabs(dx)), y = static_cast<uint32_t>(std::llabs(dy));
      if (x + y > a.longest_route_x + a.longest_route_y) {
        a.longest_route_x = x;
        a.longest_route_y = y;
      }
    } else {
      ++stats_.current(d.core).offchip_inputs;
    }
    pending_.push_back(d);
  }
}

// Delivers the step's packets in order. Synapse lists are scattered over many megabytes,
// so each list is prefetched a few packets ahead (its axon entry further ahead still):
// the sums are those of delivering each packet on arrival, integer addition being exact.
void ChipSim::deliver_pending() {
  constexpr std::size_t kAxonAhead = 16, kSynapsesAhead = 8;
  const std::size_t count = pending_.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (i + kAxonAhead < count) {
      const Destination& far = pending_[i + kAxonAhead];
      __builtin_prefetch(image_.cores[far.core].axons.data() + far.axon);
    }
    if (i + kSynapsesAhead < count) {
      const Destination& near = pending_[i + kSynapsesAhead];
      const CoreImage& core = image_.cores[near.core];
      const SynapseEntry* list = core.synapses.data() + core.axons[near.axon].first;
      __builtin_prefetch(list);
      __builtin_prefetch(list + 8);
    }
    deliver(pending_[i].core, pending_[i].axon);
  }
  if (!learning_.empty())  // pre traces see a packet when it is delivered
    for (const Destination& d : pending_) learning_.on_packet(d.core, d.axon, step_);
  pending_.clear();
}

void ChipSim::update(uint32_t core) {
  CoreState& state = cores_[core];
  if (state.truenorth) return update_truenorth(core);
  state.dynamics.adapt_thresholds(image_.cores[core], state.constants);
  const std::size_t size = state.u.size();
  int32_t* accumulator = state.ring.data() + std::size_t{step_ % state.slots} * size;
  uint64_t active = 0;
  state.spiked.clear();
  for (uint32_t n = 0; n < size; ++n) {
    const int32_t a = accumulator[n] >> state.input_shift[n];
    accumulator[n] = 0;
    const loihi::LifConstants& c = state.constants[n];
    active += (a | state.u[n] | state.v[n] | c.bias) != 0 ? 1 : 0;
    if (loihi::step(state.u[n], state.v[n], a, c)) state.spiked.push_back(n);
  }
  Activity& activity = stats_.current(core);
  activity.active_updates += active;
  activity.idle_updates += size - active;
  activity.spikes += state.spiked.size();
  state.dynamics.end_step(state.spiked);
}

// A packet on a depressing axon: the axon's state releases, then every synapse adds
// its depressed input (model/sim/depressed_delivery.hpp) at its delay.
void ChipSim::deliver_depressed(uint32_t core, uint32_t axon) {
  const CoreImage& image = image_.cores[core];
  CoreState& state = cores_[core];
  const AxonEntry& a = image.axons[axon];
  const uint32_t released = state.dynamics.release(axon, step_);
  const int32_t scale = state.dynamics.scale(axon);
  for (uint32_t k = a.first; k < a.first + a.count; ++k) {
    const SynapseEntry& s = image.synapses[k];
    state.ring[std::size_t{(step_ + s.delay) % state.slots} * image.neurons.size() + s.neuron] +=
        depressed_input(scale, s.weight, released);
  }
  stats_.current(core).synaptic_ops += a.count;
}

void ChipSim::step() {
  stats_.begin_step();
  // (1) packets sent in the previous step reach their cores' accumulators.
  for (uint32_t c = 0; c < cores_.size(); ++c)
    for (uint32_t n : cores_[c].spiked) send(c, image_.cores[c].fanout, n, true);
  for (std::size_t s = 0; s < generators_.size(); ++s)
    for (uint32_t i : stimulus_spikes_[s]) send(0, image_.stimulus_fanout[s], i, false);
  deliver_pending();
  // (2) every core updates its neurons; (3) spikes are sent in the next step's phase (1).
  if (!learning_.empty())
    learning_.take_rewards([this](std::size_t pop) { return spiked(pop).size(); }, stimulus_spikes_);
  for (uint32_t c = 0; c < cores_.size(); ++c) update(c);
  if (!learning_.empty())  // plasticity, after the neuron updates (model/blocks/learning_rule.hpp)
    learning_.learn(step_, [this](uint32_t c) -> const std::vector<uint32_t>& { return cores_[c].spiked; }, image_,
                    stats_);
  for (std::size_t s = 0; s < generators_.size(); ++s) generators_[s].emit_next_step(stimulus_spikes_[s]);
  ++step_;
}

void ChipSim::run(uint64_t steps, const std::function<void(uint64_t)>& progress) {
  reserve_steps(steps);
  for (uint64_t i = 0; i < steps; ++i) {
    step();
    if (progress) progress(i + 1);
  }
}

std::vector<uint32_t> ChipSim::spiked(std::size_t pop) const {
  // Invert the address map through a per-core lookup of the spiking neurons.
  std::vector<uint32_t> out;
  const auto& addresses = image_.population_addresses[pop];
  for (uint32_t i = 0; i < addresses.size(); ++i) {
    const auto& spikes = cores_[addresses[i].core].spiked;
    if (std::binary_search(spikes.begin(), spikes.end(), addresses[i].neuron)) out.push_back(i);
  }
  return out;
}

int32_t ChipSim::u(std::size_t pop, uint32_t neuron) const {
  const NeuronAddress& a = image_.population_addresses[pop][neuron];
  return cores_[a.core].u[a.neuron];
}

int32_t ChipSim::v(std::size_t pop, uint32_t neuron) const {
  const NeuronAddress& a = image_.population_addresses[pop][neuron];
  return cores_[a.core].v[a.neuron];
}

}  // namespace axomesh::model
