// Helpers of the RTL harnesses: one clock cycle of a verilated model, and one core of a
// ChipImage written into the memories of rtl_gen/rtl/neuro_core.sv through its
// configuration port: write(memory, address, data), memory numbers as in the RTL.
#pragma once

#include <cstdint>

#include "model/chip_image.hpp"
#include "model/loihi_lif.hpp"

namespace spikeforge::test {

// A falling then a rising edge of `clk`.
template <class Rtl>
void clock_cycle(Rtl& rtl) {
  rtl.clk = 0;
  rtl.eval();
  rtl.clk = 1;
  rtl.eval();
}

struct CoreShape {
  uint32_t neurons, slots, x_bits, y_bits, axon_bits;
};

template <class Write>
void load_core_memories(const model::ChipImage& image, uint32_t c, const CoreShape& shape, Write write) {
  const model::CoreImage& core = image.cores[c];
  for (uint32_t a = 0; a < shape.slots * shape.neurons; ++a) write(12, a, 0);
  for (uint32_t n = 0; n < shape.neurons; ++n) {
    const bool used = n < core.neurons.size();
    model::NeuronEntry e;  // unused neurons: all zero, never spike
    if (used) e = core.neurons[n];
    const auto k = model::loihi::make_constants(e.du, e.dv, e.vth, e.bias_mant, e.bias_exp);
    write(0, n, used ? uint32_t(k.current_factor) : 0);
    write(1, n, used ? uint32_t(k.voltage_factor) : 0);
    write(2, n, used ? uint32_t(k.bias) : 0);
    write(3, n, used ? uint32_t(k.threshold) : 0);
    write(4, n, uint32_t(e.input_shift));
    write(5, n, uint32_t(e.u_init));
    write(6, n, uint32_t(e.v_init));
    write(13, n, used ? core.fanout.begin[n] : 0);
    write(14, n, used ? core.fanout.begin[n + 1] - core.fanout.begin[n] : 0);
  }
  for (uint32_t a = 0; a < core.axons.size(); ++a) {
    write(7, a, core.axons[a].first);
    write(8, a, core.axons[a].count);
  }
  for (uint32_t s = 0; s < core.synapses.size(); ++s) {
    write(9, s, core.synapses[s].neuron);
    write(10, s, uint32_t(uint16_t(core.synapses[s].weight)));
    write(11, s, core.synapses[s].delay);
  }
  for (uint32_t k = 0; k < core.fanout.entries.size(); ++k) {
    const model::Destination& d = core.fanout.entries[k];
    write(15, k, image.x_of(d.core) << (shape.y_bits + shape.axon_bits) | image.y_of(d.core) << shape.axon_bits | d.axon);
  }
}

}  // namespace spikeforge::test
