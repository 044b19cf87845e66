#include "model/network_sim.hpp"

#include <algorithm>

#include "model/network_validate.hpp"

namespace spikeforge::model {

static std::vector<std::string> population_names(const Network& network) {
  std::vector<std::string> names;
  for (const Population& p : network.populations) names.push_back(p.name);
  return names;
}

static const Network& validated(const Network& network) {
  require_valid(network);
  return network;
}

NetworkSim::NetworkSim(const Network& network)
    : sources_(validated(network).sources), stats_(population_names(network)), recorder_(network) {
  pops_.resize(network.populations.size());
  for (std::size_t p = 0; p < pops_.size(); ++p) {
    const Population& pop = network.populations[p];
    PopulationState& state = pops_[p];
    state.size = pop.size;
    state.u.resize(pop.size);
    state.v.resize(pop.size);
    state.constants.resize(pop.size);
    state.input.assign(pop.size, 0);
    for (uint32_t n = 0; n < pop.size; ++n) {
      const LoihiLifParams& lif = pop.lif;
      state.u[n] = lif.u_init[n];
      state.v[n] = lif.v_init[n];
      state.constants[n] = loihi::make_constants(lif.du[n], lif.dv[n], lif.vth[n], lif.bias_mant[n], lif.bias_exp[n]);
    }
    state.accumulators.push_back(Accumulator{0, {}});
  }

  pop_senders_.resize(pops_.size());
  source_senders_.resize(network.sources.size());
  for (const Projection& proj : network.projections) {
    Delivery d;
    d.post = *network.find_population(proj.post);
    d.rows = compile_synapse_rows(proj, *network.size_of(proj.pre), pops_[d.post].size);
    PopulationState& post = pops_[d.post];
    // Weights with a non-negative exponent arrive pre-shifted and share accumulator 0;
    // a projection with a negative exponent floors its own sum, as Lava's Dense does.
    d.accumulator = 0;
    if (d.rows.accumulator_exp < 0) {
      d.accumulator = post.accumulators.size();
      post.accumulators.push_back(Accumulator{d.rows.accumulator_exp, {}});
    }
    post.slots = std::max(post.slots, d.rows.max_delay() + 1);
    if (auto pre = network.find_population(proj.pre))
      pop_senders_[*pre].deliveries.push_back(deliveries_.size());
    else
      source_senders_[*network.find_source(proj.pre)].deliveries.push_back(deliveries_.size());
    deliveries_.push_back(std::move(d));
  }
  for (PopulationState& state : pops_)
    for (Accumulator& acc : state.accumulators) acc.ring.assign(std::size_t{state.slots} * state.size, 0);

  for (const SpikeSource& source : sources_) generators_.emplace_back(source);
  source_spikes_.resize(sources_.size());
}

void NetworkSim::deliver(const std::vector<uint32_t>& spikes, const Sender& sender) {
  for (std::size_t index : sender.deliveries) {
    const Delivery& d = deliveries_[index];
    const SynapseRows& rows = d.rows;
    PopulationState& post = pops_[d.post];
    int32_t* ring = post.accumulators[d.accumulator].ring.data();
    const uint32_t size = post.size;
    const uint32_t slots = post.slots;
    uint64_t ops = 0;
    for (uint32_t pre : spikes) {
      const int16_t* w;
      const uint32_t* targets = nullptr;
      const uint8_t* delays = nullptr;
      uint64_t length;
      if (rows.dense) {
        w = rows.weights.data() + std::size_t{pre} * rows.post_size;
        length = rows.post_size;
        if (!rows.delays.empty()) delays = rows.delays.data() + std::size_t{pre} * rows.post_size;
      } else {
        const uint64_t begin = rows.row_begin[pre];
        w = rows.weights.data() + begin;
        targets = rows.targets.data() + begin;
        length = rows.row_begin[pre + 1] - begin;
        if (!rows.delays.empty()) delays = rows.delays.data() + begin;
      }
      ops += length;
      if (delays == nullptr) {
        int32_t* acc = ring + std::size_t{(step_ + rows.uniform_delay) % slots} * size;
        if (targets == nullptr) {
          for (uint64_t k = 0; k < length; ++k) acc[k] += w[k];
        } else {
          for (uint64_t k = 0; k < length; ++k) acc[targets[k]] += w[k];
        }
      } else {
        for (uint64_t k = 0; k < length; ++k) {
          const uint32_t target = targets == nullptr ? static_cast<uint32_t>(k) : targets[k];
          ring[std::size_t{(step_ + delays[k]) % slots} * size + target] += w[k];
        }
      }
    }
    stats_.current(d.post).synaptic_ops += ops;
  }
}

void NetworkSim::update(std::size_t p) {
  PopulationState& pop = pops_[p];
  const std::size_t base = std::size_t{step_ % pop.slots} * pop.size;
  pop.spiked.clear();
  uint64_t active = 0;
  const bool single = pop.accumulators.size() == 1;  // only pre-shifted weights arrive
  int32_t* first = pop.accumulators[0].ring.data() + base;
  for (uint32_t n = 0; n < pop.size; ++n) {
    int64_t a = first[n];
    first[n] = 0;
    if (!single) {
      for (std::size_t g = 1; g < pop.accumulators.size(); ++g) {
        int32_t& slot = pop.accumulators[g].ring[base + n];
        a += loihi::shift_by_exponent(slot, pop.accumulators[g].exp);
        slot = 0;
      }
    }
    pop.input[n] = a;
    const loihi::LifConstants& c = pop.constants[n];
    active += (a | pop.u[n] | pop.v[n] | c.bias) != 0;
    if (loihi::step(pop.u[n], pop.v[n], a, c)) pop.spiked.push_back(n);
  }
  Activity& activity = stats_.current(p);
  activity.active_updates += active;
  activity.idle_updates += pop.size - active;
  activity.spikes += pop.spiked.size();
}

void NetworkSim::step() {
  stats_.begin_step();
  // (1) spikes sent in the previous step reach their accumulators.
  for (std::size_t p = 0; p < pops_.size(); ++p) deliver(pops_[p].spiked, pop_senders_[p]);
  for (std::size_t s = 0; s < generators_.size(); ++s) deliver(source_spikes_[s], source_senders_[s]);
  // (2) every neuron updates once; (3) this step's spikes are sent.
  for (std::size_t p = 0; p < pops_.size(); ++p) {
    update(p);
    recorder_.record_spikes(p, pops_[p].spiked);
    recorder_.record_state(p, pops_[p].u, pops_[p].v);
  }
  for (std::size_t s = 0; s < generators_.size(); ++s) generators_[s].emit_next_step(source_spikes_[s]);
  recorder_.end_step();
  ++step_;
}

void NetworkSim::run(uint64_t steps, const std::function<void(uint64_t)>& progress) {
  for (uint64_t i = 0; i < steps; ++i) {
    step();
    if (progress) progress(i + 1);
  }
}

uint64_t NetworkSim::synapse_count() const {
  uint64_t n = 0;
  for (const Delivery& d : deliveries_) n += d.rows.synapse_count();
  return n;
}

std::size_t NetworkSim::synapse_memory_bytes() const {
  std::size_t bytes = 0;
  for (const Delivery& d : deliveries_) bytes += d.rows.memory_bytes();
  return bytes;
}

}  // namespace spikeforge::model
