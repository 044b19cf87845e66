// One TrueNorth-style core as an HLS-style kernel: AXONS input axons, each of one of 4
// types, a binary crossbar onto NEURONS neurons, an axon scheduler of SLOTS ticks, and one
// LFSR for the core (a 256-neuron block of a population, as NetworkSim draws it). Static
// arrays, constant-bound loops, no dynamic memory in deliver_axon() and update_all(). The
// neuron arithmetic is model::truenorth::step and model::truenorth::count_active_types,
// instantiated unchanged (model/blocks/truenorth_neuron.hpp, docs/truenorth-neuron.md).
//
// load() (ordinary host C++) builds the core from one population of a model::Network: an
// axon per (projection, presynaptic neuron, delay) with the crossbar bits of its
// synapses, so every event a spike brings lands in NetworkSim's event counters.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "hls/hls_pragma.hpp"
#include "model/base/diagnostic.hpp"
#include "model/blocks/lfsr.hpp"
#include "model/network/network.hpp"
#include "model/blocks/truenorth_neuron.hpp"
#include "model/network/truenorth_params.hpp"

namespace axomesh::hls {

// Host side: the axons each presynaptic neuron's spike drives, per projection into the
// core's population (in the network's projection order).
struct TrueNorthCoreInputs {
  struct Sender {
    std::string pre;                                 // a source or population name
    std::vector<std::vector<uint32_t>> axons_of;     // [pre neuron] -> axons
  };
  std::vector<Sender> senders;
};

struct TrueNorthUpdateCounts {
  uint32_t spikes = 0;
  uint32_t active = 0;  // NetworkSim's definition: input, or V non-zero before or after, or a spike
};

template <uint32_t AXONS, uint32_t NEURONS, uint32_t SLOTS>
class TrueNorthCoreKernel {
  static_assert(NEURONS > 0 && NEURONS <= model::truenorth::kCoreNeurons, "one core: at most 256 neurons");
  static_assert(SLOTS > 0 && (SLOTS & (SLOTS - 1)) == 0, "SLOTS must be a power of two");

 public:
  static constexpr uint32_t kAxons = AXONS;
  static constexpr uint32_t kNeurons = NEURONS;

  // Loads population `population` of `network` (at most NEURONS neurons, one LFSR block);
  // throws model::InputError (HLS-0101 .. HLS-0103) when it does not fit.
  TrueNorthCoreInputs load(const model::Network& network, std::size_t population) {
    const model::Population& pop = network.populations.at(population);
    const std::string path = "/populations/" + std::to_string(population);
    if (pop.model != model::NeuronModel::TrueNorth)
      fail("HLS-0101", path + "/model", "expected a truenorth population, found another neuron model");
    if (pop.size > NEURONS)
      fail("HLS-0102", path + "/size",
           "expected at most " + std::to_string(NEURONS) + " neurons (the kernel's capacity), found " +
               std::to_string(pop.size));
    neurons_ = pop.size;
    for (uint32_t n = 0; n < NEURONS; ++n) {
      params_[n] = n < neurons_ ? model::truenorth_neuron_params(pop.tn, n) : model::truenorth::NeuronParams{};
      v_[n] = n < neurons_ ? pop.tn.v_init[n] : 0;
      for (uint32_t a = 0; a < AXONS; ++a) crossbar_[n][a] = 0;
    }
    for (uint32_t s = 0; s < SLOTS; ++s)
      for (uint32_t a = 0; a < AXONS; ++a) scheduled_[s][a] = 0;
    lfsr_ = model::Lfsr32(model::Lfsr32::seeded_state(pop.seed, 0));
    now_ = 0;

    TrueNorthCoreInputs inputs;
    uint32_t axons = 0;
    for (std::size_t p = 0; p < network.projections.size(); ++p) {
      const model::Projection& proj = network.projections[p];
      if (proj.post != pop.name) continue;
      const uint32_t pre_size = network.size_of(proj.pre).value_or(0);
      TrueNorthCoreInputs::Sender sender{proj.pre, std::vector<std::vector<uint32_t>>(pre_size)};
      std::map<std::pair<uint32_t, uint32_t>, uint32_t> axon_of;  // (pre, delay) -> axon
      const bool dense = proj.kind == model::ProjectionKind::Dense;
      for (std::size_t k = 0; k < proj.weights.size(); ++k) {
        if (proj.weights[k] == 0) continue;  // crossbar bit 0: no synapse
        const uint32_t pre = dense ? static_cast<uint32_t>(k % pre_size) : proj.pre_index[k];
        const uint32_t post = dense ? static_cast<uint32_t>(k / pre_size) : proj.post_index[k];
        const uint32_t delay = proj.delays.empty() ? proj.delay : proj.delays[k];
        auto [it, added] = axon_of.emplace(std::make_pair(pre, delay), axons);
        if (added) {
          if (axons == AXONS || delay >= SLOTS)
            fail("HLS-0103", "/projections/" + std::to_string(p),
                 "expected at most " + std::to_string(AXONS) + " axons with delays below " + std::to_string(SLOTS) +
                     ", found axon " + std::to_string(axons) + " with delay " + std::to_string(delay));
          axon_type_[axons] = proj.axon_type(pre);
          axon_delay_[axons] = static_cast<uint8_t>(delay);
          sender.axons_of[pre].push_back(axons);
          ++axons;
        }
        crossbar_[post][it->second] = 1;
      }
      inputs.senders.push_back(std::move(sender));
    }
    axons_ = axons;
    return inputs;
  }

