#include "model/sim/network_sim.hpp"

#include <algorithm>
#include <chrono>

#include "model/network/network_dynamics_validate.hpp"
#include "model/network/network_limits.hpp"
#include "model/sim/synapse_delivery.hpp"
#include "model/network/network_validate.hpp"
#include "model/network/truenorth_params.hpp"

namespace axomesh::model {

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

// A projection into a truenorth population as unit "weights" into event counters: the
// synapse (i, j) of crossbar bit 1 counts one event of pre i's axon type G at counter
// G * post_size + j. Bits 0 are no synapse.
static Projection as_event_counts(const Projection& proj, uint32_t pre_size, uint32_t post_size) {
  Projection events;
  events.kind = ProjectionKind::Sparse;
  events.delay = proj.delay;
  const bool dense = proj.kind == ProjectionKind::Dense;
  for (std::size_t k = 0; k < proj.weights.size(); ++k) {
    if (proj.weights[k] == 0) continue;
    const uint32_t pre = dense ? static_cast<uint32_t>(k % pre_size) : proj.pre_index[k];
    const uint32_t post = dense ? static_cast<uint32_t>(k / pre_size) : proj.post_index[k];
    events.pre_index.push_back(pre);
    events.post_index.push_back(proj.axon_type(pre) * post_size + post);
    events.weights.push_back(1);
    if (!proj.delays.empty()) events.delays.push_back(proj.delays[k]);
  }
  return events;
}

NetworkSim::NetworkSim(const Network& network)
    : sources_(validated(network).sources), stats_(population_names(network)), recorder_(network) {
  pops_.resize(network.populations.size());
  for (std::size_t p = 0; p < pops_.size(); ++p) {
    const Population& pop = network.populations[p];
    PopulationState& state = pops_[p];
    state.model = pop.model;
    state.size = pop.size;
    state.slot_width = pop.size;
    state.u.resize(pop.size);
    state.v.resize(pop.size);
    state.spiked.reserve(pop.size);
    state.spike_flags.resize(pop.size);
    if (pop.model == NeuronModel::TrueNorth) {
      state.slot_width = truenorth::kAxonTypes * pop.size;
      state.tn_params.resize(pop.size);
      for (uint32_t n = 0; n < pop.size; ++n) {
        state.v[n] = pop.tn.v_init[n];
        state.tn_params[n] = truenorth_neuron_params(pop.tn, n);
      }
      state.shared_constants = std::all_of(state.tn_params.begin(), state.tn_params.end(),
                                           [&](const truenorth::NeuronParams& c) { return c == state.tn_params[0]; });
      if (state.shared_constants) state.tn_params.resize(1);
      const uint32_t blocks = (pop.size + truenorth::kCoreNeurons - 1) / truenorth::kCoreNeurons;
      for (uint32_t b = 0; b < blocks; ++b) state.lfsrs.emplace_back(Lfsr32::seeded_state(pop.seed, b));
      continue;
    }
    state.constants.resize(pop.size);
    for (uint32_t n = 0; n < pop.size; ++n) {
      const LoihiLifParams& lif = pop.lif;
      state.u[n] = lif.u_init[n];
      state.v[n] = lif.v_init[n];
      state.constants[n] = loihi::make_constants(lif.du[n], lif.dv[n], lif.vth[n], lif.bias_mant[n], lif.bias_exp[n]);
    }
    state.shared_constants = std::all_of(state.constants.begin(), state.constants.end(),
                                         [&](const loihi::LifConstants& c) { return c == state.constants[0]; });
    if (state.shared_constants) state.constants.resize(1);
    state.input_shift = -accumulator_exponent(network, p);
  }
  for (std::size_t p = 0; p < pops_.size(); ++p) {
    const Population& pop = network.populations[p];
    if (!pop.adaptive_threshold) continue;
    PopulationState& state = pops_[p];
    const bool truenorth = pop.model == NeuronModel::TrueNorth;
    state.adaptive.emplace(*pop.adaptive_threshold, max_threshold_field(pop.model));
    const std::size_t entries = truenorth ? state.tn_params.size() : state.constants.size();
    for (uint32_t n = 0; n < entries; ++n) state.base_threshold.push_back(truenorth ? pop.tn.threshold[n] : pop.lif.vth[n]);
  }

  pop_senders_.resize(pops_.size());
  source_senders_.resize(network.sources.size());
  for (const Projection& proj : network.projections) {
    if (proj.weights.empty()) continue;
    Delivery d;
    d.post = *network.find_population(proj.post);
    if (proj.short_term_depression) d.depression.emplace(*proj.short_term_depression, *network.size_of(proj.pre));
    PopulationState& post = pops_[d.post];
    const uint32_t pre_size = *network.size_of(proj.pre);
    if (post.model == NeuronModel::TrueNorth) {
      const Projection events = as_event_counts(proj, pre_size, post.size);
      if (events.weights.empty()) continue;
      d.rows = compile_synapse_rows(events, pre_size, post.slot_width, 0);
    } else {
      d.rows = compile_synapse_rows(proj, pre_size, post.size, -post.input_shift);
    }
    post.slots = std::max(post.slots, d.rows.max_delay() + 1);
    if (proj.learning)
      learning_.add(network, static_cast<std::size_t>(&proj - network.projections.data()), deliveries_.size(), d.rows,
                    d.post);
    if (auto pre = network.find_population(proj.pre))
      pop_senders_[*pre].deliveries.push_back(deliveries_.size());
    else
      source_senders_[*network.find_source(proj.pre)].deliveries.push_back(deliveries_.size());
    deliveries_.push_back(std::move(d));
  }
  for (PopulationState& state : pops_) {
    state.ring.assign(std::size_t{state.slots} * state.slot_width, 0);
    state.last_input = state.ring.data();  // all zero before the first step
  }
  for (const SpikeSource& source : sources_) generators_.emplace_back(source);
  source_spikes_.resize(sources_.size());
}

uint64_t NetworkSim::deliver(const std::vector<uint32_t>& spikes, const Sender& sender) {
  if (spikes.empty()) return 0;
  uint64_t total = 0;
  for (std::size_t index : sender.deliveries) {
    Delivery& d = deliveries_[index];
    PopulationState& post = pops_[d.post];
    std::size_t slot_offset[kMaxDelay + 1];
    for (uint32_t delay = 0; delay <= d.rows.max_delay(); ++delay)
      slot_offset[delay] = std::size_t{(step_ + delay) % post.slots} * post.slot_width;
    const uint64_t ops = d.depression ? deliver_depressed_spikes(d.rows, spikes, post.ring.data(), slot_offset,
                                                                 *d.depression, step_)
                                      : deliver_spikes(d.rows, spikes, post.ring.data(), slot_offset);
    stats_.current(d.post).synaptic_ops += ops;
    if (!learning_.empty()) learning_.on_delivery(index, step_, spikes);
    total += ops;
  }
  return total;
}

// The neuron loop, in two passes -- update, then collect the spikes -- so that the first
// vectorises; `kShared` keeps constants shared by the population in registers.
template <bool kShared>
static uint64_t update_neurons(uint32_t size, const int32_t* accumulator, int input_shift, int32_t* u, int32_t* v,
                               const loihi::LifConstants* constants, uint8_t* flags, std::vector<uint32_t>& spiked) {
  uint32_t active = 0;
  const loihi::LifConstants shared = constants[0];
  for (uint32_t n = 0; n < size; ++n) {
    const loihi::LifConstants& c = kShared ? shared : constants[n];
    const int32_t a = accumulator[n] >> input_shift;
    active += (a | u[n] | v[n] | c.bias) != 0 ? 1 : 0;
    flags[n] = static_cast<uint8_t>(loihi::step(u[n], v[n], a, c));
  }
  spiked.clear();
  for (uint32_t n = 0; n < size; ++n)
    if (flags[n]) spiked.push_back(n);
  return active;
}

// Neurons in ascending order, so each block's LFSR is drawn in the documented order. A
// neuron counts as active when it had input, or its V was or became non-zero.
uint64_t NetworkSim::update_truenorth(PopulationState& pop, const int32_t* counts) {
  uint64_t active = 0;
  pop.spiked.clear();
  const std::size_t size = pop.size;
  for (uint32_t n = 0; n < pop.size; ++n) {
    const truenorth::TypeCounts events{static_cast<uint32_t>(counts[n]), static_cast<uint32_t>(counts[size + n]),
                                       static_cast<uint32_t>(counts[2 * size + n]),
                                       static_cast<uint32_t>(counts[3 * size + n])};
    const truenorth::NeuronParams& params = pop.tn_params[pop.shared_constants ? 0 : n];
    const int32_t before = pop.v[n];
    const bool spike = truenorth::step(pop.v[n], events, params, pop.lfsrs[n / truenorth::kCoreNeurons]);
    const bool had_input = (events[0] | events[1] | events[2] | events[3]) != 0;
    active += had_input || before != 0 || pop.v[n] != 0 || spike ? 1 : 0;
    if (spike) pop.spiked.push_back(n);
  }
  return active;
}

// This step's thresholds of an adaptive population, from its base thresholds and A.
void NetworkSim::adapt_thresholds(PopulationState& pop) {
  for (std::size_t i = 0; i < pop.base_threshold.size(); ++i) {
    const int32_t vth = pop.adaptive->threshold(pop.base_threshold[i]);
    if (pop.model == NeuronModel::TrueNorth)
      pop.tn_params[i].threshold = vth;
    else
      pop.constants[i].threshold = loihi::threshold(vth);
  }
}

void NetworkSim::update(std::size_t p) {
  PopulationState& pop = pops_[p];
  if (pop.adaptive) adapt_thresholds(pop);
  const int32_t* accumulator = pop.ring.data() + std::size_t{step_ % pop.slots} * pop.slot_width;
  const uint64_t active =
      pop.model == NeuronModel::TrueNorth ? update_truenorth(pop, accumulator)
      : pop.shared_constants
          ? update_neurons<true>(pop.size, accumulator, pop.input_shift, pop.u.data(), pop.v.data(),
                                 pop.constants.data(), pop.spike_flags.data(), pop.spiked)
          : update_neurons<false>(pop.size, accumulator, pop.input_shift, pop.u.data(), pop.v.data(),
                                  pop.constants.data(), pop.spike_flags.data(), pop.spiked);
  pop.last_input = accumulator;
  Activity& activity = stats_.current(p);
  activity.active_updates += active;
  activity.idle_updates += pop.size - active;
  activity.spikes += pop.spiked.size();
  if (pop.adaptive) pop.adaptive->end_step(pop.spiked.size(), pop.size);
}

// The slot a population read in the last step stays readable as input() until now; it
// is cleared before this step's deliveries can reach it.
void NetworkSim::clear_last_input(std::size_t p) {
  PopulationState& pop = pops_[p];
  if (step_ == 0) return;
  std::fill_n(pop.ring.data() + std::size_t{(step_ - 1) % pop.slots} * pop.slot_width, pop.slot_width, 0);
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
  for (std::size_t p = 0; p < pops_.size(); ++p) clear_last_input(p);
  // (1) spikes sent in the previous step reach their accumulators.
  for (std::size_t p = 0; p < pops_.size(); ++p) profile_.recurrent_ops += deliver(pops_[p].spiked, pop_senders_[p]);
  profile_.recurrent_delivery_seconds += seconds_since(mark);
  for (std::size_t s = 0; s < generators_.size(); ++s) profile_.input_ops += deliver(source_spikes_[s], source_senders_[s]);
  profile_.input_delivery_seconds += seconds_since(mark);
  auto population_spikes = [this](std::size_t p) -> const std::vector<uint32_t>& { return pops_[p].spiked; };
  if (!learning_.empty()) learning_.take_rewards(population_spikes, source_spikes_);
  // (2) every neuron updates once; (3) this step's spikes are sent.
  for (std::size_t p = 0; p < pops_.size(); ++p) {
    update(p);
    recorder_.record_spikes(p, pops_[p].spiked);
    recorder_.record_state(p, pops_[p].u, pops_[p].v);
  }
  recorder_.end_step();
  if (!learning_.empty())  // plasticity, after the neuron updates (model/blocks/learning_rule.hpp)
    learning_.learn(step_, population_spikes, [this](std::size_t d) { return deliveries_[d].rows.weights.data(); },
                    stats_);
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

}  // namespace axomesh::model
