#include "model/chip/chip_sim.hpp"

#include <algorithm>

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

// One packet per destination; hops counted at the sending core along the XY route. `from`
// is the sending core, or for stimulus (from_chip false) the source group.
void ChipSim::send(uint32_t from, const FanoutTable& table, uint32_t item, bool from_chip) {
  for (uint32_t k = table.begin[item]; k < table.begin[item + 1]; ++k) {
    const Destination& d = table.entries[k];
    const XyRoute r = route(from_chip ? from : d.core, d.core);  // stimulus enters at its core
    if (from_chip) {
      Activity& a = stats_.current(from);
      ++a.packets;
      a.hops_east += r.east();
      a.hops_west += r.west();
      a.hops_north += r.north();
      a.hops_south += r.south();
      if (r.in_tile()) ++a.packets_in_tile;
      if (r.hops() > a.longest_route_x + a.longest_route_y) {
        a.longest_route_x = r.hops_x();
        a.longest_route_y = r.hops_y();
      }
    } else {
      ++stats_.current(d.core).offchip_inputs;
    }
    if (!packet_observers_.empty()) {
      const ChipPacket packet{!from_chip, from, item, d, r};
      for (ChipObserver* observer : packet_observers_) observer->on_packet(step_, packet);
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
    for (uint32_t i : stimulus_spikes_[s]) send(static_cast<uint32_t>(s), image_.stimulus_fanout[s], i, false);
  deliver_pending();
  // (2) every core updates its neurons; (3) spikes are sent in the next step's phase (1).
  if (!learning_.empty())
    learning_.take_rewards([this](std::size_t pop) { return spiked(pop).size(); }, stimulus_spikes_);
  for (uint32_t c = 0; c < cores_.size(); ++c) update(c);
  if (!observers_.empty()) notify_spikes();
  if (!learning_.empty())  // plasticity, after the neuron updates (model/blocks/learning_rule.hpp)
    learning_.learn(step_, [this](uint32_t c) -> const std::vector<uint32_t>& { return cores_[c].spiked; }, image_,
                    stats_);
  for (std::size_t s = 0; s < generators_.size(); ++s) generators_[s].emit_next_step(stimulus_spikes_[s]);
  ++step_;
  for (ChipObserver* observer : observers_) observer->on_step_end(step_ - 1, *this);
}

void ChipSim::notify_spikes() {
  for (uint32_t c = 0; c < cores_.size(); ++c)
    for (uint32_t n : cores_[c].spiked)
      for (ChipObserver* observer : observers_) observer->on_spike(step_, c, n);
}

void ChipSim::add_observer(ChipObserver& observer) {
  observers_.push_back(&observer);
  if (observer.wants_packets()) packet_observers_.push_back(&observer);
}

void ChipSim::remove_observer(ChipObserver& observer) {
  for (auto* list : {&observers_, &packet_observers_})
    list->erase(std::remove(list->begin(), list->end(), &observer), list->end());
}

// What step() sends first, in the same order, without sending it.
void ChipSim::packets_in_flight(const std::function<void(const ChipPacket&)>& visit) const {
  for (uint32_t c = 0; c < cores_.size(); ++c) {
    const FanoutTable& table = image_.cores[c].fanout;
    for (uint32_t n : cores_[c].spiked)
      for (uint32_t k = table.begin[n]; k < table.begin[n + 1]; ++k)
        visit(ChipPacket{false, c, n, table.entries[k], route(c, table.entries[k].core)});
  }
  for (uint32_t s = 0; s < stimulus_spikes_.size(); ++s) {
    const FanoutTable& table = image_.stimulus_fanout[s];
    for (uint32_t i : stimulus_spikes_[s])
      for (uint32_t k = table.begin[i]; k < table.begin[i + 1]; ++k)
        visit(ChipPacket{true, s, i, table.entries[k], route(table.entries[k].core, table.entries[k].core)});
  }
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
