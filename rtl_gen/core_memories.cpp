#include "rtl_gen/core_memories.hpp"

#include "model/blocks/loihi_lif.hpp"

namespace axomesh::rtl_gen {

MemoryShape memory_shape(CoreMemory memory, const RtlGeometry& g) {
  const uint32_t n = g.neurons, a = g.axons, s = g.synapses, f = g.fanout;
  switch (memory) {
    case CoreMemory::CurrentFactor: return {"current_factor", 13, n};
    case CoreMemory::VoltageFactor: return {"voltage_factor", 13, n};
    case CoreMemory::Bias: return {"bias", 32, n};
    case CoreMemory::Threshold: return {"threshold", 32, n};
    case CoreMemory::InputShift: return {"input_shift", 4, n};
    case CoreMemory::U: return {"u", 32, n};
    case CoreMemory::V: return {"v", 32, n};
    case CoreMemory::AxonFirst: return {"axon_first", g.synapse_bits() + 1, a};
    case CoreMemory::AxonCount: return {"axon_count", g.synapse_bits() + 1, a};
    case CoreMemory::SynapseNeuron: return {"syn_neuron", g.neuron_bits(), s};
    case CoreMemory::SynapseWeight: return {"syn_weight", 16, s};
    case CoreMemory::SynapseDelay: return {"syn_delay", g.slot_bits(), s};
    case CoreMemory::Accumulators: return {"acc", 32, g.slots * n};
    case CoreMemory::FanoutFirst: return {"fanout_first", g.fanout_bits() + 1, n};
    case CoreMemory::FanoutCount: return {"fanout_count", g.fanout_bits() + 1, n};
    case CoreMemory::FanoutDestination: return {"fanout_dest", g.packet_bits(), f};
  }
  return {"", 0, 0};
}

uint32_t packet_word(const model::ChipImage& image, const model::Destination& d, const RtlGeometry& g) {
  const uint32_t local = d.core % image.geometry.cores_per_tile;
  return ((image.x_of(d.core) << g.y_bits | image.y_of(d.core)) << g.local_bits | local) << g.axon_bits() | d.axon;
}

std::vector<std::vector<uint32_t>> core_memory_words(const model::ChipImage& image, uint32_t c, const RtlGeometry& g) {
  const model::CoreImage& core = image.cores[c];
  std::vector<std::vector<uint32_t>> words(kCoreMemoryCount);
  auto memory = [&](CoreMemory m) -> std::vector<uint32_t>& { return words[static_cast<uint32_t>(m)]; };
  for (CoreMemory m : {CoreMemory::CurrentFactor, CoreMemory::VoltageFactor, CoreMemory::Bias, CoreMemory::Threshold,
                       CoreMemory::InputShift, CoreMemory::U, CoreMemory::V, CoreMemory::FanoutFirst,
                       CoreMemory::FanoutCount})
    memory(m).assign(g.neurons, 0);
  for (uint32_t n = 0; n < core.neurons.size(); ++n) {
    const model::NeuronEntry& e = core.neurons[n];
    const auto k = model::loihi::make_constants(e.du, e.dv, e.vth, e.bias_mant, e.bias_exp);
    memory(CoreMemory::CurrentFactor)[n] = uint32_t(k.current_factor);
    memory(CoreMemory::VoltageFactor)[n] = uint32_t(k.voltage_factor);
    memory(CoreMemory::Bias)[n] = uint32_t(k.bias);
    memory(CoreMemory::Threshold)[n] = uint32_t(k.threshold);
    memory(CoreMemory::InputShift)[n] = uint32_t(e.input_shift);
    memory(CoreMemory::U)[n] = uint32_t(e.u_init);
    memory(CoreMemory::V)[n] = uint32_t(e.v_init);
    memory(CoreMemory::FanoutFirst)[n] = core.fanout.begin[n];
    memory(CoreMemory::FanoutCount)[n] = core.fanout.begin[n + 1] - core.fanout.begin[n];
  }
  for (const model::AxonEntry& a : core.axons) {
    memory(CoreMemory::AxonFirst).push_back(a.first);
    memory(CoreMemory::AxonCount).push_back(a.count);
  }
  for (const model::SynapseEntry& s : core.synapses) {
    memory(CoreMemory::SynapseNeuron).push_back(s.neuron);
    memory(CoreMemory::SynapseWeight).push_back(uint32_t(uint16_t(s.weight)));
    memory(CoreMemory::SynapseDelay).push_back(s.delay);
  }
  for (const model::Destination& d : core.fanout.entries)
    memory(CoreMemory::FanoutDestination).push_back(packet_word(image, d, g));
  return words;
}

std::string memh_text(const std::vector<uint32_t>& words, uint32_t width) {
  static const char kHex[] = "0123456789abcdef";
  const uint32_t digits = (width + 3) / 4;
  const uint32_t mask = width >= 32 ? 0xFFFFFFFFu : (1u << width) - 1;
  std::string text;
  text.reserve(words.size() * (digits + 1));
  for (uint32_t w : words) {
    w &= mask;
    for (uint32_t d = digits; d-- > 0;) text += kHex[(w >> (4 * d)) & 0xF];
    text += '\n';
  }
  return text;
}

}  // namespace axomesh::rtl_gen