  // One incoming event: the axon becomes active in the tick its delay points at.
  void deliver_axon(uint32_t axon) {
    if (axon >= axons_) return;
    scheduled_[(now_ + axon_delay_[axon]) & (SLOTS - 1)][axon] = 1;
  }

  // One tick: every neuron integrates its active axons, leaks, fires and resets, in
  // ascending order (the order of the LFSR's draws); the tick's axons are then cleared.
  TrueNorthUpdateCounts update_all(uint8_t spikes_out[NEURONS]) {
    TrueNorthUpdateCounts counts;
    for (uint32_t n = 0; n < NEURONS; ++n) {
      AXOMESH_HLS_PRAGMA(HLS PIPELINE)
      spikes_out[n] = 0;
      if (n >= neurons_) continue;
      const model::truenorth::TypeCounts events =
          model::truenorth::count_active_types(scheduled_[now_], crossbar_[n], axon_type_, static_cast<int>(AXONS));
      const int32_t before = v_[n];
      const bool spike = model::truenorth::step(v_[n], events, params_[n], lfsr_);
      const bool had_input = (events[0] | events[1] | events[2] | events[3]) != 0;
      spikes_out[n] = spike ? 1 : 0;
      counts.spikes += spike ? 1u : 0u;
      counts.active += had_input || before != 0 || v_[n] != 0 || spike ? 1u : 0u;
    }
    for (uint32_t a = 0; a < AXONS; ++a) {
      AXOMESH_HLS_PRAGMA(HLS UNROLL factor = 8)
      scheduled_[now_][a] = 0;
    }
    now_ = (now_ + 1) & (SLOTS - 1);
    return counts;
  }

  uint32_t neuron_count() const { return neurons_; }
  uint32_t axon_count() const { return axons_; }
  int32_t v(uint32_t neuron) const { return v_[neuron]; }

 private:
  static void fail(const char* id, const std::string& path, const std::string& message) {
    throw model::InputError({model::Diagnostic{id, path, message}});
  }

  model::truenorth::NeuronParams params_[NEURONS]{};
  int32_t v_[NEURONS]{};
  uint8_t crossbar_[NEURONS][AXONS]{};  // [neuron][axon]: a column per neuron, read in one sweep
  uint8_t axon_type_[AXONS]{};
  uint8_t axon_delay_[AXONS]{};
  uint8_t scheduled_[SLOTS][AXONS]{};   // the axon scheduler: active axons per future tick
  model::Lfsr32 lfsr_;
  uint32_t neurons_ = 0;
  uint32_t axons_ = 0;
  uint32_t now_ = 0;
};

}  // namespace axomesh::hls
