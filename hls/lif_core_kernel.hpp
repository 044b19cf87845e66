// One neuromorphic core of Loihi CUBA LIF neurons as an HLS-style kernel: fixed capacity
// (template parameters), static arrays, loops with constant bounds, no dynamic memory and
// no recursion. It computes exactly what ChipSim computes for one core (model/chip/chip_sim.cpp):
// an axon event adds its synapse list into a ring of per-delay accumulators; a step
// update feeds each neuron its accumulator of this step, shifted by its input shift, to
// model::loihi::step -- the one definition of the neuron arithmetic, instantiated here
// unchanged, so this kernel, NetworkSim, ChipSim and the RTL cannot drift apart.
//
// deliver_axon() and update_all() are the synthesizable part; load() (from a
// model::CoreImage) is ordinary C++ for the host or the test bench.
#pragma once

#include <cstdint>
#include <string>

#include "hls/hls_pragma.hpp"
#include "model/chip/chip_image.hpp"
#include "model/base/diagnostic.hpp"
#include "model/blocks/loihi_lif.hpp"

namespace axomesh::hls {

// What one update of the core did, for timing and energy (the definitions of
// model::ActivityStats: a neuron is idle when its input, u, v and bias are all zero).
struct UpdateCounts {
  uint32_t spikes = 0;
  uint32_t active = 0;
  uint32_t idle = 0;
};

template <uint32_t NEURONS, uint32_t AXONS, uint32_t SYNAPSES, uint32_t SLOTS>
class LifCoreKernel {
  static_assert(NEURONS > 0 && AXONS > 0 && SYNAPSES > 0, "a core holds at least one of each");
  // A power of two makes the ring index a mask (no divider in hardware). Any ring of
  // more than the largest delay gives ChipSim's sums: a slot is read once per step and
  // cleared, and no synapse reaches further than SLOTS - 1 steps ahead.
  static_assert(SLOTS > 0 && (SLOTS & (SLOTS - 1)) == 0, "SLOTS must be a power of two");

 public:
  static constexpr uint32_t kNeurons = NEURONS;
  static constexpr uint32_t kAxons = AXONS;
  static constexpr uint32_t kSynapses = SYNAPSES;
  static constexpr uint32_t kSlots = SLOTS;

  // Loads one core's memories and initial state; throws model::InputError (HLS-0001 ..
  // HLS-0006) when the image does not fit this kernel's capacity.
  void load(const model::CoreImage& image) {
    check_fits(image);
    neurons_ = static_cast<uint32_t>(image.neurons.size());
    axons_ = static_cast<uint32_t>(image.axons.size());
    for (uint32_t n = 0; n < NEURONS; ++n) {
      const bool used = n < neurons_;
      const model::NeuronEntry entry = used ? image.neurons[n] : model::NeuronEntry{};
      constants_[n] = model::loihi::make_constants(entry.du, entry.dv, entry.vth, entry.bias_mant, entry.bias_exp);
      input_shift_[n] = static_cast<uint8_t>(entry.input_shift);
      u_[n] = entry.u_init;
      v_[n] = entry.v_init;
      for (uint32_t s = 0; s < SLOTS; ++s) accumulator_[s][n] = 0;
    }
    for (uint32_t a = 0; a < AXONS; ++a) {
      axon_first_[a] = a < axons_ ? image.axons[a].first : 0;
      axon_count_[a] = a < axons_ ? image.axons[a].count : 0;
    }
    for (uint32_t k = 0; k < SYNAPSES; ++k) {
      const model::SynapseEntry entry = k < image.synapses.size() ? image.synapses[k] : model::SynapseEntry{};
      synapse_neuron_[k] = entry.neuron;
      synapse_weight_[k] = entry.weight;
      synapse_delay_[k] = entry.delay;
    }
    now_ = 0;
  }

  // One incoming address event: adds the axon's synapse list into the accumulators of
  // the steps its delays point at. Returns the synaptic operations done (the list's
  // length; 0 for an axon the core does not have).
  uint32_t deliver_axon(uint32_t axon) {
    if (axon >= axons_) return 0;
    const uint32_t first = axon_first_[axon];
    const uint32_t count = axon_count_[axon];
    for (uint32_t k = 0; k < SYNAPSES; ++k) {
      AXOMESH_HLS_PRAGMA(HLS PIPELINE II = 1)
      if (k >= count) break;
      const uint32_t s = first + k;
      const uint32_t slot = (now_ + synapse_delay_[s]) & (SLOTS - 1);
      accumulator_[slot][synapse_neuron_[s]] += synapse_weight_[s];
    }
    return count;
  }

