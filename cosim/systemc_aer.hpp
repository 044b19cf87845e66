// The AER ends of the SystemC co-simulation harness (systemc_harness.hpp):
//
//   AerSource  takes off-chip packets {x, y, core in tile, axon} from a fifo and drives
//              them into the chip's ext_valid/ext_data/ext_ready handshake, one per
//              accepted clock;
//   SpikeSink  samples every core's spike_valid/spike_neuron at each rising clock edge and,
//              when the chip's `done` ends the step, hands over the step's spikes per core.
//
// Both are clocked: they sample at the rising edge and drive right after it, as registers
// would. Header-only, SystemC and plain C++ (compiled where the Verilated chip is).
#pragma once

#include <cstdint>
#include <type_traits>
#include <vector>

#include <systemc>

namespace axomesh::cosim {

// Bits [low, low + width) of a port value as Verilator's SystemC model types it: bool,
// an unsigned integer, or an sc_bv for ports wider than 64 bits.
template <class Value>
uint32_t sc_value_bits(const Value& value, uint32_t low, uint32_t width) {
  if constexpr (std::is_same_v<Value, bool>) {
    return low == 0 && value ? 1u : 0u;
  } else if constexpr (std::is_integral_v<Value>) {
    return static_cast<uint32_t>((static_cast<uint64_t>(value) >> low) & ((uint64_t{1} << width) - 1));
  } else {
    return static_cast<uint32_t>(value.range(static_cast<int>(low + width - 1), static_cast<int>(low)).to_uint());
  }
}

template <class Value>
bool sc_value_any(const Value& value) {
  if constexpr (std::is_same_v<Value, bool> || std::is_integral_v<Value>) return value != 0;
  else return value.or_reduce();
}

class AerSource : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> clk;
  sc_core::sc_out<bool> ext_valid;
  sc_core::sc_out<uint32_t> ext_data;
  sc_core::sc_in<bool> ext_ready;

  SC_HAS_PROCESS(AerSource);
  AerSource(const sc_core::sc_module_name& name, int capacity)
      : sc_core::sc_module(name), packets_("packets", capacity) {
    ext_valid.initialize(false);
    SC_THREAD(drive);
  }

  // Queues one packet (from a process; waits while the fifo is full).
  void send(uint32_t packet) {
    ++pending_;
    packets_.write(packet);
  }
  // True when every queued packet has been taken by the chip. Counted here, not read from
  // the fifo: a fifo shows a write only after the delta cycle it was made in.
  bool idle() const { return pending_ == 0; }

 private:
  void drive() {
    for (;;) {
      uint32_t packet = 0;
      packets_.read(packet);
      ext_valid.write(true);
      ext_data.write(packet);
      do sc_core::wait(clk.posedge_event());
      while (!ext_ready.read());
      ext_valid.write(false);  // overridden at once when another packet is queued
      --pending_;
    }
  }

  sc_core::sc_fifo<uint32_t> packets_;
  uint64_t pending_ = 0;  // queued and not yet taken
};

// Valid and Neuron: the data types of the chip's spike_valid and spike_neuron ports.
template <class Valid, class Neuron>
class SpikeSink : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> clk;
  sc_core::sc_in<Valid> spike_valid;
  sc_core::sc_in<Neuron> spike_neuron;
  sc_core::sc_in<bool> done;

  SC_HAS_PROCESS(SpikeSink);
  SpikeSink(const sc_core::sc_module_name& name, uint32_t cores, uint32_t neuron_bits)
      : sc_core::sc_module(name), cores_(cores), neuron_bits_(neuron_bits), collecting_(cores), finished_(cores) {
    SC_METHOD(sample);
    sensitive << clk.pos();
    dont_initialize();
  }

  uint64_t cycles() const { return cycles_; }
  uint64_t steps_done() const { return steps_done_; }
  // Forgets spikes of an unfinished step (before a new run).
  void clear() {
    collecting_.assign(cores_, {});
    finished_.assign(cores_, {});
  }
  // The spikes of the last finished step, per core, in the order the cores showed them.
  void take(std::vector<std::vector<uint32_t>>& spikes) {
    spikes.swap(finished_);
    finished_.assign(cores_, {});
  }

 private:
  void sample() {
    ++cycles_;
    const Valid valid = spike_valid.read();
    if (sc_value_any(valid)) {
      const Neuron neurons = spike_neuron.read();
      for (uint32_t c = 0; c < cores_; ++c)
        if (sc_value_bits(valid, c, 1)) collecting_[c].push_back(sc_value_bits(neurons, c * neuron_bits_, neuron_bits_));
    }
    if (done.read()) {
      finished_.swap(collecting_);
      collecting_.assign(cores_, {});
      ++steps_done_;
    }
  }

  uint32_t cores_, neuron_bits_;
  std::vector<std::vector<uint32_t>> collecting_, finished_;
  uint64_t cycles_ = 0, steps_done_ = 0;
};

}  // namespace axomesh::cosim
