#include "model/network_sim.hpp"

#include <algorithm>
#include <chrono>

#include "model/network_limits.hpp"
#include "model/network_validate.hpp"

namespace spikeforge::model {

constexpr uint32_t kMaxDelay = static_cast<uint32_t>(limits::kDelay.hi);

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
    state.spike_buffer.resize(pop.size);
    state.shared_constants = std::all_of(state.constants.begin(), state.constants.end(), [&](const loihi::LifConstants& c) {
      return c.current_factor == state.constants[0].current_factor && c.voltage_factor == state.constants[0].voltage_factor &&
             c.bias == state.constants[0].bias && c.threshold == state.constants[0].threshold;
    });
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

uint64_t NetworkSim::deliver(const std::vector<uint32_t>& spikes, const Sender& sender) {
  if (spikes.empty()) return 0;
  uint64_t total = 0;
  for (std::size_t index : sender.deliveries) {
    const Delivery& d = deliveries_[index];
    const SynapseRows& rows = d.rows;
    PopulationState& post = pops_[d.post];
    int32_t* ring = post.accumulators[d.accumulator].ring.data();
    const int16_t* weights = rows.weights.data();
    const uint32_t* targets = rows.targets.data();
    uint64_t ops = 0;
    // One loop per storage form, chosen once per projection and step.
    if (!rows.delays.empty()) {
      std::size_t slot_base[kMaxDelay + 1];
      for (uint32_t delay = 0; delay <= kMaxDelay; ++delay)
        slot_base[delay] = std::size_t{(step_ + delay) % post.slots} * post.size;
      for (uint32_t pre : spikes) {
        const uint64_t begin = rows.row_start(pre), length = rows.row_length(pre);
        const uint8_t* delays = rows.delays.data() + begin;
        for (uint64_t k = 0; k < length; ++k) {
          const std::size_t target = rows.dense ? static_cast<std::size_t>(k) : targets[begin + k];
          ring[slot_base[delays[k]] + target] += weights[begin + k];
        }
        ops += length;
      }
    } else {
      int32_t* acc = ring + std::size_t{(step_ + rows.uniform_delay) % post.slots} * post.size;
      if (rows.dense) {
        for (uint32_t pre : spikes) {
          const int16_t* w = weights + std::size_t{pre} * rows.post_size;
          for (uint32_t k = 0; k < rows.post_size; ++k) acc[k] += w[k];
        }
        ops = uint64_t{rows.post_size} * spikes.size();
      } else if (rows.row_begin.empty()) {
        const uint64_t length = rows.uniform_row_length;
        for (uint32_t pre : spikes) {
          const uint64_t begin = uint64_t{pre} * length;
          for (uint64_t k = begin; k < begin + length; ++k) acc[targets[k]] += weights[k];
        }
        ops = length * spikes.size();
      } else {
        for (uint32_t pre : spikes) {
          const uint64_t begin = rows.row_begin[pre], end = rows.row_begin[pre + 1];
          for (uint64_t k = begin; k < end; ++k) acc[targets[k]] += weights[k];
          ops += end - begin;
        }
      }
    }
    stats_.current(d.post).synaptic_ops += ops;
    total += ops;
  }
  return total;
}

// The neuron loop, for one accumulator and constants that are per neuron or (the common
// case) shared; `kShared` lets the compiler keep them in registers.
template <bool kShared>
static uint64_t update_neurons(uint32_t size, int32_t* acc, int32_t* u, int32_t* v, int64_t* input,
                               const loihi::LifConstants* constants, uint32_t* spiked, uint32_t& spike_count) {
  uint64_t active = 0;
  uint32_t count = 0;
  const loihi::LifConstants shared = constants[0];
  for (uint32_t n = 0; n < size; ++n) {
    const loihi::LifConstants& c = kShared ? shared : constants[n];
    const int64_t a = acc[n];
    acc[n] = 0;
    input[n] = a;
    active += (a | u[n] | v[n] | c.bias) != 0;
    spiked[count] = n;
    count += loihi::step(u[n], v[n], a, c) ? 1 : 0;
  }
  spike_count = count;
  return active;
}

void NetworkSim::update(std::size_t p) {
  PopulationState& pop = pops_[p];
  const std::size_t base = std::size_t{step_ % pop.slots} * pop.size;
  int32_t* acc = pop.accumulators[0].ring.data() + base;
  // Projections with a negative exponent floor their own sums into accumulator 0 first.
  for (std::size_t g = 1; g < pop.accumulators.size(); ++g) {
    int32_t* own = pop.accumulators[g].ring.data() + base;
    const int exp = pop.accumulators[g].exp;
    for (uint32_t n = 0; n < pop.size; ++n) {
      acc[n] += static_cast<int32_t>(loihi::shift_by_exponent(own[n], exp));
      own[n] = 0;
    }
  }
  uint32_t spikes = 0;
  const uint64_t active =
      pop.shared_constants
          ? update_neurons<true>(pop.size, acc, pop.u.data(), pop.v.data(), pop.input.data(), pop.constants.data(),
                                 pop.spike_buffer.data(), spikes)
          : update_neurons<false>(pop.size, acc, pop.u.data(), pop.v.data(), pop.input.data(), pop.constants.data(),
                                  pop.spike_buffer.data(), spikes);
  pop.spiked.assign(pop.spike_buffer.begin(), pop.spike_buffer.begin() + spikes);
  Activity& activity = stats_.current(p);
  activity.active_updates += active;
  activity.idle_updates += pop.size - active;
  activity.spikes += spikes;
}

void NetworkSim::step() {
  using Clock = std::chrono::steady_clock;
  auto seconds_since = [](Clock::time_point& mark) {
    const Clock::time_point now = Clock::now();
    const double s = std::chrono::duration<double>(now - mark).count();
    mark = now;
    return s;
  };
  stats_.begin_step();
  Clock::time_point mark = Clock::now();
  // (1) spikes sent in the previous step reach their accumulators.
  for (std::size_t p = 0; p < pops_.size(); ++p) profile_.recurrent_ops += deliver(pops_[p].spiked, pop_senders_[p]);
  profile_.recurrent_delivery_seconds += seconds_since(mark);
  for (std::size_t s = 0; s < generators_.size(); ++s) profile_.input_ops += deliver(source_spikes_[s], source_senders_[s]);
  profile_.input_delivery_seconds += seconds_since(mark);
  // (2) every neuron updates once; (3) this step's spikes are sent.
  for (std::size_t p = 0; p < pops_.size(); ++p) {
    update(p);
    recorder_.record_spikes(p, pops_[p].spiked);
    recorder_.record_state(p, pops_[p].u, pops_[p].v);
  }
  recorder_.end_step();
  profile_.neuron_update_seconds += seconds_since(mark);
  for (std::size_t s = 0; s < generators_.size(); ++s) generators_[s].emit_next_step(source_spikes_[s]);
  profile_.source_seconds += seconds_since(mark);
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