  // Updates every neuron once with this step's input and moves the ring on by one step.
  // spikes_out[n] is 1 when neuron n spiked (0 for the neurons past the loaded ones).
  UpdateCounts update_all(uint8_t spikes_out[NEURONS]) {
    UpdateCounts counts;
    for (uint32_t n = 0; n < NEURONS; ++n) {
      AXOMESH_HLS_PRAGMA(HLS PIPELINE II = 1)
      spikes_out[n] = 0;
      if (n >= neurons_) continue;
      const int32_t input = accumulator_[now_][n] >> input_shift_[n];
      accumulator_[now_][n] = 0;
      const bool active = (input | u_[n] | v_[n] | constants_[n].bias) != 0;
      const int32_t spike = model::loihi::step(u_[n], v_[n], input, constants_[n]);
      spikes_out[n] = static_cast<uint8_t>(spike);
      counts.spikes += static_cast<uint32_t>(spike);
      counts.active += active ? 1u : 0u;
      counts.idle += active ? 0u : 1u;
    }
    now_ = (now_ + 1) & (SLOTS - 1);
    return counts;
  }

  uint32_t neuron_count() const { return neurons_; }
  uint32_t axon_count() const { return axons_; }
  int32_t u(uint32_t neuron) const { return u_[neuron]; }
  int32_t v(uint32_t neuron) const { return v_[neuron]; }

 private:
  static void fail(const char* id, const std::string& path, const std::string& message) {
    throw model::InputError({model::Diagnostic{id, path, message}});
  }

  static void check_fits(const model::CoreImage& image) {
    const auto capacity = [](const char* what, std::size_t found, uint32_t limit) {
      return "expected at most " + std::to_string(limit) + " " + what + " (the kernel's capacity), found " +
             std::to_string(found);
    };
    if (image.neurons.size() > NEURONS) fail("HLS-0001", "/neurons", capacity("neurons", image.neurons.size(), NEURONS));
    if (image.axons.size() > AXONS) fail("HLS-0002", "/axons", capacity("axons", image.axons.size(), AXONS));
    if (image.synapses.size() > SYNAPSES)
      fail("HLS-0003", "/synapses", capacity("synapses", image.synapses.size(), SYNAPSES));
    for (std::size_t n = 0; n < image.neurons.size(); ++n) {
      const int32_t shift = image.neurons[n].input_shift;
      if (shift < 0 || shift > 31)
        fail("HLS-0006", "/neurons/" + std::to_string(n) + "/input_shift",
             "expected an input shift in 0..31, found " + std::to_string(shift));
    }
    for (std::size_t a = 0; a < image.axons.size(); ++a) {
      const model::AxonEntry& axon = image.axons[a];
      if (uint64_t{axon.first} + axon.count > image.synapses.size())
        fail("HLS-0004", "/axons/" + std::to_string(a),
             "expected a synapse list inside the " + std::to_string(image.synapses.size()) + " synapses, found [" +
                 std::to_string(axon.first) + ", " + std::to_string(uint64_t{axon.first} + axon.count) + ")");
    }
    for (std::size_t k = 0; k < image.synapses.size(); ++k) {
      const model::SynapseEntry& s = image.synapses[k];
      if (s.neuron >= image.neurons.size() || s.delay >= SLOTS)
        fail("HLS-0005", "/synapses/" + std::to_string(k),
             "expected a neuron below " + std::to_string(image.neurons.size()) + " and a delay below " +
                 std::to_string(SLOTS) + ", found neuron " + std::to_string(s.neuron) + " and delay " +
                 std::to_string(s.delay));
    }
  }

  // Neuron memory: decoded constants, input shift and state.
  model::loihi::LifConstants constants_[NEURONS]{};
  uint8_t input_shift_[NEURONS]{};
  int32_t u_[NEURONS]{};
  int32_t v_[NEURONS]{};
  // Accumulators per step slot; slot now_ belongs to the step being run.
  int32_t accumulator_[SLOTS][NEURONS]{};
  // Axon memory (synapse list per input axon) and synapse memory.
  uint32_t axon_first_[AXONS]{};
  uint32_t axon_count_[AXONS]{};
  uint32_t synapse_neuron_[SYNAPSES]{};
  int16_t synapse_weight_[SYNAPSES]{};
  uint8_t synapse_delay_[SYNAPSES]{};
  uint32_t neurons_ = 0;
  uint32_t axons_ = 0;
  uint32_t now_ = 0;
};

}  // namespace axomesh::hls
