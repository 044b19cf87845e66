#include "flows/sanafe/sanafe_counters.hpp"

#include <algorithm>

namespace axomesh::flows {

SanafeCounters::SanafeCounters(const SanafeNetwork& net, const model::ChipImage& image,
                               const std::vector<uint32_t>& class_of_edge, const std::vector<std::string>& classes,
                               uint64_t steps, SanafeRunOptions::SanafeUpdates updates)
    : image_(image), steps_(steps), updates_(updates) {
  const std::size_t cores = image.cores.size();
  std::vector<uint32_t> first_id;  // per population
  uint32_t next = 0;
  for (const model::Population& p : net.network.populations) {
    first_id.push_back(next);
    next += p.size;
  }
  class_fanout_.resize(next);
  for (std::size_t k = 0; k < net.network.projections.size(); ++k) {
    const model::Projection& proj = net.network.projections[k];
    const std::size_t pre = *net.network.find_population(proj.pre), post = *net.network.find_population(proj.post);
    for (std::size_t s = 0; s < proj.pre_index.size(); ++s) {
      auto& entries = class_fanout_[first_id[pre] + proj.pre_index[s]];
      const uint32_t core = image.population_addresses[post][proj.post_index[s]].core;
      auto it = std::find_if(entries.begin(), entries.end(),
                             [&](const ClassEntry& e) { return e.core == core && e.cls == class_of_edge[k]; });
      if (it == entries.end()) entries.push_back({core, class_of_edge[k], 1});
      else ++it->synapses;
    }
  }
  network_id_.resize(cores);
  for (std::size_t p = 0; p < image.population_addresses.size(); ++p)
    for (uint32_t i = 0; i < image.population_addresses[p].size(); ++i) {
      const model::NeuronAddress& a = image.population_addresses[p][i];
      if (network_id_[a.core].size() <= a.neuron) network_id_[a.core].resize(a.neuron + 1);
      network_id_[a.core][a.neuron] = first_id[p] + i;
      population_of_.push_back(static_cast<uint32_t>(p));
    }
  population_spikes_.assign(image.population_addresses.size(), 0);
  class_ops_.classes = classes;
  class_ops_.ops.assign(steps * cores * classes.size(), 0);
  v_before_.resize(cores);
  has_bias_.resize(cores);
  for (std::size_t c = 0; c < cores; ++c) {
    v_before_[c].assign(image.cores[c].neurons.size(), 0);
    for (const model::NeuronEntry& n : image.cores[c].neurons) has_bias_[c].push_back(n.bias_mant != 0 ? 1 : 0);
  }
  if (updates_ == SanafeRunOptions::SanafeUpdates::Exact) {
    received_.resize(cores);
    for (std::size_t c = 0; c < cores; ++c) received_[c].assign(image.cores[c].neurons.size(), 0);
  }
}

// (Exact) every neuron on the packet's synapse list receives an event in this step,
// whatever the weights add up to.
void SanafeCounters::on_packet(uint64_t /*step*/, const model::ChipPacket& packet) {
  if (received_.empty() || packet.from_stimulus) return;
  const model::CoreImage& to = image_.cores[packet.to.core];
  const model::AxonEntry& axon = to.axons[packet.to.axon];
  std::vector<uint8_t>& flags = received_[packet.to.core];
  for (uint32_t j = axon.first; j < axon.first + axon.count; ++j) flags[to.synapses[j].neuron] = 1;
}

// A spike of step s reaches its synapses in step s + 1; those of the last step are in
// flight after the run (count_in_flight), outside the per-step table.
void SanafeCounters::on_spike(uint64_t step, uint32_t core, uint32_t neuron) {
  const uint32_t id = network_id_[core][neuron];
  ++population_spikes_[population_of_[id]];
  if (step + 1 >= steps_) return;
  const std::size_t cores = image_.cores.size(), classes = class_ops_.classes.size();
  for (const ClassEntry& e : class_fanout_[id]) class_ops_.ops[((step + 1) * cores + e.core) * classes + e.cls] += e.synapses;
}

void SanafeCounters::on_step_end(uint64_t /*step*/, const model::ChipSim& chip) {
  if (updates_ == SanafeRunOptions::SanafeUpdates::None) return;
  const bool exact = !received_.empty();
  for (uint32_t c = 0; c < v_before_.size(); ++c) {
    int32_t* v = v_before_[c].data();
    const uint8_t* bias = has_bias_[c].data();
    uint64_t updated = 0;
    for (uint32_t n = 0, size = static_cast<uint32_t>(v_before_[c].size()); n < size; ++n) {
      updated += (v[n] != 0 || chip.core_u(c, n) != 0 || bias[n] != 0) ? 1 : 0;
      if (exact) {
        exact_ += (v[n] != 0 || received_[c][n] != 0 || bias[n] != 0) ? 1 : 0;
        leak_ties_ += (v[n] != 0 && (v[n] & 4095) == 0) ? 1 : 0;
      }
      v[n] = chip.core_v(c, n);
    }
    from_state_ += updated;
  }
  for (auto& flags : received_) std::fill(flags.begin(), flags.end(), uint8_t{0});
}

void SanafeCounters::count_in_flight(const model::ChipSim& chip) {
  chip.packets_in_flight([this](const model::ChipPacket& p) {
    if (p.from_stimulus) return;
    ++in_flight_.packets;
    in_flight_.synaptic_ops += image_.cores[p.to.core].axons[p.to.axon].count;
    in_flight_.hops_east += p.route.east();
    in_flight_.hops_west += p.route.west();
    in_flight_.hops_north += p.route.north();
    in_flight_.hops_south += p.route.south();
    if (p.route.in_tile()) ++in_flight_.packets_in_tile;
  });
}

int64_t SanafeCounters::sanafe_updates() const {
  return updates_ == SanafeRunOptions::SanafeUpdates::None ? -1 : static_cast<int64_t>(from_state_);
}

int64_t SanafeCounters::sanafe_updates_exact() const {
  return updates_ == SanafeRunOptions::SanafeUpdates::Exact ? static_cast<int64_t>(exact_) : -1;
}

}  // namespace axomesh::flows
